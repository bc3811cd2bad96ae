import type { AppContext } from '../../../context.ts';
import type { Tenant } from '../../../auth/repo.ts';
import { ApiError } from '../../../http/errors.ts';
import type { FieldError } from '../../../http/families.ts';
import { isUniqueViolation } from '../../../store/db.ts';
import type { TimelineEvent } from '../../../lifecycle/timeline.ts';
import { iso } from '../../../store/time.ts';
import { isoOffset, wibJava } from '../common.ts';
import { randomUUID } from 'node:crypto';
import { dueEvents, findByAju, findByBarang, insertDocument, pullChannel, toDoc, type BarkirDocument } from '../repo.ts';
import { planCnPibk, uraianStatus, STATUS_GROUPS, type BillingInfo, type Scenario } from './lifecycle.ts';

type Doc = Record<string, unknown>;

/** `<NITKU><tanggalHouse yyyyMMdd><nomorBarang><CN|PIBK><n>`: the seed's `012345678901234500000020250930CNTESTXRAY3CN1`. */
export function nomorAjuOf(nitku: string, doc: Doc, n: number): string {
  const tanggal = String(doc.tanggalHouse ?? '').replace(/-/g, '');
  return `${nitku}${tanggal}${String(doc.nomorBarang ?? '')}${doc.jenisAju === '2' ? 'PIBK' : 'CN'}${n}`;
}

export interface SentConsignment {
  nomorAju: string;
  nomorBarang: string;
  tanggalHouse: string;
  kodeKantor: string;
  kodeStatus: string;
  uraianStatus: string;
  waktuRekam: string;
}

/**
 * Kirim Dokumen Barang Kiriman: every document of the array is stored with its timeline, or
 * none is. A goods number (nomorBarang + tanggalHouse) may be sent again only after CEISA
 * rejected the earlier one (900); the new one gets the next nomorAju sequence.
 */
export async function sendCnPibk(ctx: AppContext, tenant: Tenant, docs: Doc[], scenario: Scenario): Promise<SentConsignment[]> {
  const now = await ctx.clock.now(tenant.companyId);
  const errors: FieldError[] = [];
  const seen = new Map<string, number>();
  docs.forEach((d, i) => {
    const key = `${String(d.nomorBarang)}|${String(d.tanggalHouse)}`;
    if (seen.has(key)) errors.push({ field: `/${i}/nomorBarang`, rule: 'unique', message: `/${i}/nomorBarang ${String(d.nomorBarang)} (tanggalHouse ${String(d.tanggalHouse)}) appears twice in this request (also at /${seen.get(key)})` });
    else seen.set(key, i);
  });
  if (errors.length) throw ApiError.badRequest(`Request body is invalid: ${errors[0]!.message}`, errors);
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const out: SentConsignment[] = [];
      for (const [i, d] of docs.entries()) {
        const nomorBarang = String(d.nomorBarang);
        const earlier = (await findByBarang(trx, tenant.companyId, 'cnpibk', nomorBarang)).filter((e) => e.tanggal === d.tanggalHouse);
        const live = earlier.find((e) => e.info.outcome !== 'reject');
        if (live) {
          throw new ApiError(409, `Data barang kiriman ${nomorBarang} tanggal ${String(d.tanggalHouse)} sudah pernah dikirim dengan nomor aju ${live.nomorAju}`, [
            { field: `/${i}/nomorBarang`, rule: 'unique', message: `/${i}/nomorBarang was already sent as ${live.nomorAju}` },
          ]);
        }
        const nomorAju = nomorAjuOf(tenant.nitku, d, earlier.length + 1);
        const id = randomUUID();
        const plan = planCnPibk(id, d, now, scenario);
        await insertDocument(
          trx,
          tenant.companyId,
          now,
          {
            id,
            kind: 'cnpibk',
            nomorAju,
            nomorBarang,
            tanggal: String(d.tanggalHouse),
            kodeKantor: String(d.kodeKantor),
            kodeBilling: plan.billing?.kodeBilling ?? null,
            body: d,
            info: { outcome: plan.outcome, billing: plan.billing, scenario, nomorHouse: d.nomorHouse ?? null },
          },
          plan.events,
        );
        out.push({
          nomorAju,
          nomorBarang,
          tanggalHouse: String(d.tanggalHouse),
          kodeKantor: String(d.kodeKantor),
          kodeStatus: '100',
          uraianStatus: uraianStatus('100'),
          waktuRekam: isoOffset(iso(now)),
        });
      }
      return out;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw ApiError.conflict('Data barang kiriman sedang dikirim oleh permintaan lain; ulangi permintaan');
    throw err;
  }
}

