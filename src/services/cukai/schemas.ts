import { Type, type Static, type TSchema } from '@sinclair/typebox';

/**
 * The request schemas of the Produksi pages (Rekam/Perbaikan HT, MMEA, EA), as TypeBox. They
 * follow each page's JSON Schema; where a page's own example breaks its schema the example
 * wins (see docs/cukai.md): quantities as digit strings, `jenisLaporan` in any letter case,
 * date-times without an offset, `idSpl: null`. Unknown fields are allowed and kept.
 */

const Uuid = (description: string) => Type.String({ format: 'uuid', description });
const Str = (description: string) => Type.String({ description });
/** "Harus berupa angka positif": an integer >= 0 (the examples send 0). */
const PInt = (description: string) => Type.Integer({ minimum: 0, description });
const PNum = (description: string) => Type.Number({ minimum: 0, description });
/** A quantity the page types as string (and its example sends as "120"): an integer >= 0 or a string of digits. */
const Qty = (description: string) => Type.Unsafe<number | string>({ positiveNumber: 'integer-or-digits', description });
const Date_ = (description: string) => Type.String({ format: 'date', description: `${description} (YYYY-MM-DD)` });
const DateTime = (description: string) =>
  Type.String({ format: 'ck4-date-time', description: `${description} (ISO date-time, YYYY-MM-DD HH:MM:SS, or DDD MMM DD YYYY HH:M:S; no offset = WIB)` });
const DateOrDateTime = (description: string) => Type.String({ format: 'ck4-date-or-date-time', description: `${description} (YYYY-MM-DD or a date-time)` });
const JenisLaporan = Type.Unsafe<string>({ type: 'string', enumIgnoreCase: ['HARIAN', 'MINGGUAN', 'BULANAN'], description: 'HARIAN, MINGGUAN or BULANAN (any letter case)' });
const Nppbkc = Type.String({ pattern: '^\\d{22}$', description: 'NPPBKC, 22 digits' });
const Npwp = Type.String({ pattern: '^\\d{15,16}$', description: 'NPWP, 15 or 16 digits' });
const NullableStr = (description: string) => Type.Union([Type.String(), Type.Null()], { description });

// ------------------------------------------------------------------------------- Rekam HT
export const RekamHtDetail = Type.Object({
  nomorProduksi: Str('Nomor produksi'),
  tanggalProduksi: DateOrDateTime('Tanggal produksi'),
  jumlahKemasan: Qty('Jumlah kemasan'),
  jumlahProduksi: Qty('Jumlah produksi'),
  idMerkHt: Uuid('ID merk HT'),
  namaMerkHt: Str('Nama merk HT'),
  jenisProduksiHt: Str('Jenis produksi HT'),
  hje: PInt('Harga Jual Eceran'),
  tarif: PInt('Tarif'),
  isiPerKemasan: PInt('Isi per kemasan'),
  bahanKemasan: Str('Bahan kemasan'),
  kodeSatuan: Str('Kode satuan'),
  jumlahKemasanDilekatiPita: Qty('Jumlah kemasan yang dilekati pita'),
  seriPita: Str('Seri pita'),
  idJenisKemasan: PInt('ID jenis kemasan'),
  idJenisProduksiBkc: PInt('ID jenis produksi BKC'),
});

export const RekamHt = Type.Object({
  namaPerusahaan: Str('Nama perusahaan'),
  idNppbkc: Uuid('ID NPPBKC'),
  nppbkc: Nppbkc,
  alamatPerusahaan: Str('Alamat perusahaan'),
  jenisLaporan: JenisLaporan,
  nomorPemberitahuan: Str('Nomor pemberitahuan'),
  tanggalPemberitahuan: Date_('Tanggal pemberitahuan'),
  tanggalProduksiAwal: DateTime('Tanggal dan jam produksi awal'),
  tanggalProduksiAkhir: DateTime('Tanggal dan jam produksi akhir'),
  periodeBulan: Str('Periode bulan'),
  periodeTahun: Str('Periode tahun'),
  totalJumlahKemasan: PInt('Total jumlah kemasan'),
  totalJumlahKemasanDilekatiPita: PInt('Total jumlah kemasan yang dilekati pita'),
  totalJumlahProduksiHtBtg: PInt('Total jumlah produksi HT (batang)'),
  totalJumlahProduksiHtGr: PInt('Total jumlah produksi HT (gram)'),
  totalJumlahProduksiHtMl: PInt('Total jumlah produksi HT (mililiter)'),
  namaKota: Str('Nama kota'),
  namaPengusaha: Str('Nama pengusaha'),
  details: Type.Array(RekamHtDetail, { minItems: 1, description: 'Data detail produksi' }),
});
export type RekamHtBody = Static<typeof RekamHt>;

