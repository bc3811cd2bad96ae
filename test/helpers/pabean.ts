/**
 * Customs documents for lifecycle tests: does exactly what the send path (Kirim Dokumen)
 * does when a document becomes final or is revised: writes the pabean_documents row and calls
 * emitDocumentSubmitted in the same transaction, so the lifecycle schedules its timeline.
 */
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../src/context.ts';
import { emitDocumentSubmitted, type SubmittedDocument } from '../../src/services/pabean/submitted.ts';
import { iso } from '../../src/store/time.ts';
// the lifecycle registers itself with the seam when its module loads (as the app does)
import '../../src/services/index.ts';

export const DEMO_NPWP = '012345678901234';

export interface SubmitOptions {
  companyId: string;
  nomorAju: string;
  kodeDokumen?: string;
  kodeKantor?: string;
  body?: Record<string, unknown>;
  /** request headers starting with x-ceisa- (lower-case names) */
  hints?: Record<string, string>;
}

/** A small BC 2.0-like body with duties (BM 100.000,50 + PPN 50.000 + PPH 25.000; a BEBAS line is not billed). */
export function sampleBody(nomorAju: string, kodeDokumen = '20', extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    nomorAju,
    kodeDokumen,
    kodeKantor: '040300',
    kodeValuta: 'USD',
    kodeIncoterm: 'CIF',
    kodeTps: 'TPS1',
    bruto: 350.71,
    netto: 342.71,
    cif: 1234.5,
    ndpbm: 15000,
    tanggalAju: '2026-07-01',
    kotaTtd: 'JAKARTA',
    namaTtd: 'AGUS',
    jabatanTtd: 'DIREKTUR',
    tanggalTtd: '2026-07-01',
    entitas: [
      { kodeEntitas: kodeDokumen === '30' ? '2' : '1', namaEntitas: 'PT DEMO CEISA', nomorIdentitas: DEMO_NPWP, alamatEntitas: 'JAKARTA' },
      { kodeEntitas: '4', namaEntitas: 'PT PPJK', nomorIdentitas: '098765432109876', alamatEntitas: 'BEKASI' },
    ],
    dokumen: [{ kodeDokumen: '380', nomorDokumen: 'INV-001', tanggalDokumen: '2026-06-20', seriDokumen: 1 }],
    kemasan: [{ jumlahKemasan: 3, kodeJenisKemasan: 'CT', seriKemasan: 1 }],
    barang: [
      {
        seriBarang: 1,
        posTarif: '84212990',
        uraian: 'POMPA AIR',
        jumlahSatuan: 30,
        kodeSatuanBarang: 'PCE',
        netto: 340.71,
        barangTarif: [
          { kodeJenisPungutan: 'BM', kodeFasilitasTarif: '1', nilaiBayar: 100000.5 },
          { kodeJenisPungutan: 'PPN', kodeFasilitasTarif: '1', nilaiBayar: 50000 },
          { kodeJenisPungutan: 'PPH', kodeFasilitasTarif: '1', nilaiBayar: 25000 },
        ],
      },
      {
        seriBarang: 2,
        posTarif: '24029010',
        uraian: 'BARANG BEBAS',
        jumlahSatuan: 2,
        kodeSatuanBarang: 'PCE',
        netto: 2,
        barangTarif: [{ kodeJenisPungutan: 'BM', kodeFasilitasTarif: '2', nilaiBayar: 999999 }],
      },
    ],
    ...extra,
  };
}

/** Makes a document final (or revises it when the company already has that nomorAju) and schedules its lifecycle. */
export async function submitFinal(ctx: Pick<AppContext, 'db' | 'clock'>, o: SubmitOptions): Promise<SubmittedDocument> {
  const kodeDokumen = o.kodeDokumen ?? '20';
  const body = o.body ?? sampleBody(o.nomorAju, kodeDokumen);
  const submittedAt = await ctx.clock.now(o.companyId);
  return ctx.db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('pabean_documents').selectAll().where('company_id', '=', o.companyId).where('nomor_aju', '=', o.nomorAju).executeTakeFirst();
    const now = iso(Date.now());
    let id: string;
    let revision = 0;
    const isRevision = existing?.state === 'final';
    if (existing) {
      id = existing.id;
      revision = isRevision ? existing.revision + 1 : existing.revision;
      await trx.insertInto('pabean_document_versions').values({ id: randomUUID(), document_id: id, revision: existing.revision, state: existing.state, body: existing.body, created_at: now }).execute();
      await trx.updateTable('pabean_documents').set({ state: 'final', body: JSON.stringify(body), revision, updated_at: now, submitted_at: iso(submittedAt) }).where('id', '=', id).execute();
    } else {
      id = randomUUID();
      await trx
        .insertInto('pabean_documents')
        .values({
          id,
          company_id: o.companyId,
          nomor_aju: o.nomorAju,
          kode_dokumen: kodeDokumen,
          kode_kantor: o.kodeKantor ?? '040300',
          state: 'final',
          schema_version: 'test',
          body: JSON.stringify(body),
          revision: 0,
          created_at: now,
          updated_at: now,
          submitted_at: iso(submittedAt),
        })
        .execute();
    }
    const doc: SubmittedDocument = {
      id,
      companyId: o.companyId,
      nomorAju: o.nomorAju,
      kodeDokumen,
      kodeKantor: o.kodeKantor ?? '040300',
      body,
      submittedAt,
      revision,
      isRevision,
      hints: o.hints ?? {},
    };
    await emitDocumentSubmitted(trx, ctx as AppContext, doc);
    return doc;
  });
}

/** A draft (no lifecycle), as Kirim Dokumen with isFinal=false stores it. */
export async function saveDraft(ctx: Pick<AppContext, 'db'>, companyId: string, nomorAju: string, kodeDokumen = '20'): Promise<string> {
  const id = randomUUID();
  const now = iso(Date.now());
  await ctx.db
    .insertInto('pabean_documents')
    .values({ id, company_id: companyId, nomor_aju: nomorAju, kode_dokumen: kodeDokumen, kode_kantor: '040300', state: 'draft', schema_version: 'test', body: JSON.stringify(sampleBody(nomorAju, kodeDokumen)), revision: 0, created_at: now, updated_at: now, submitted_at: null })
    .execute();
  return id;
}

/** A nomorAju in the live format (kantor+dokumen, company id, date, sequence) ending with the given digits. */
export function aju(kodeDokumen: string, seq: number | string): string {
  const s = String(seq).padStart(6, '0');
  return `0000${kodeDokumen.padStart(2, '0').slice(-2)}MOT837${'20260701'}${s}`;
}
