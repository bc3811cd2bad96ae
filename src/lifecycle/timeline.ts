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
 * clock's `now`. Works inside a caller's transaction (pass the transaction as `db`).
 */
export const timeline = {
  /** Appends events after the subject's existing ones (seq continues). */
  async schedule(db: Kysely<DB>, companyId: string, subjectKind: string, subjectId: string, events: PlannedEvent[]): Promise<TimelineEvent[]> {
    if (!events.length) return [];
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
