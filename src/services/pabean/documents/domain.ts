import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../../context.ts';
import { isUniqueViolation } from '../../../store/db.ts';
import { iso } from '../../../store/time.ts';
import type { PabeanDocumentRow } from '../../../store/migrations/0030_pabean_documents.ts';
import { documentType, validateDocument, type ValidationResult } from '../../../schemas/index.ts';
import { emitDocumentSubmitted } from '../submitted.ts';
import { documentsRepo } from './repo.ts';

/**
 * Kirim Dokumen: every customs document type, drafts, finals and revisions. Knows nothing of
 * HTTP; the routes map these errors to the pabean envelope.
 */

/** The body failed its official schema (or has no known kodeDokumen). */
export class DocumentInvalid extends Error {
  constructor(readonly result: ValidationResult) {
    super(`document invalid against ${result.schemaVersion ?? 'its schema'}: ${result.errors.length} error(s)`);
  }
}
/** A rule of sending refuses the request (duplicate nomorAju, revision of a draft, ...). */
export class DocumentRefused extends Error {
  constructor(
    readonly kind: 'duplicate' | 'not-final' | 'not-found' | 'not-revisable' | 'other-kind',
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

export interface SendInput {
  companyId: string;
  body: unknown;
  /** isFinal=true: sent (the lifecycle starts); false: a draft (default) */
  isFinal: boolean;
  /** isRevision=true: a new revision of a sent document (BC 3.0, TPB, PLB) */
  isRevision: boolean;
  /** pin a schema version (e.g. "0.5.7.13"); default newest first, then older */
  schemaVersion?: string;
  /** request headers x-ceisa-* (lower-cased): forwarded to the lifecycle */
  hints: Record<string, string>;
}

export interface SendResult {
  idHeader: string;
  nomorAju: string;
  kodeDokumen: string;
  /** `<type>@<version>` that validated the body */
  schemaVersion: string;
  state: 'draft' | 'final';
  revision: number;
  action: 'created' | 'draft-replaced' | 'finalized' | 'revised';
  validation: ValidationResult;
}

const MAX_ATTEMPTS = 4;
class Retry extends Error {}

/** Validates only: nothing is read or written. */
export function checkDocument(ctx: AppContext, body: unknown, schemaVersion?: string): ValidationResult {
  return validateDocument(body, { strictTupleItems: ctx.config.strictTupleItems, version: schemaVersion });
}

/**
 * Sends a document. New nomorAju: stored as draft or final. Existing draft: replaced (the old
 * body kept in pabean_document_versions), or finalized with isFinal. Existing final: refused
 * as a duplicate unless isRevision (revision+1, old body kept). isRevision on a draft or an
 * unknown nomorAju is refused. A document becoming final emits `documentSubmitted` inside the
 * same transaction. The company-unique (company_id, nomor_aju) constraint settles races.
 */
export async function sendDocument(ctx: AppContext, input: SendInput): Promise<SendResult> {
  const validation = checkDocument(ctx, input.body, input.schemaVersion);
  if (!validation.valid) throw new DocumentInvalid(validation);
  const body = input.body as Record<string, unknown>;
  const type = documentType(validation.documentType!)!;
  const nomorAju = body.nomorAju as string;
  if (typeof nomorAju !== 'string') {
    // every official schema requires nomorAju; this guards a schema that would not
    throw new DocumentRefused('not-found', 'nomorAju wajib diisi', '/nomorAju');
  }
  if (input.isRevision && !type.revisable) {
    throw new DocumentRefused('not-revisable', `isRevision hanya berlaku untuk dokumen BC 3.0, TPB dan PLB; ${type.name} tidak dapat direvisi`, '/querystring/isRevision');
  }
  const becomesFinal = input.isFinal || input.isRevision;
  const submittedAt = becomesFinal ? await ctx.clock.now(input.companyId) : null;
  const text = JSON.stringify(body);
  const kodeKantor = typeof body.kodeKantor === 'string' ? body.kodeKantor : null;

  for (let attempt = 1; ; attempt++) {
    try {
      return await ctx.db.transaction().execute(async (trx) => {
        const existing = await documentsRepo.findByAju(trx, input.companyId, nomorAju, ctx.engine === 'postgres');
        const nowIso = iso(Date.now());
        const emit = async (row: { id: string; revision: number }, isRevision: boolean) => {
          await emitDocumentSubmitted(trx, ctx, {
            id: row.id,
            companyId: input.companyId,
            nomorAju,
            kodeDokumen: validation.kodeDokumen!,
            kodeKantor,
            body,
            submittedAt: submittedAt!,
            revision: row.revision,
            isRevision,
            hints: input.hints,
          });
        };
        const result = (row: { id: string; revision: number }, state: 'draft' | 'final', action: SendResult['action']): SendResult => ({
          idHeader: row.id,
          nomorAju,
          kodeDokumen: validation.kodeDokumen!,
          schemaVersion: validation.schemaVersion!,
          state,
          revision: row.revision,
          action,
          validation,
        });

        if (!existing) {
          if (input.isRevision) throw new DocumentRefused('not-found', `Dokumen dengan nomor aju ${nomorAju} tidak ditemukan; isRevision hanya untuk dokumen yang sudah dikirim`, '/nomorAju');
          const row: PabeanDocumentRow = {
            id: randomUUID(),
            company_id: input.companyId,
            nomor_aju: nomorAju,
            kode_dokumen: validation.kodeDokumen!,
            kode_kantor: kodeKantor,
            state: becomesFinal ? 'final' : 'draft',
            schema_version: validation.schemaVersion!,
            body: text,
            revision: 0,
            created_at: nowIso,
            updated_at: nowIso,
            submitted_at: submittedAt ? iso(submittedAt) : null,
          };
          await documentsRepo.insert(trx, row);
          if (becomesFinal) await emit(row, false);
          return result(row, becomesFinal ? 'final' : 'draft', 'created');
        }

        if (existing.kode_dokumen !== validation.kodeDokumen) {
          throw new DocumentRefused('other-kind', `Nomor aju ${nomorAju} sudah digunakan untuk dokumen dengan kodeDokumen ${existing.kode_dokumen}`, '/kodeDokumen');
        }
        if (existing.state === 'final' && !input.isRevision) {
          throw new DocumentRefused('duplicate', `Nomor aju ${nomorAju} sudah digunakan oleh dokumen yang telah dikirim; gunakan isRevision=true untuk perbaikan`, '/nomorAju');
        }
        if (existing.state !== 'final' && input.isRevision) {
          throw new DocumentRefused('not-final', `Dokumen dengan nomor aju ${nomorAju} masih draft; isRevision hanya untuk dokumen yang sudah dikirim (kirim dengan isFinal=true)`, '/querystring/isRevision');
        }
        // strictly increasing: the optimistic guard on updated_at never matches two writers
        const updatedAt = iso(Math.max(Date.now(), Date.parse(existing.updated_at) + 1));
        await documentsRepo.insertVersion(trx, {
          id: randomUUID(),
          document_id: existing.id,
          revision: existing.revision,
          state: existing.state,
          body: existing.body,
          created_at: nowIso,
        });
        const revision = input.isRevision ? existing.revision + 1 : existing.revision;
        const state = becomesFinal ? 'final' : 'draft';
        const ok = await documentsRepo.replace(trx, existing, {
          body: text,
          schema_version: validation.schemaVersion!,
          kode_kantor: kodeKantor,
          state,
          revision,
          updated_at: updatedAt,
          submitted_at: submittedAt ? iso(submittedAt) : existing.submitted_at,
        });
        if (!ok) throw new Retry('changed concurrently');
        const row = { id: existing.id, revision };
        if (becomesFinal) await emit(row, input.isRevision);
        return result(row, state, input.isRevision ? 'revised' : becomesFinal ? 'finalized' : 'draft-replaced');
      });
    } catch (err) {
      // a concurrent request created or changed the same nomorAju first: decide again on what it wrote
      if ((err instanceof Retry || isUniqueViolation(err)) && attempt < MAX_ATTEMPTS) continue;
      if (err instanceof Retry || isUniqueViolation(err)) {
        throw new DocumentRefused('duplicate', `Nomor aju ${nomorAju} sedang diproses oleh permintaan lain; coba lagi`, '/nomorAju');
      }
      throw err;
    }
  }
}

export interface DocumentDetail {
  idHeader: string;
  nomorAju: string;
  kodeDokumen: string;
  kodeKantor: string | null;
  state: string;
  revision: number;
  schemaVersion: string;
  submittedAt: string | null;
  body: Record<string, unknown>;
  /** the caller owns it (false: the caller is named as a party, e.g. the receiving TPB of a BC 2.7) */
  own: boolean;
}

/** Digits of an identity number (NPWP written with dots and dashes compares equal). */
const digits = (s: unknown): string => (typeof s === 'string' ? s.replace(/\D/g, '') : typeof s === 'number' ? String(s) : '');

/** The caller is a party of the document: an entitas whose nomorIdentitas is its NPWP or NITKU (15/16-digit NPWP forms alike). */
function namesCompany(body: Record<string, unknown>, company: { npwp: string; nitku: string }): boolean {
  const ids = new Set([company.npwp, company.nitku, company.nitku.slice(0, 16), company.nitku.slice(0, 15), `0${company.npwp}`].filter((x) => x.length >= 15));
  const entitas = Array.isArray(body.entitas) ? body.entitas : [];
  return entitas.some((e) => e && typeof e === 'object' && ids.has(digits((e as Record<string, unknown>).nomorIdentitas)));
}

/**
 * Get Dokumen BC 2.3 (eks PJT) atau BC 2.7 Pemasukan: the caller's own document, or a final
 * one of another company that names the caller as a party (the TPB receiving the goods).
 * Anything else answers like a document that does not exist.
 */
export async function documentDetail(
  ctx: AppContext,
  caller: { companyId: string; npwp: string; nitku: string },
  q: { jenisDokumen: string; nomorAju: string; kodeKantor: string },
): Promise<DocumentDetail | null> {
  const toDetail = (r: PabeanDocumentRow, own: boolean): DocumentDetail => ({
    idHeader: r.id,
    nomorAju: r.nomor_aju,
    kodeDokumen: r.kode_dokumen,
    kodeKantor: r.kode_kantor,
    state: r.state,
    revision: r.revision,
    schemaVersion: r.schema_version,
    submittedAt: r.submitted_at,
    body: JSON.parse(r.body) as Record<string, unknown>,
    own,
  });
  const mine = await documentsRepo.findByAju(ctx.db, caller.companyId, q.nomorAju);
  if (mine && mine.kode_dokumen === q.jenisDokumen && mine.kode_kantor === q.kodeKantor) return toDetail(mine, true);
  for (const r of await documentsRepo.findFinalByAjuAnyCompany(ctx.db, q.nomorAju, q.jenisDokumen)) {
    if (r.company_id === caller.companyId || r.kode_kantor !== q.kodeKantor) continue;
    const body = JSON.parse(r.body) as Record<string, unknown>;
    if (namesCompany(body, caller)) return toDetail(r, false);
  }
  return null;
}
