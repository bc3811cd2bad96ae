import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../store/schema.ts';
import type { BarkirDocumentRow } from '../../store/migrations/0020_barang_kiriman.ts';
import { timeline, toEvent, type PlannedEvent, type TimelineEvent } from '../../lifecycle/timeline.ts';
import { iso } from '../../store/time.ts';

/** Every consignment-area timeline lives under this subject kind (the subject id is the document id). */
export const SUBJECT = 'cnpibk';

export type DocKind = 'cnpibk' | 'cn-ekspor' | 'pkbk' | 'bc14' | 'barang-tertentu' | 'e-catalogue' | 'e-invoice';

export interface BarkirDocument {
  id: string;
  companyId: string;
  kind: DocKind;
  nomorAju: string;
  nomorBarang: string | null;
  tanggal: string | null;
  kodeKantor: string | null;
  body: Record<string, unknown>;
  info: Record<string, unknown>;
  submittedAt: string;
}

export function toDoc(r: BarkirDocumentRow): BarkirDocument {
  return {
    id: r.id,
    companyId: r.company_id,
    kind: r.kind as DocKind,
    nomorAju: r.nomor_aju,
    nomorBarang: r.nomor_barang,
    tanggal: r.tanggal,
    kodeKantor: r.kode_kantor,
    body: JSON.parse(r.body) as Record<string, unknown>,
    info: JSON.parse(r.info) as Record<string, unknown>,
    submittedAt: r.submitted_at,
  };
}

export interface NewDocument {
  id?: string;
  kind: DocKind;
  nomorAju: string;
  nomorBarang?: string | null;
  tanggal?: string | null;
  kodeKantor?: string | null;
  kodeBilling?: string | null;
  body: unknown;
  info?: Record<string, unknown>;
}

let lastCreated = 0;
/** Strictly increasing creation instants within a process: documents of one request keep their order. */
function createdNow(): string {
  lastCreated = Math.max(Date.now(), lastCreated + 1);
  return iso(lastCreated);
}

/** Stores a document and schedules its timeline in the caller's transaction. */
export async function insertDocument(
  trx: Kysely<DB>,
  companyId: string,
  submittedAt: Date,
  doc: NewDocument,
  events: PlannedEvent[],
): Promise<BarkirDocument> {
  const row: BarkirDocumentRow = {
    id: doc.id ?? randomUUID(),
    company_id: companyId,
    kind: doc.kind,
    nomor_aju: doc.nomorAju,
    nomor_barang: doc.nomorBarang ?? null,
    tanggal: doc.tanggal ?? null,
    kode_kantor: doc.kodeKantor ?? null,
    kode_billing: doc.kodeBilling ?? null,
    body: JSON.stringify(doc.body),
    info: JSON.stringify(doc.info ?? {}),
    submitted_at: iso(submittedAt),
    created_at: createdNow(),
  };
  await trx.insertInto('barkir_documents').values(row).execute();
  await timeline.schedule(trx, companyId, SUBJECT, row.id, events);
  return toDoc(row);
}

export async function updateInfo(db: Kysely<DB>, id: string, info: Record<string, unknown>): Promise<void> {
  await db.updateTable('barkir_documents').set({ info: JSON.stringify(info) }).where('id', '=', id).execute();
}

export async function findByAju(db: Kysely<DB>, companyId: string, kind: DocKind, nomorAju: string): Promise<BarkirDocument | undefined> {
  const r = await db.selectFrom('barkir_documents').selectAll().where('company_id', '=', companyId).where('kind', '=', kind).where('nomor_aju', '=', nomorAju).executeTakeFirst();
  return r ? toDoc(r) : undefined;
}

export async function findByBarang(db: Kysely<DB>, companyId: string, kind: DocKind, nomorBarang: string): Promise<BarkirDocument[]> {
  const rows = await db
    .selectFrom('barkir_documents')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('kind', '=', kind)
    .where('nomor_barang', '=', nomorBarang)
    .orderBy('submitted_at')
    .orderBy('id')
    .execute();
  return rows.map(toDoc);
}