// ------------------------------------------------------------------------------- Rekam MMEA
export const RekamMmeaDetail = Type.Object({
  nomorProduksi: Str('Nomor produksi'),
  tanggalProduksi: DateOrDateTime('Tanggal produksi'),
  jumlahKemasan: Qty('Jumlah kemasan'),
  jumlahProduksi: PInt('Jumlah produksi'),
  idMerkMmea: Uuid('ID merk MMEA'),
  merkMmea: Str('Merk MMEA'),
  isi: PInt('Isi per kemasan'),
  tarif: PInt('Tarif'),
  kodeSatuan: Str('Kode satuan'),
  namaGolongan: Str('Nama golongan'),
  keterangan: Str('Keterangan'),
  idJenisProduksiBkc: PInt('ID jenis produksi BKC'),
});

export const RekamMmea = Type.Object({
  npwp: Npwp,
  idNppbkc: Uuid('ID NPPBKC'),
  nppbkc: Nppbkc,
  namaPerusahaan: Str('Nama perusahaan'),
  alamatPerusahaan: Str('Alamat perusahaan'),
  jenisLaporan: JenisLaporan,
  nomorPemberitahuan: Str('Nomor pemberitahuan'),
  tanggalPemberitahuan: Date_('Tanggal pemberitahuan'),
  tanggalJamProduksiAwal: DateTime('Tanggal dan jam produksi awal'),
  tanggalJamProduksiAkhir: DateTime('Tanggal dan jam produksi akhir'),
  periodeBulan: Str('Periode bulan'),
  periodeTahun: Str('Periode tahun'),
  totalJumlahKemasan: PInt('Total jumlah kemasan'),
  totalJumlahProduksi: PInt('Total jumlah produksi'),
  details: Type.Array(RekamMmeaDetail, { minItems: 1 }),
  namaPengusaha: Str('Nama pengusaha'),
  namaKota: Str('Nama kota'),
  idSpl: NullableStr('ID SPL (the example sends null)'),
});
export type RekamMmeaBody = Static<typeof RekamMmea>;

// ------------------------------------------------------------------------------- Rekam EA
export const RekamEaDetail = Type.Object({
  jumlahProduksi: Qty('Jumlah produksi'),
  keterangan: Str('Keterangan'),
  nomorProduksi: Str('Nomor produksi'),
  nomorTangki: Str('Nomor tangki'),
  tanggalProduksi: DateOrDateTime('Tanggal produksi'),
  kadar: PInt('Kadar'),
  namaMerk: Str('Nama merk'),
  tarifSpesifik: PNum('Tarif spesifik'),
  idJenisProduksiBkc: PInt('ID jenis produksi BKC'),
  idMerk: Uuid('ID merk'),
  idHandleDelete: Uuid('ID handle delete'),
});

export const RekamEa = Type.Object({
  idNppbkc: Uuid('ID NPPBKC'),
  jenisLaporan: JenisLaporan,
  jumlahProduksi: PInt('Jumlah produksi'),
  namaKota: Str('Nama kota'),
  namaPengusaha: Str('Nama pengusaha'),
  namaPerusahaan: Str('Nama perusahaan'),
  nomorPemberitahuan: Str('Nomor pemberitahuan'),
  nppbkc: Nppbkc,
  npwp: Npwp,
  tanggalJamProduksiAwal: DateTime('Tanggal dan jam produksi awal'),
  tanggalJamProduksiAkhir: DateTime('Tanggal dan jam produksi akhir'),
  tanggalPemberitahuan: Date_('Tanggal pemberitahuan'),
  alamatPerusahaan: Str('Alamat perusahaan'),
  details: Type.Array(RekamEaDetail, { minItems: 1 }),
  idSpl: NullableStr('ID SPL'),
});
export type RekamEaBody = Static<typeof RekamEa>;

// ------------------------------------------------------------------------------- Perbaikan HT
export const PerbaikanHtDetail = Type.Object({
  idCk4Detail: Uuid('ID detail CK4'),
  bahanKemasan: Str('Bahan kemasan'),
  hje: PInt('Harga Jual Eceran'),
  idMerkHt: Uuid('ID merk HT'),
  isiPerKemasan: PInt('Isi per kemasan'),
  jenisProduksiHt: Str('Jenis produksi HT'),
  jumlahKemasan: PInt('Jumlah kemasan'),
  jumlahKemasanDilekatiPita: PInt('Jumlah kemasan yang dilekati pita'),
  jumlahProduksi: PInt('Jumlah produksi'),
  nomorProduksi: Str('Nomor produksi'),
  tanggalProduksi: DateOrDateTime('Tanggal produksi'),
  // listed in the page's parameter table (not its schema, not its example): optional
  tarif: Type.Optional(PInt('Tarif cukai')),
  namaMerkHt: Type.Optional(Str('Nama merk hasil tembakau')),
  kodeSatuan: Type.Optional(Str('Kode satuan barang')),
});

