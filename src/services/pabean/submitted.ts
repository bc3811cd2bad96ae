import type { Kysely } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { DB } from '../../store/schema.ts';

/** A customs document that has just become final (isFinal=true), or been revised (isRevision). */
export interface SubmittedDocument {
  /** idHeader */
  id: string;
  companyId: string;
  nomorAju: string;
  kodeDokumen: string;
  kodeKantor: string | null;
  body: Record<string, unknown>;
  /** instant on the company's clock */
  submittedAt: Date;
  revision: number;
  isRevision: boolean;
  /** request headers that may force lifecycle outcomes (documented by the lifecycle) */
  hints: Record<string, string>;
}

/**
 * The seam between sending documents and their lifecycle: the send path calls
 * `emitDocumentSubmitted` inside its transaction; the lifecycle registers with
 * `onDocumentSubmitted` and schedules the document's timeline in that same transaction,
 * so a document is never final without its timeline (or the reverse).
 */
export type SubmitListener = (trx: Kysely<DB>, ctx: AppContext, doc: SubmittedDocument) => Promise<void>;

const listeners: SubmitListener[] = [];

export function onDocumentSubmitted(listener: SubmitListener): void {
  listeners.push(listener);
}

export async function emitDocumentSubmitted(trx: Kysely<DB>, ctx: AppContext, doc: SubmittedDocument): Promise<void> {
  for (const l of listeners) await l(trx, ctx, doc);
}