/** Where the billing PDF of a consignment is served (Tarik Respon Dokumen Cetakan). */
export function billingReportPath(doc: BarkirDocument, billing: BillingInfo): string {
  return `report_barkir/billing/${doc.id}-${billing.kodeBilling}_303_billing.pdf`;
}

export interface ResponItem {
  nomorAju: string;
  npwpPemberitahu: string;
  nomorBarang: string;
  waktuRekam: string;
  kodeStatus: string;
  uraianStatus?: string;
  keterangan?: string | null;
  [k: string]: unknown;
}

function baseItem(doc: BarkirDocument, e: TimelineEvent): ResponItem {
  return {
    nomorAju: doc.nomorAju,
    npwpPemberitahu: String(doc.body.npwpPemberitahu ?? ''),
    nomorBarang: doc.nomorBarang ?? '',
    waktuRekam: isoOffset(e.dueAt),
    kodeStatus: e.code,
  };
}

/** One response of a consignment with its text and, for billing, the billing data. */
export function fullItem(doc: BarkirDocument, e: TimelineEvent, baseUrl: string): ResponItem {
  const item: ResponItem = { ...baseItem(doc, e), uraianStatus: String(e.payload.uraian ?? ''), keterangan: (e.payload.keterangan as string | null) ?? null };
  const billing = e.payload.billing as BillingInfo | undefined;
  if (billing) {
    Object.assign(item, {
      kodeBilling: billing.kodeBilling,
      nomorSppbmcp: billing.nomorSppbmcp,
      tanggalBilling: wibJava(new Date(billing.tanggalBilling)),
      tanggalJatuhTempo: wibJava(new Date(billing.tanggalJatuhTempo)),
      totalTagihan: billing.totalNilaiTagihan,
      urlReport: `${baseUrl}/openapi/cnpibk/download-respon?path=${billingReportPath(doc, billing)}`,
    });
  }
  return item;
}

/** Tarik Respon CN PIBK (by nomorAju): every due response, as often as asked. */
export async function responByAju(ctx: AppContext, tenant: Tenant, nomorAju: string, baseUrl: string): Promise<ResponItem[] | null> {
  const doc = await findByAju(ctx.db, tenant.companyId, 'cnpibk', nomorAju);
  if (!doc) return null;
  const now = await ctx.clock.now(tenant.companyId);
  const events = await dueEvents(ctx.db, tenant.companyId, [doc.id], now);
  return events.map((e) => fullItem(doc, e, baseUrl));
}

/** Tarik Respon CN PIBK By Status: the due responses of that status not pulled before, once. */
export async function responByStatus(ctx: AppContext, tenant: Tenant, status: string): Promise<ResponItem[]> {
  const now = await ctx.clock.now(tenant.companyId);
  const { events, docs } = await pullChannel(ctx.db, tenant.companyId, 'cnpibk', `status:${status}`, now, { codes: STATUS_GROUPS[status]! });
  return events.map((e) => baseItem(docs.get(e.subjectId)!, e));
}

export interface BillingKonsol {
  nomorSppbmcpKonsol: string;
  tanggalSppbmcpKonsol: string;
  npwpPemberitahu: string;
  namaPemberitahu: string;
  kodeKantor: string;
  kodeBilling: string;
  [k: string]: unknown;
}