export const PerbaikanHt = Type.Object({
  idCk4Header: Uuid('ID CK4 Header (the idCk4)'),
  nomorPemberitahuan: Str('Nomor pemberitahuan'),
  totalJumlahKemasan: PInt('Total jumlah kemasan'),
  totalJumlahKemasanDilekatiPita: PInt('Total jumlah kemasan yang dilekati pita'),
  totalJumlahProduksiHtBtg: PInt('Total jumlah produksi HT (batang)'),
  totalJumlahProduksiHtGr: PInt('Total jumlah produksi HT (gram)'),
  totalJumlahProduksiHtMl: PInt('Total jumlah produksi HT (mililiter)'),
  dokumen: Type.Unsafe<UploadedFile>({ filePart: true, description: 'Dokumen: a binary file part (PDF, JPEG or PNG)' }),
  nomorSurat: Str('Nomor surat'),
  tanggalSurat: Date_('Tanggal surat'),
  details: Type.Array(PerbaikanHtDetail, { minItems: 1 }),
});
export type PerbaikanHtBody = Static<typeof PerbaikanHt>;

// ------------------------------------------------------------------------------- Perbaikan MMEA
export const PerbaikanMmeaDetail = Type.Object({
  idCk4Detail: Uuid('ID detail CK4'),
  idMerkMmea: Uuid('ID merk MMEA'),
  isi: PInt('Isi per kemasan'),
  jenisKemasan: Str('Jenis kemasan'),
  jumlahKemasan: PInt('Jumlah kemasan'),
  jumlahKemasanDilekatiPita: PInt('Jumlah kemasan yang dilekati pita'),
  jumlahProduksi: PInt('Jumlah produksi'),
  kadar: PNum('Kadar'),
  merkMmea: Str('Nama merk MMEA'),
  nomorProduksi: Str('Nomor produksi'),
  tanggalProduksi: DateOrDateTime('Tanggal produksi'),
  tarif: PInt('Tarif'),
});

export const PerbaikanMmea = Type.Object({
  idCk4: Uuid('ID CK4'),
  nomorPemberitahuan: Str('Nomor pemberitahuan'),
  totalJumlahKemasan: PInt('Total jumlah kemasan'),
  totalJumlahProduksi: PInt('Total jumlah produksi'),
  nomorSurat: Str('Nomor surat'),
  tanggalSurat: Date_('Tanggal surat'),
  details: Type.Array(PerbaikanMmeaDetail, { minItems: 1 }),
});
export type PerbaikanMmeaBody = Static<typeof PerbaikanMmea>;

// ------------------------------------------------------------------------------- Perbaikan EA
export const PerbaikanEaDetail = Type.Object({
  idCk4Detail: Uuid('ID detail CK4'),
  idCk4Header: Uuid('ID header CK4'),
  jumlahProduksi: PInt('Jumlah produksi'),
  keterangan: Str('Keterangan'),
  nomorProduksi: Str('Nomor produksi'),
  nomorTangki: Str('Nomor tangki'),
  tanggalProduksi: DateOrDateTime('Tanggal produksi'),
  kadar: PNum('Kadar'),
});

export const PerbaikanEa = Type.Object({
  idCk4: Uuid('ID CK4'),
  nomorPemberitahuan: Str('Nomor pemberitahuan'),
  totalJumlahProduksi: PInt('Total jumlah produksi'),
  nomorSurat: Str('Nomor surat'),
  tanggalSurat: Date_('Tanggal surat'),
  details: Type.Array(PerbaikanEaDetail, { minItems: 1 }),
});
export type PerbaikanEaBody = Static<typeof PerbaikanEa>;

/** A file part as the multipart parser hands it over (bytes kept aside until stored). */
export interface UploadedFile {
  kind: 'file';
  filename: string;
  mimetype: string;
  size: number;
  data: Buffer;
}

export const REKAM_SCHEMAS = { HT: RekamHt, MMEA: RekamMmea, EA: RekamEa } as const;
export const PERBAIKAN_SCHEMAS = { HT: PerbaikanHt, MMEA: PerbaikanMmea, EA: PerbaikanEa } as const;
export type AnySchema = TSchema;
