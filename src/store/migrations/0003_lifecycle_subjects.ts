import type { Kysely } from 'kysely';

/**
 * One row per subject that has a timeline: the lock its writers take (inside their transaction)
 * before appending, so two writers of one subject (a payment and a revision, two nodes, the
 * admin CLI next to the server) never compute the same next `seq`. Created on first use.
 */
export interface LifecycleSubjectRow {
  subject_kind: string;
  subject_id: string;
  company_id: string;
  /** when a writer last took the lock */
  locked_at: string;
}

export interface LifecycleSubjectTables {
  lifecycle_subjects: LifecycleSubjectRow;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('lifecycle_subjects')
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
    .addColumn('locked_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('lifecycle_subjects_pk', ['subject_kind', 'subject_id'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('lifecycle_subjects').execute();
}
