/**
 * The customs-document lifecycle: when a document becomes final (or is revised) its timeline
 * is written in the sender's transaction; a billing holds phase 2 until it is paid.
 */
import { randomInt, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../store/schema.ts';
import type { Clock } from '../clock.ts';
import { timeline, type PlannedEvent } from '../timeline.ts';
import { iso } from '../../store/time.ts';
import { onDocumentSubmitted, type SubmittedDocument } from '../../services/pabean/submitted.ts';
import { ApiError } from '../../http/errors.ts';
import { BILLING, profileOf } from './profiles.ts';
import { decide, type Decision, type Lane } from './rules.ts';
import { OFFSETS, phase1, phase2, phase2StartWithoutBilling, registrationAt, type DocRef, type Phase1End, type ResponPayload } from './plan.ts';
import { year } from './format.ts';
import type { PabeanBillingRow, PabeanLifecycleRow } from '../../store/migrations/0031_pabean_lifecycle.ts';

export const SUBJECT = 'pabean';
/** Days between a billing's issue and its due date (tanggal jatuh tempo). */
export const BILLING_DUE_DAYS = 2;

/** The next value of a per-company running number (atomic on both engines). */
export async function nextCounter(db: Kysely<DB>, companyId: string, name: string): Promise<number> {
  const r = await db
    .insertInto('pabean_counters')
    .values({ company_id: companyId, name, value: 1 })
    .onConflict((oc) => oc.columns(['company_id', 'name']).doUpdateSet((eb) => ({ value: eb('pabean_counters.value', '+', 1) })))
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(r.value);
}

function kantorOf(kodeKantor: string | null): string {
  return (kodeKantor ?? '000000').padEnd(6, '0');
}

async function newNomorDaftar(db: Kysely<DB>, companyId: string, kodeKantor: string | null, at: Date): Promise<string> {
  const n = await nextCounter(db, companyId, `daftar:${kantorOf(kodeKantor)}:${year(at)}`);
  return String(n).padStart(6, '0');
}

/** Numbers the responses that carry one: `000123/KBC.0510/2026`. */
async function numberResponses(db: Kysely<DB>, companyId: string, kodeKantor: string | null, events: PlannedEvent[]): Promise<void> {
  for (const e of events) {
    if (e.kind !== 'respon') continue;
    const p = e.payload as unknown as ResponPayload;
    if (p.template === 'receipt' || p.template === 'billing') continue;
    const y = year(e.dueAt);
    const n = await nextCounter(db, companyId, `respon:${y}`);
    p.nomorRespon = `${String(n).padStart(6, '0')}/KBC.${kantorOf(kodeKantor).slice(0, 4)}/${y}`;
  }
}

async function newKodeBilling(db: Kysely<DB>): Promise<string> {
  for (;;) {
    const kode = `6${String(randomInt(0, 1e7)).padStart(7, '0')}${String(randomInt(0, 1e7)).padStart(7, '0')}`;
    const taken = await db.selectFrom('pabean_billings').select('id').where('kode_billing', '=', kode).executeTakeFirst();
    if (!taken) return kode;
  }
}

function rejectReasons(d: Decision, nomorAju: string): { uraian1: string; uraian2: string }[] {
  if (d.decidedBy.outcome === 'rule') {
    return [{ uraian1: 'Dokumen ditolak oleh sistem', uraian2: `Nomor aju ${nomorAju} berakhiran 99: aturan penolakan sandbox (lihat docs/pabean-lifecycle.md)` }];
  }
  return [{ uraian1: 'Dokumen ditolak oleh sistem', uraian2: `Penolakan dipaksakan dengan x-ceisa-outcome (${d.decidedBy.outcome})` }];
}

/** A revision of a document whose billing was paid is not billed again. */
async function paidBefore(trx: Kysely<DB>, documentId: string): Promise<boolean> {
  const r = await trx.selectFrom('pabean_billings').select('id').where('document_id', '=', documentId).where('status', '=', 'paid').executeTakeFirst();
  return r !== undefined;
}

/** Writes a final document's timeline (inside the sender's transaction). */
export async function scheduleDocument(trx: Kysely<DB>, doc: SubmittedDocument): Promise<void> {
  const decision = decide(doc);
  const profile = profileOf(doc.kodeDokumen);
  const t0 = doc.submittedAt;
  // first the subject's lock: a payment of this document's billing waits here (or this waits for it)
  await timeline.lock(trx, doc.companyId, SUBJECT, doc.id);
  const existing = await trx.selectFrom('pabean_lifecycles').selectAll().where('document_id', '=', doc.id).executeTakeFirst();
  if (existing) {
    // a revision: the old path's future is dropped, an unpaid billing is void, the registration number stays
    await timeline.cancelPending(trx, SUBJECT, doc.id, t0);
    await trx.updateTable('pabean_billings').set({ status: 'void' }).where('document_id', '=', doc.id).where('status', '=', 'unpaid').execute();
  }
  const ref: DocRef = { nomorAju: doc.nomorAju, kodeDokumen: doc.kodeDokumen, revision: doc.revision };
  let end: Phase1End = { kind: 'continue' };
  let billing: PabeanBillingRow | undefined;
  if (decision.outcome === 'reject') end = { kind: 'reject', reasons: rejectReasons(decision, doc.nomorAju) };
  else if (decision.pungutan.length && !(await paidBefore(trx, doc.id))) {
    const issued = new Date(t0.getTime() + OFFSETS.decision);
    billing = {
      id: randomUUID(),
      company_id: doc.companyId,
      document_id: doc.id,
      kode_billing: await newKodeBilling(trx),
      nomor_aju: doc.nomorAju,
      revision: doc.revision,
      total: decision.total,
      pungutan: JSON.stringify(decision.pungutan),
      issued_at: iso(issued),
      due_date: iso(issued.getTime() + BILLING_DUE_DAYS * 86_400_000),
      status: 'unpaid',
      paid_at: null,
      created_at: iso(Date.now()),
    };
    end = { kind: 'billing', letter: profile.billing ?? BILLING, kodeBilling: billing.kode_billing };
  }
  const events = phase1(ref, profile, t0, end);
  let nomorDaftar = existing?.nomor_daftar ?? null;
  let tanggalDaftar = existing?.tanggal_daftar ?? null;
  if (end.kind === 'continue') {
    const p = phase2StartWithoutBilling(t0);
    const regAt = registrationAt(p);
    nomorDaftar ??= await newNomorDaftar(trx, doc.companyId, doc.kodeKantor, regAt);
    events.push(...phase2(ref, profile, p, false, decision.lane, { nomorDaftar, at: regAt }));
    tanggalDaftar ??= regAt.toISOString();
  }
  await numberResponses(trx, doc.companyId, doc.kodeKantor, events);
  if (billing) await trx.insertInto('pabean_billings').values(billing).execute();
  const now = iso(Date.now());
  const row: PabeanLifecycleRow = {
    document_id: doc.id,
    company_id: doc.companyId,
    nomor_aju: doc.nomorAju,
    kode_dokumen: doc.kodeDokumen,
    revision: doc.revision,
    lane: decision.lane,
    outcome: decision.outcome,
    phase: end.kind === 'reject' ? 'rejected' : end.kind === 'billing' ? 'awaiting_payment' : 'scheduled',
    decided_by: JSON.stringify(decision.decidedBy),
    nomor_daftar: nomorDaftar,
    tanggal_daftar: tanggalDaftar,
    created_at: existing?.created_at ?? now,
    updated_at: now,
  };
  if (existing) {
    const { document_id: _id, created_at: _c, ...rest } = row;
    await trx.updateTable('pabean_lifecycles').set(rest).where('document_id', '=', doc.id).execute();
  } else {
    await trx.insertInto('pabean_lifecycles').values(row).execute();
  }
  await timeline.schedule(trx, doc.companyId, SUBJECT, doc.id, events);
}

onDocumentSubmitted((trx, _ctx, doc) => scheduleDocument(trx, doc));

export interface PaidBilling {
  kodeBilling: string;
  nomorAju: string;
  status: 'paid';
  total: string;
  paidAt: string;
}

/**
 * Pays a billing of the company (sandbox): payment verification, registration, lane and
 * release are scheduled from the payment instant on the company's clock. Exactly once.
 */
export async function payBilling(db: Kysely<DB>, clock: Clock, companyId: string, kodeBilling: string): Promise<PaidBilling> {
  const now = await clock.now(companyId);
  return db.transaction().execute(async (trx) => {
    const found = await trx.selectFrom('pabean_billings').select('document_id').where('kode_billing', '=', kodeBilling).where('company_id', '=', companyId).executeTakeFirst();
    if (!found) throw ApiError.notFound(`Kode billing ${kodeBilling} tidak ditemukan`);
    // the document's lock before anything is decided: a concurrent revision (or payment) runs entirely before or after
    await timeline.lock(trx, companyId, SUBJECT, found.document_id);
    const b = await trx.selectFrom('pabean_billings').selectAll().where('kode_billing', '=', kodeBilling).where('company_id', '=', companyId).executeTakeFirstOrThrow();
    if (b.status === 'void') throw ApiError.conflict(`Kode billing ${kodeBilling} sudah tidak berlaku (dokumen direvisi)`);
    if (b.status === 'paid') throw ApiError.conflict(`Kode billing ${kodeBilling} sudah dibayar pada ${b.paid_at}`);
    if (Date.parse(b.issued_at) > now.getTime()) throw ApiError.conflict(`Kode billing ${kodeBilling} belum terbit pada jam perusahaan (terbit ${b.issued_at})`);
    const upd = await trx.updateTable('pabean_billings').set({ status: 'paid', paid_at: iso(now) }).where('id', '=', b.id).where('status', '=', 'unpaid').executeTakeFirst();
    if (Number(upd.numUpdatedRows) !== 1) throw ApiError.conflict(`Kode billing ${kodeBilling} sudah dibayar`);
    const lc = await trx.selectFrom('pabean_lifecycles').selectAll().where('document_id', '=', b.document_id).executeTakeFirstOrThrow();
    const doc = await trx.selectFrom('pabean_documents').select(['kode_kantor']).where('id', '=', b.document_id).executeTakeFirstOrThrow();
    const profile = profileOf(lc.kode_dokumen);
    const regAt = registrationAt(now);
    const nomorDaftar = lc.nomor_daftar ?? (await newNomorDaftar(trx, companyId, doc.kode_kantor, regAt));
    const ref: DocRef = { nomorAju: lc.nomor_aju, kodeDokumen: lc.kode_dokumen, revision: b.revision };
    const events = phase2(ref, profile, now, true, lc.lane as Lane, { nomorDaftar, at: regAt });
    await numberResponses(trx, companyId, doc.kode_kantor, events);
    await timeline.schedule(trx, companyId, SUBJECT, b.document_id, events);
    await trx
      .updateTable('pabean_lifecycles')
      .set({ phase: 'scheduled', nomor_daftar: nomorDaftar, tanggal_daftar: lc.tanggal_daftar ?? regAt.toISOString(), updated_at: iso(Date.now()) })
      .where('document_id', '=', b.document_id)
      .execute();
    return { kodeBilling, nomorAju: b.nomor_aju, status: 'paid' as const, total: b.total, paidAt: iso(now) };
  });
}
