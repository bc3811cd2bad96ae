import type { Kysely } from 'kysely';

/**
 * The lifecycle state of a final customs document: which path its timeline takes (lane,
 * outcome), whether it waits for a payment, and the registration number once given.
 * The events themselves are rows of `lifecycle_events` (subject_kind 'pabean').
 */
export interface PabeanLifecycleRow {
  /** = pabean_documents.id (idHeader) */
  document_id: string;
  company_id: string;
  nomor_aju: string;
  kode_dokumen: string;
  /** the document revision this timeline belongs to */
  revision: number;
  /** 'green' | 'yellow' | 'red' */
  lane: string;
  /** 'accept' | 'reject' */
  outcome: string;
  /** where the scheduling stands: 'awaiting_payment' (phase 2 waits for the billing), 'scheduled' (whole path written), 'rejected' */
  phase: string;
  /** why lane/outcome were chosen: 'header', 'body' or 'rule' (JSON {lane, outcome, billing}) */
  decided_by: string;
  nomor_daftar: string | null;
  /** ISO instant of the registration (tanggalDaftar is its Asia/Jakarta date) */
  tanggal_daftar: string | null;
  created_at: string;
  updated_at: string;
}

/** A billing (kode billing) issued for a document's duties; the timeline waits until it is paid. */
export interface PabeanBillingRow {
  id: string;
  company_id: string;
  document_id: string;
  /** 15 digits, unique */
  kode_billing: string;
  nomor_aju: string;
  revision: number;
  /** exact rupiah amount as text */
  total: string;
  /** JSON: [{kodeJenisPungutan, nilai}] (nilai as text) */
  pungutan: string;
  /** ISO instant the billing is issued (its timeline event's due time) */
  issued_at: string;
  /** ISO instant of the due date */
  due_date: string;
  /** 'unpaid' | 'paid' | 'void' (a revision replaced it) */
  status: string;
  /** ISO instant on the company clock */
  paid_at: string | null;
  created_at: string;
}

/** Per-company running numbers (nomor daftar per kantor and year, nomor respon per year). */
export interface PabeanCounterRow {
  company_id: string;
  name: string;
  value: number;
}

export interface PabeanLifecycleTables {
  pabean_lifecycles: PabeanLifecycleRow;
  pabean_billings: PabeanBillingRow;
  pabean_counters: PabeanCounterRow;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('pabean_lifecycles')
    .addColumn('document_id', 'text', (c) => c.primaryKey().references('pabean_documents.id'))
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
    .addColumn('nomor_aju', 'text', (c) => c.notNull())
    .addColumn('kode_dokumen', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('lane', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('phase', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.notNull())
    .addColumn('nomor_daftar', 'text')
    .addColumn('tanggal_daftar', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('pabean_lifecycles_company_aju').on('pabean_lifecycles').columns(['company_id', 'nomor_aju']).execute();
  await db.schema
    .createTable('pabean_billings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
    .addColumn('document_id', 'text', (c) => c.notNull().references('pabean_documents.id'))
    .addColumn('kode_billing', 'text', (c) => c.notNull().unique())
    .addColumn('nomor_aju', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('total', 'text', (c) => c.notNull())
    .addColumn('pungutan', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('paid_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('pabean_billings_document').on('pabean_billings').column('document_id').execute();
  await db.schema
    .createTable('pabean_counters')
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('value', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('pabean_counters_pk', ['company_id', 'name'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('pabean_counters').execute();
  await db.schema.dropTable('pabean_billings').execute();
  await db.schema.dropTable('pabean_lifecycles').execute();
}
