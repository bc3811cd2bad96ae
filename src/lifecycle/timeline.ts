import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import type { LifecycleEventRow } from '../store/migrations/0002_lifecycle.ts';
import { iso } from '../store/time.ts';

export interface PlannedEvent {
  kind: string;
  code: string;
  /** when the event becomes due (on the company's clock) */
  dueAt: Date;
  payload: Record<string, unknown>;
}

export interface TimelineEvent {
  id: string;
  subjectKind: string;
  subjectId: string;
  seq: number;
  kind: string;
  code: string;
  dueAt: string;
  payload: Record<string, unknown>;
  deliveredAt: string | null;
}

/** A stored event row as the timeline's callers see it. */
export function toEvent(r: LifecycleEventRow): TimelineEvent {
  return {
    id: r.id,
    subjectKind: r.subject_kind,
    subjectId: r.subject_id,
    seq: Number(r.seq),
    kind: r.kind,
    code: r.code,
    dueAt: r.due_at,
    payload: JSON.parse(r.payload) as Record<string, unknown>,
    deliveredAt: r.delivered_at,
  };
}

/**
 * A subject's future, written when it is decided, shown as it comes due on the company's
 * clock. No background thread moves anything: `due` and `pull` compare due times with the
 * clock's `now`. Works inside a caller's transaction (pass the transaction as `db`); writers of
 * one subject are serialized by the subject's lock (`lock`, taken by `schedule`).
 */
export const timeline = {
  /**
   * Takes the subject's lock until the caller's transaction ends: the writers of one subject
   * (a payment and a revision of one document, two nodes, the admin CLI next to the server)
   * run one after the other from here on. `schedule` takes it itself; a writer that reads
   * before it decides (and locks other rows on the way) takes it first, so that every writer
   * locks in the same order: the subject, then what it touches. Re-entrant within a
   * transaction. PostgreSQL: the upsert's row lock (a concurrent first insert waits for the
   * other's commit, then updates). SQLite: transactions begin immediate (store/db.ts), which
   * serializes writers already; the upsert only records the subject.
   */
  async lock(db: Kysely<DB>, companyId: string, subjectKind: string, subjectId: string): Promise<void> {
    if (!db.isTransaction) throw new Error('timeline.lock needs the caller\'s transaction (it is released at commit)');
    await db
      .insertInto('lifecycle_subjects')
      .values({ subject_kind: subjectKind, subject_id: subjectId, company_id: companyId, locked_at: iso(Date.now()) })
      .onConflict((oc) => oc.columns(['subject_kind', 'subject_id']).doUpdateSet((eb) => ({ locked_at: eb.ref('excluded.locked_at') })))
      .execute();
  },

  /**
   * Appends events after the subject's existing ones (seq continues), under the subject's lock:
   * concurrent writers never compute the same next seq. Outside a transaction it opens one.
   * The next seq is read after the lock, in a statement of its own: under PostgreSQL's default
   * READ COMMITTED it sees what the previous holder committed.
   */
  async schedule(db: Kysely<DB>, companyId: string, subjectKind: string, subjectId: string, events: PlannedEvent[]): Promise<TimelineEvent[]> {
    if (!events.length) return [];
    if (!db.isTransaction) return db.transaction().execute((trx) => timeline.schedule(trx, companyId, subjectKind, subjectId, events));
    await timeline.lock(db, companyId, subjectKind, subjectId);
    const last = await db
      .selectFrom('lifecycle_events')
      .select((eb) => eb.fn.max('seq').as('m'))
      .where('subject_kind', '=', subjectKind)
      .where('subject_id', '=', subjectId)
      .executeTakeFirst();
    let seq = Number(last?.m ?? 0);
    const created_at = iso(Date.now());
    const rows: LifecycleEventRow[] = events.map((e) => ({
      id: randomUUID(),
      company_id: companyId,
      subject_kind: subjectKind,
      subject_id: subjectId,
      seq: ++seq,
      kind: e.kind,
      code: e.code,
      due_at: iso(e.dueAt),
      payload: JSON.stringify(e.payload),
      delivered_at: null,
      created_at,
    }));
    await db.insertInto('lifecycle_events').values(rows).execute();
    return rows.map(toEvent);
  },

  /** The events of these subjects that are due at `now`, in timeline order. */
  async due(db: Kysely<DB>, companyId: string, subjectKind: string, subjectIds: string[], now: Date): Promise<TimelineEvent[]> {
    if (!subjectIds.length) return [];
    const rows = await db
      .selectFrom('lifecycle_events')
      .selectAll()
      .where('company_id', '=', companyId)
      .where('subject_kind', '=', subjectKind)
      .where('subject_id', 'in', subjectIds)
      .where('due_at', '<=', iso(now))
      .orderBy('subject_id')
      .orderBy('seq')
      .execute();
    return rows.map(toEvent);
  },

  /** Every event of one subject, due or not (for admin views and tests). */
  async all(db: Kysely<DB>, subjectKind: string, subjectId: string): Promise<TimelineEvent[]> {
    const rows = await db.selectFrom('lifecycle_events').selectAll().where('subject_kind', '=', subjectKind).where('subject_id', '=', subjectId).orderBy('seq').execute();
    return rows.map(toEvent);
  },

  /**
   * The company's due, not yet delivered events of a kind of subject, marked delivered: each
   * event is delivered by exactly one pull, also when pulls run concurrently (the conditional
   * update lets only one claimant win a row).
   */
  async pull(db: Kysely<DB>, companyId: string, subjectKind: string, now: Date, limit = 500): Promise<TimelineEvent[]> {
    const candidates = await db
      .selectFrom('lifecycle_events')
      .select('id')
      .where('company_id', '=', companyId)
      .where('subject_kind', '=', subjectKind)
      .where('delivered_at', 'is', null)
      .where('due_at', '<=', iso(now))
      .orderBy('due_at')
      .orderBy('seq')
      .limit(limit)
      .execute();
    if (!candidates.length) return [];
    const claimed = await db
      .updateTable('lifecycle_events')
      .set({ delivered_at: iso(Date.now()) })
      .where('id', 'in', candidates.map((c) => c.id))
      .where('delivered_at', 'is', null)
      .returningAll()
      .execute();
    return claimed.map(toEvent).sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.subjectId.localeCompare(b.subjectId) || a.seq - b.seq);
  },

  /** Removes a subject's events that are not yet due (e.g. a path that changed). Returns how many. */
  async cancelPending(db: Kysely<DB>, subjectKind: string, subjectId: string, now: Date): Promise<number> {
    const r = await db
      .deleteFrom('lifecycle_events')
      .where('subject_kind', '=', subjectKind)
      .where('subject_id', '=', subjectId)
      .where('due_at', '>', iso(now))
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  },
};
