import { CN_BARANG_REQUIRED, CN_HEADER_REQUIRED } from './fields.ts';

const str = { type: 'string' } as const;

function props(names: readonly string[]): Record<string, object> {
  return Object.fromEntries(names.map((n) => [n, str]));
}

/**
 * Schema Kirim Dokumen Barang Kiriman v.0.2 as the page prints it: every field a string,
 * the listed enums and const, unknown fields allowed (the page does not forbid them). The
 * page's one-element `items` list under `barang` is DJBC's way of saying "every item": each
 * item is checked against it. The body is an array of such documents.
 */
export const CN_DOCUMENT = {
  type: 'object',
  properties: {
    ...props(CN_HEADER_REQUIRED),
    asalData: { type: 'string', const: 'S', description: 'Asal pengiriman data secara Host to Host: S' },
    badanUsahaPenerima: { type: 'string', enum: ['1', '2'] },
    jenisAju: { type: 'string', enum: ['1', '2', '3', '4', '5', '6', '15'] },
    kategoriBarangKiriman: { type: 'string', enum: ['1', '2'] },
    barang: {
      type: 'array',
      items: {
        type: 'object',
        properties: { ...props(CN_BARANG_REQUIRED), kondisiBarang: { type: 'string', enum: ['1', '2'] } },
        required: [...CN_BARANG_REQUIRED],
      },
    },
  },
  required: [...CN_HEADER_REQUIRED],
} as const;

export const CN_BODY = { type: 'array', minItems: 1, items: CN_DOCUMENT } as const;

/** Update BC 1.1 (the page's schema; its `required` says `nomoraju`, its example and properties `nomorAju`). */
export const UPDATE_BC11_BODY = {
  type: 'object',
  additionalProperties: false,
  properties: {
    noBarang: str,
    tglHouse: { type: 'string', format: 'date' },
    noBc11: str,
    nomorAju: str,
    tglBc11: { type: 'string', format: 'date' },
    posBc11: str,
    kdGudang: str,
  },
  required: ['kdGudang', 'noBarang', 'noBc11', 'posBc11', 'tglBc11', 'tglHouse', 'nomorAju'],
} as const;
