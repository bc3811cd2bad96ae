const str = { type: 'string' } as const;
const digits = { type: 'string', pattern: '^\\d+$' } as const;

const BC14_BARANG = {
  type: 'object',
  properties: Object.fromEntries(
    ['alamatPenerima', 'alamatPengirim', 'brutoBarang', 'hargaBarang', 'jumlahSatuan', 'namaPenerima', 'namaPengirim', 'noBarang', 'posBarang', 'subPosBarang', 'subSubPosBarang', 'subSubSubPosBarang', 'uraianBarang'].map((k) => [k, str]),
  ),
  required: ['alamatPenerima', 'alamatPengirim', 'brutoBarang', 'hargaBarang', 'jumlahSatuan', 'namaPenerima', 'namaPengirim', 'noBarang', 'posBarang', 'subPosBarang', 'subSubPosBarang', 'subSubSubPosBarang', 'uraianBarang'],
} as const;

const KANTONG = {
  type: 'object',
  properties: {
    // the page lists two identical item schemas: every item is checked against them
    barang: { type: 'array', items: BC14_BARANG },
    ...Object.fromEntries(['brutoKantong', 'jnsDokAsal', 'noAju', 'noDokAsal', 'noKantong', 'noSegel', 'posBarang', 'subPosBarang', 'subSubPosBarang', 'subSubSubPosBarang', 'tglDokAsal'].map((k) => [k, str])),
  },
  required: ['barang', 'brutoKantong', 'jnsDokAsal', 'noAju', 'noDokAsal', 'noKantong', 'noSegel', 'posBarang', 'subPosBarang', 'subSubPosBarang', 'subSubSubPosBarang', 'tglDokAsal'],
} as const;

const BC14_HEADER_FIELDS = ['bruto', 'flightName', 'flightNo', 'jamDatang', 'jamBerangkat', 'kodeKantorBcAsal', 'kodeKantorBcTujuan', 'kodeKantorPosAsal', 'kodeKantorPosTujuan', 'kodeTpsAsal', 'kodeTpsTujuan', 'namaPengelolaTpsAsal', 'namaPengelolaTpsTujuan', 'noAju', 'tglBrgkt', 'tglDatang'];

/** JSONSchema Kirim Data BC 1.4 (draft-04, an array; its one-element `items` list checks every document). */
export const BC14_BODY = {
  type: 'array',
  minItems: 1,
  items: {
    type: 'object',
    properties: { ...Object.fromEntries(BC14_HEADER_FIELDS.map((k) => [k, str])), kantong: { type: 'array', items: KANTONG } },
    required: ['bruto', 'flightName', 'flightNo', 'jamDatang', 'jamBerangkat', 'kantong', ...BC14_HEADER_FIELDS.slice(5)],
  },
} as const;

/** JSONSchema Pecah Pos BC 1.4 (additionalProperties false as printed; `format: integer` strings are digit strings). */
export const PECAH_POS_BODY = {
  type: 'object',
  additionalProperties: false,
  properties: {
    detail: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        properties: {
          alamatPenerima: str,
          alamatPengirim: str,
          brutoBarang: digits,
          hargaBarang: digits,
          jumlahSatuan: digits,
          namaPenerima: str,
          namaPengirim: str,
          noBarang: digits,
          posBarang: str,
          seriBarang: digits,
          subPosBarang: str,
          subSubPosBarang: str,
          subSubSubPosBarang: str,
          uraianBarang: str,
        },
        required: ['alamatPenerima', 'alamatPengirim', 'brutoBarang', 'hargaBarang', 'jumlahSatuan', 'namaPenerima', 'namaPengirim', 'noBarang', 'posBarang', 'seriBarang', 'subPosBarang', 'subSubPosBarang', 'subSubSubPosBarang', 'uraianBarang'],
      },
    },
    noBc14: str,
    noKantong: str,
    tglBc14: { type: 'string', format: 'date' },
  },
  required: ['detail', 'noBc14', 'noKantong', 'tglBc14'],
} as const;

/** Kirim Data Barang Tertentu: the page prints no schema; the fields its answer echoes are required. */
export const BARANG_TERTENTU_DOC = {
  type: 'object',
  properties: { nomorDaftar: { type: 'string', minLength: 1 }, tanggalDaftar: { type: 'string', format: 'date' } },
  required: ['nomorDaftar', 'tanggalDaftar'],
} as const;

export const BARANG_TERTENTU_ARRAY = { type: 'array', minItems: 1, items: BARANG_TERTENTU_DOC } as const;