export async function listDocuments(db: Kysely<DB>, companyId: string, kind: DocKind, where: { tanggal?: string } = {}): Promise<BarkirDocument[]> {
  let q = db.selectFrom('barkir_documents').selectAll().where('company_id', '=', companyId).where('kind', '=', kind);
  if (where.tanggal) q = q.where('tanggal', '=', where.tanggal);
  const rows = await q.orderBy('submitted_at').orderBy('id').execute();
  return rows.map(toDoc);
}

export async function documentsById(db: Kysely<DB>, companyId: string, ids: string[]): Promise<Map<string, BarkirDocument>> {
  const out = new Map<string, BarkirDocument>();
  if (!ids.length) return out;
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await db.selectFrom('barkir_documents').selectAll().where('company_id', '=', companyId).where('id', 'in', unique.slice(i, i + 500)).execute();
    for (const r of rows) out.set(r.id, toDoc(r));
  }
  return out;
}

/** The due events of these documents at `now`, in timeline order. */
export async function dueEvents(db: Kysely<DB>, companyId: string, docIds: string[], now: Date): Promise<TimelineEvent[]> {
  const events = await timeline.due(db, companyId, SUBJECT, docIds, now);
  const order = new Map<string, string>();
  for (let i = 0; i < docIds.length; i += 500) {
    const rows = await db.selectFrom('barkir_documents').select(['id', 'created_at']).where('id', 'in', docIds.slice(i, i + 500)).execute();
    for (const r of rows) order.set(r.id, r.created_at);
  }
  return events.sort(
    (a, b) => a.dueAt.localeCompare(b.dueAt) || (order.get(a.subjectId) ?? '').localeCompare(order.get(b.subjectId) ?? '') || a.subjectId.localeCompare(b.subjectId) || a.seq - b.seq,
  );
}

/**
 * Due events of one kind of document (of these event codes / event kinds when given) that `channel` has not yet delivered,
 * claimed for it: each event is delivered once per channel, also under concurrent pulls (the
 * delivery row's primary key lets only one claimant insert it).
 */
export async function pullChannel(
  db: Kysely<DB>,
  companyId: string,
  kind: DocKind,
  channel: string,
  now: Date,
  only: { codes?: string[]; kinds?: string[] } = {},
  limit = 500,
): Promise<{ events: TimelineEvent[]; docs: Map<string, BarkirDocument> }> {
  const rows = await db
    .selectFrom('lifecycle_events as e')
    .innerJoin('barkir_documents as d', 'd.id', 'e.subject_id')
    .leftJoin('barkir_deliveries as x', (j) => j.onRef('x.event_id', '=', 'e.id').on('x.channel', '=', channel))
    .selectAll('e')
    .where('e.company_id', '=', companyId)
    .where('e.subject_kind', '=', SUBJECT)
    .where('d.company_id', '=', companyId)
    .where('d.kind', '=', kind)
    .where('e.due_at', '<=', iso(now))
    .where('x.event_id', 'is', null)
    .$if(Boolean(only.codes), (q) => q.where('e.code', 'in', only.codes!))
    .$if(Boolean(only.kinds), (q) => q.where('e.kind', 'in', only.kinds!))
    .orderBy('e.due_at')
    .orderBy('d.created_at')
    .orderBy('d.id')
    .orderBy('e.seq')
    .limit(limit)
    .execute();
  const candidates = rows.map(toEvent);
  const claimed: TimelineEvent[] = [];
  const at = iso(Date.now());
  for (const e of candidates) {
    const ins = await db
      .insertInto('barkir_deliveries')
      .values({ event_id: e.id, channel, delivered_at: at })
      .onConflict((oc) => oc.columns(['event_id', 'channel']).doNothing())
      .returning('event_id')
      .execute();
    if (ins.length) claimed.push(e);
  }
  return { events: claimed, docs: await documentsById(db, companyId, claimed.map((e) => e.subjectId)) };
}
