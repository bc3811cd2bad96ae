import type { Kysely } from 'kysely';

/**
 * Excise (cukai) master data and CK-4 production reports. Every row belongs to a company;
 * display-only attributes of master data are JSON text (`attrs`), kept as given.
 */
export interface CukaiKantorRow {
  company_id: string;
  kode_kantor: string;
  nama_kantor: string;
}
export interface CukaiNppbkcRow {
  /** idNppbkc (UUID) */
  id: string;
  company_id: string;
  /** the 22-digit NPPBKC */
  nppbkc: string;
  /** NPWP as registered (15 or 16 digits) */
  npwp: string;
  nama_perusahaan: string;
  kode_kantor: string;
  /** 1 EA, 2 MMEA, 3 HT (text, as the docs send it) */
  kode_jenis_bkc: string;
  /** JSON: the other fields of the NPPBKC record (pemilik, alamat, kota, blokir, ...) */
  attrs: string;
  created_at: string;
}
export interface CukaiKuasaRow {
  id: string;
  company_id: string;
  nppbkc_id: string;
  penerima_kuasa: string;
  identitas: string;
  created_at: string;
}
export interface CukaiMerkRow {
  /** idMerk (UUID) */
  id: string;
  company_id: string;
  nppbkc_id: string;
  /** 'HT' | 'MMEA' | 'EA' */
  jenis_bkc: string;
  nama_merk: string;
  /** JSON: jenisProduksi, idJenisProduksiBkc, golongan, kadar, isi, kemasan, hje, tarif, satuan, seriPita, statusMerk */
  attrs: string;
  created_at: string;
}
export interface CukaiTarifMerkRow {
  /** idTarifMerkHeader (UUID) */
  id: string;
  company_id: string;
  merk_id: string;
  /** YYYY-MM-DD or null (always in force) */
  awal_berlaku: string | null;
  akhir_berlaku: string | null;
  /** JSON: the record's other fields as the tarif browse shows them */
  attrs: string;
  created_at: string;
}
export interface CukaiCk4Row {
  /** idCk4 (UUID) */
  id: string;
  company_id: string;
  nppbkc_id: string;
  /** 'HT' | 'MMEA' | 'EA' */
  jenis_bkc: string;
  nomor_pemberitahuan: string;
  /** YYYY-MM-DD */
  tanggal_pemberitahuan: string;
  jenis_laporan: string;
  /** 'Selesai', 'Selesai (Perbaikan)', 'Batal', 'Persetujuan Perbaikan' or null */
  status: string | null;
  /** the current version (1 = as recorded) */
  version: number;
  /** JSON: the current normalized report {header, details} */
  doc: string;
  created_at: string;
  updated_at: string;
}
export interface CukaiCk4VersionRow {
  id: string;
  ck4_id: string;
  company_id: string;
  version: number;
  /** 'rekam' | 'perbaikan' | 'seed' */
  kind: string;
  /** JSON: the normalized report of this version */
  doc: string;
  /** JSON: the request exactly as accepted (unknown fields kept) */
  request: string;
  dokumen_key: string | null;
  dokumen_name: string | null;
  dokumen_type: string | null;
  dokumen_size: number | null;
  created_at: string;
}

export interface CukaiTables {
  cukai_kantor: CukaiKantorRow;
  cukai_nppbkc: CukaiNppbkcRow;
  cukai_kuasa: CukaiKuasaRow;
  cukai_merk: CukaiMerkRow;
  cukai_tarif_merk: CukaiTarifMerkRow;
  cukai_ck4: CukaiCk4Row;
  cukai_ck4_versions: CukaiCk4VersionRow;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('cukai_kantor')
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
    .addColumn('kode_kantor', 'text', (c) => c.notNull())
    .addColumn('nama_kantor', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('cukai_kantor_pk', ['company_id', 'kode_kantor'])
    .execute();
  await db.schema
    .createTable('cukai_nppbkc')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
    .addColumn('nppbkc', 'text', (c) => c.notNull())
    .addColumn('npwp', 'text', (c) => c.notNull())
    .addColumn('nama_perusahaan', 'text', (c) => c.notNull())
    .addColumn('kode_kantor', 'text', (c) => c.notNull())
    .addColumn('kode_jenis_bkc', 'text', (c) => c.notNull())
    .addColumn('attrs', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('cukai_nppbkc_company_number', ['company_id', 'nppbkc'])
    .execute();
  await db.schema
    .createTable('cukai_kuasa')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
    .addColumn('nppbkc_id', 'text', (c) => c.notNull().references('cukai_nppbkc.id'))
    .addColumn('penerima_kuasa', 'text', (c) => c.notNull())
    .addColumn('identitas', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('cukai_merk')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
    .addColumn('nppbkc_id', 'text', (c) => c.notNull().references('cukai_nppbkc.id'))
    .addColumn('jenis_bkc', 'text', (c) => c.notNull())
    .addColumn('nama_merk', 'text', (c) => c.notNull())
    .addColumn('attrs', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('cukai_merk_nppbkc').on('cukai_merk').columns(['company_id', 'nppbkc_id', 'jenis_bkc']).execute();
  await db.schema
    .createTable('cukai_tarif_merk')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
    .addColumn('merk_id', 'text', (c) => c.notNull().references('cukai_merk.id'))
    .addColumn('awal_berlaku', 'text')
    .addColumn('akhir_berlaku', 'text')
    .addColumn('attrs', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('cukai_tarif_merk_merk').on('cukai_tarif_merk').columns(['company_id', 'merk_id']).execute();
  await db.schema
    .createTable('cukai_ck4')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
    .addColumn('nppbkc_id', 'text', (c) => c.notNull().references('cukai_nppbkc.id'))
    .addColumn('jenis_bkc', 'text', (c) => c.notNull())
    .addColumn('nomor_pemberitahuan', 'text', (c) => c.notNull())
    .addColumn('tanggal_pemberitahuan', 'text', (c) => c.notNull())
    .addColumn('jenis_laporan', 'text', (c) => c.notNull())
    .addColumn('status', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('doc', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('cukai_ck4_browse').on('cukai_ck4').columns(['company_id', 'nppbkc_id', 'jenis_bkc', 'created_at']).execute();
  await db.schema
    .createTable('cukai_ck4_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ck4_id', 'text', (c) => c.notNull().references('cukai_ck4.id'))
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('doc', 'text', (c) => c.notNull())
    .addColumn('request', 'text', (c) => c.notNull())
    .addColumn('dokumen_key', 'text')
    .addColumn('dokumen_name', 'text')
    .addColumn('dokumen_type', 'text')
    .addColumn('dokumen_size', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('cukai_ck4_versions_ck4_version', ['ck4_id', 'version'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['cukai_ck4_versions', 'cukai_ck4', 'cukai_tarif_merk', 'cukai_merk', 'cukai_kuasa', 'cukai_nppbkc', 'cukai_kantor']) {
    await db.schema.dropTable(t).execute();
  }
}
