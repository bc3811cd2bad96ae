import type { Kysely } from 'kysely';

/**
 * Consignments (barang kiriman): every document the area receives (impor CN/PIBK, ekspor CN
 * and PKBK, BC 1.4, barang tertentu, e-catalogue, e-invoice) in one table keyed by kind;
 * the X-ray photo sets and photos; and which events each pull channel already delivered.
 */
export interface BarkirDocumentRow {
  id: string;
  company_id: string;
  /** 'cnpibk' | 'cn-ekspor' | 'pkbk' | 'bc14' | 'barang-tertentu' | 'e-catalogue' | 'e-invoice' */
  kind: string;
  /** the document's own number (generated nomorAju, noAju, identityQualifierCode, invoiceNumber, ...) */
  nomor_aju: string;
  /** the goods number (nomorBarang / house AWB) where the kind has one */
  nomor_barang: string | null;
  /** yyyy-MM-dd: tanggalHouse, tanggalBarangKiriman, startingDate, invoiceDate, ... */
  tanggal: string | null;
  kode_kantor: string | null;
  /** the billing code decided at send time (impor CN/PIBK that pay), shown once its billing is due */
  kode_billing: string | null;
  /** the document exactly as accepted (JSON text; unknown fields kept) */
  body: string;
  /** JSON: what the area derived at send time (outcome, billing, registration numbers) */
  info: string;
  /** instant on the company's clock (ISO) */
  submitted_at: string;
  created_at: string;
}

export interface BarkirXrayRow {
  id: string;
  company_id: string;
  document_id: string;
  nomor_aju: string;
  nomor_bl_awb: string;
  tanggal_bl_awb: string;
  kode_kantor: string;
  created_at: string;
}

export interface BarkirXrayPhotoRow {
  id: string;
  xray_id: string;
  company_id: string;
  /** server-generated; never derived from the client's file name */
  blob_key: string;
  /** the client's file name, metadata only */
  nama_file: string;
  content_type: string;
  size_bytes: number;
  /** yyyy-MM-dd HH:mm:ss (WIB) on the company clock */
  waktu_rekam: string;
  created_at: string;
}

export interface BarkirDeliveryRow {
  event_id: string;
  /** the pull that delivered it: 'status:XRAY', 'billing', 'e-catalogue', ... */
  channel: string;
  delivered_at: string;
}

export interface BarangKirimanTables {
  barkir_documents: BarkirDocumentRow;
  barkir_xray: BarkirXrayRow;
  barkir_xray_photos: BarkirXrayPhotoRow;
  barkir_deliveries: BarkirDeliveryRow;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('barkir_documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('nomor_aju', 'text', (c) => c.notNull())
    .addColumn('nomor_barang', 'text')
    .addColumn('tanggal', 'text')
    .addColumn('kode_kantor', 'text')
    .addColumn('kode_billing', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('info', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('barkir_documents_company_kind_aju', ['company_id', 'kind', 'nomor_aju'])
    .execute();
  await db.schema.createIndex('barkir_documents_billing').on('barkir_documents').columns(['company_id', 'kode_billing']).execute();
  await db.schema.createIndex('barkir_documents_barang').on('barkir_documents').columns(['company_id', 'kind', 'nomor_barang']).execute();
  await db.schema
    .createTable('barkir_xray')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
    .addColumn('document_id', 'text', (c) => c.notNull().references('barkir_documents.id'))
    .addColumn('nomor_aju', 'text', (c) => c.notNull())
    .addColumn('nomor_bl_awb', 'text', (c) => c.notNull())
    .addColumn('tanggal_bl_awb', 'text', (c) => c.notNull())
    .addColumn('kode_kantor', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('barkir_xray_company_aju', ['company_id', 'nomor_aju'])
    .execute();
  await db.schema.createIndex('barkir_xray_blawb').on('barkir_xray').columns(['company_id', 'nomor_bl_awb', 'tanggal_bl_awb', 'kode_kantor']).execute();
  await db.schema
    .createTable('barkir_xray_photos')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('xray_id', 'text', (c) => c.notNull().references('barkir_xray.id'))
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
    .addColumn('blob_key', 'text', (c) => c.notNull().unique())
    .addColumn('nama_file', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('waktu_rekam', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('barkir_xray_photos_xray').on('barkir_xray_photos').columns(['xray_id', 'created_at']).execute();
  await db.schema
    .createTable('barkir_deliveries')
    .addColumn('event_id', 'text', (c) => c.notNull().references('lifecycle_events.id'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('delivered_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('barkir_deliveries_pk', ['event_id', 'channel'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['barkir_deliveries', 'barkir_xray_photos', 'barkir_xray', 'barkir_documents']) await db.schema.dropTable(t).execute();
}
