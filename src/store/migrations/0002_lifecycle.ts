import type { Kysely } from 'kysely';

/**
 * The lifecycle timeline: every future event of a subject (a customs document, a consignment,
 * ...) with the instant it becomes due on its company's clock. Reads show what is due;
 * `delivered_at` records the one pull that delivered an event from a queue.
 */
export interface LifecycleEventRow {
  id: string;
  company_id: string;
  /** which kind of subject: 'pabean', 'cnpibk', ... (owned by the area) */
  subject_kind: string;
  /** the subject's id (e.g. the document idHeader) */
  subject_id: string;
  /** order within the subject's timeline */
  seq: number;
  /** 'status', 'respon', 'billing', ... (owned by the area) */
  kind: string;
  code: string;
  due_at: string;
  /** JSON: whatever the area needs to render the event */
  payload: string;
  delivered_at: string | null;
  created_at: string;
}

export interface LifecycleTables {
  lifecycle_events: LifecycleEventRow;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('lifecycle_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('delivered_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('lifecycle_events_subject_seq', ['subject_kind', 'subject_id', 'seq'])
    .execute();
  await db.schema.createIndex('lifecycle_events_queue').on('lifecycle_events').columns(['company_id', 'subject_kind', 'delivered_at', 'due_at']).execute();
  await db.schema.createIndex('lifecycle_events_subject').on('lifecycle_events').columns(['subject_kind', 'subject_id', 'due_at']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('lifecycle_events').execute();
}