function konsol(tenant: Tenant, doc: BarkirDocument, billing: BillingInfo, baseUrl: string): BillingKonsol {
  const tgl = wibJava(new Date(billing.tanggalBilling));
  return {
    nomorSppbmcpKonsol: billing.nomorSppbmcp,
    tanggalSppbmcpKonsol: `${tgl.slice(0, 10)} 00:00:00.0`,
    npwpPemberitahu: String(doc.body.npwpPemberitahu ?? tenant.npwp),
    namaPemberitahu: tenant.companyName,
    kodeKantor: doc.kodeKantor ?? '',
    kodeBilling: billing.kodeBilling,
    totalNilaiBm: billing.totalNilaiBm,
    totalNilaiPph: billing.totalNilaiPph,
    totalNilaiPpn: billing.totalNilaiPpn,
    totalNilaiPpnbm: billing.totalNilaiPpnbm,
    totalNilaiBmtp: billing.totalNilaiBmtp,
    totalNilaiBmad: billing.totalNilaiBmad,
    totalNilaiTagihan: billing.totalNilaiTagihan,
    tanggalBilling: tgl,
    tanggalJatuhTempo: wibJava(new Date(billing.tanggalJatuhTempo)),
    urlReport: `${baseUrl}/openapi/cnpibk/download-respon?path=${billingReportPath(doc, billing)}`,
    detailSppbmcp: [
      {
        nomorBarang: doc.nomorBarang ?? '',
        tanggalHouse: `${doc.tanggal ?? ''} 00:00:00.0`,
        nomorSppbmcp: billing.nomorSppbmcp,
        tanggalSppbmcp: `${tgl.slice(0, 10)} 00:00:00.0`,
        totalNilaiBm: billing.totalNilaiBm,
        totalNilaiPph: billing.totalNilaiPph,
        totalNilaiPpn: billing.totalNilaiPpn,
        totalNilaiPpnbm: billing.totalNilaiPpnbm,
        totalNilaiBmtp: billing.totalNilaiBmtp,
        totalNilaiBmad: billing.totalNilaiBmad,
        totalNilaiTagihan: billing.totalNilaiTagihan,
      },
    ],
  };
}

/** Tarik Billing Konsolidasi: without kodeBilling the billings not pulled before (once); with it, that billing (always). */
export async function tarikBilling(ctx: AppContext, tenant: Tenant, kodeBilling: string | undefined, baseUrl: string): Promise<BillingKonsol[]> {
  const now = await ctx.clock.now(tenant.companyId);
  if (kodeBilling === undefined) {
    const { events, docs } = await pullChannel(ctx.db, tenant.companyId, 'cnpibk', 'billing', now, { kinds: ['billing'] });
    return events.map((e) => konsol(tenant, docs.get(e.subjectId)!, e.payload.billing as BillingInfo, baseUrl));
  }
  const found = await findBilling(ctx, tenant, kodeBilling, now);
  return found ? [konsol(tenant, found.doc, found.billing, baseUrl)] : [];
}

/** A billing by its code, once it is due (issued) on the company clock. */
export async function findBilling(ctx: AppContext, tenant: Tenant, kodeBilling: string, now: Date): Promise<{ doc: BarkirDocument; billing: BillingInfo } | null> {
  const row = await ctx.db
    .selectFrom('barkir_documents')
    .selectAll()
    .where('company_id', '=', tenant.companyId)
    .where('kind', '=', 'cnpibk')
    .where('kode_billing', '=', kodeBilling)
    .executeTakeFirst();
  if (!row) return null;
  const issued = await ctx.db
    .selectFrom('lifecycle_events')
    .select('payload')
    .where('company_id', '=', tenant.companyId)
    .where('subject_kind', '=', 'cnpibk')
    .where('subject_id', '=', row.id)
    .where('kind', '=', 'billing')
    .where('due_at', '<=', iso(now))
    .executeTakeFirst();
  const billing = issued ? (JSON.parse(issued.payload) as { billing?: BillingInfo }).billing : undefined;
  return billing ? { doc: toDoc(row), billing } : null;
}

