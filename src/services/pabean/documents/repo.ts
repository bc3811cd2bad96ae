import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../store/schema.ts';
import type { PabeanDocumentRow, PabeanDocumentVersionRow } from '../../../store/migrations/0030_pabean_documents.ts';

type Q = Kysely<DB> | Transaction<DB>;

/** Storage of customs documents: knows rows, not envelopes or rules. Every read is company-scoped unless named otherwise. */
export const documentsRepo = {
  /** `lock` (PostgreSQL): the row stays locked until the transaction ends, so writers of one nomorAju queue up (SQLite transactions are serial already). */
  async findByAju(db: Q, companyId: string, nomorAju: string, lock = false): Promise<PabeanDocumentRow | undefined> {
    const q = db.selectFrom('pabean_documents').selectAll().where('company_id', '=', companyId).where('nomor_aju', '=', nomorAju);
    return (lock ? q.forUpdate() : q).executeTakeFirst();
  },

  async findById(db: Q, companyId: string, id: string): Promise<PabeanDocumentRow | undefined> {
    return db.selectFrom('pabean_documents').selectAll().where('company_id', '=', companyId).where('id', '=', id).executeTakeFirst();
  },

  /** Final documents of any company with this nomorAju and kind (the detail look-up filters them by who is named in them). */
  async findFinalByAjuAnyCompany(db: Q, nomorAju: string, kodeDokumen: string): Promise<PabeanDocumentRow[]> {
    return db
      .selectFrom('pabean_documents')
      .selectAll()
      .where('nomor_aju', '=', nomorAju)
      .where('kode_dokumen', '=', kodeDokumen)
      .where('state', '=', 'final')
      .execute();
  },

  async insert(db: Q, row: PabeanDocumentRow): Promise<void> {
    await db.insertInto('pabean_documents').values(row).execute();
  },

  /**
   * Replaces a document's current body, guarded by the state it was read in (optimistic
   * concurrency): false when another request changed it first.
   */
  async replace(
    db: Q,
    current: Pick<PabeanDocumentRow, 'id' | 'company_id' | 'state' | 'revision' | 'updated_at'>,
    patch: Pick<PabeanDocumentRow, 'body' | 'schema_version' | 'kode_kantor' | 'state' | 'revision' | 'updated_at' | 'submitted_at'>,
  ): Promise<boolean> {
    const r = await db
      .updateTable('pabean_documents')
      .set(patch)
      .where('id', '=', current.id)
      .where('company_id', '=', current.company_id)
      .where('state', '=', current.state)
      .where('revision', '=', current.revision)
      .where('updated_at', '=', current.updated_at)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  async insertVersion(db: Q, row: PabeanDocumentVersionRow): Promise<void> {
    await db.insertInto('pabean_document_versions').values(row).execute();
  },

  async versions(db: Q, documentId: string): Promise<PabeanDocumentVersionRow[]> {
    return db.selectFrom('pabean_document_versions').selectAll().where('document_id', '=', documentId).orderBy('created_at').orderBy('id').execute();
  },
};
