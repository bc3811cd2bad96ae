import type { Kysely } from 'kysely';

/** Customs documents (BC 2.0, 3.0, 2.3, ... ) sent with Kirim Dokumen. */
export interface PabeanDocumentRow {
  /** the idHeader answered to the client (UUID) */
  id: string;
  company_id: string;
  nomor_aju: string;
  kode_dokumen: string;
  kode_kantor: string | null;
  /** 'draft' (isFinal=false, replaceable) or 'final' (sent: the lifecycle runs) */
  state: string;
  /** which official schema version validated the body, e.g. 'bc20@0.5.7.18' */
  schema_version: string;
  /** the body exactly as accepted (JSON text; unknown fields kept) */
  body: string;
  /** 0 for the first sent version, +1 per isRevision */
  revision: number;
  created_at: string;
  updated_at: string;
  /** when it became final (ISO, company clock) */
  submitted_at: string | null;
}

/** Every earlier body of a document (drafts replaced, revisions superseded): nothing is lost. */
export interface PabeanDocumentVersionRow {
  id: string;
  document_id: string;
  revision: number;
  state: string;
  body: string;
  created_at: string;
}

export interface PabeanDocumentTables {
  pabean_documents: PabeanDocumentRow;
  pabean_document_versions: PabeanDocumentVersionRow;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('pabean_documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
    .addColumn('nomor_aju', 'text', (c) => c.notNull())
    .addColumn('kode_dokumen', 'text', (c) => c.notNull())
    .addColumn('kode_kantor', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('schema_version', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addUniqueConstraint('pabean_documents_company_aju', ['company_id', 'nomor_aju'])
    .execute();
  await db.schema
    .createTable('pabean_document_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('document_id', 'text', (c) => c.notNull().references('pabean_documents.id'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('pabean_document_versions_doc').on('pabean_document_versions').column('document_id').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('pabean_document_versions').execute();
  await db.schema.dropTable('pabean_documents').execute();
}
