/**
 * The third-party gateway's status/response log API (seed 002), answered from the same
 * customs lifecycle: the log of one document (statuses + responses) and its responses with
 * their headers (`reshdr`), PDFs and `res_encode` (base64 of the response JSON as that gateway,
 * a PHP service, encodes it: slashes escaped, non-ASCII as \uXXXX).
 */
import type { AppContext } from '../../context.ts';
import type { Tenant } from '../../auth/repo.ts';
import { timeline, type TimelineEvent } from '../../lifecycle/timeline.ts';
import { SUBJECT } from '../../lifecycle/pabean/engine.ts';
import type { ResponPayload, StatusPayload } from '../../lifecycle/pabean/plan.ts';
import { hms, objects, terbilang, ymd, ymdhms } from '../../lifecycle/pabean/format.ts';
import { ApiError } from '../../http/errors.ts';
import { StatusService, party } from '../pabean/status/service.ts';
import type { PabeanDocumentRow } from '../../store/migrations/0030_pabean_documents.ts';
import type { PabeanBillingRow } from '../../store/migrations/0031_pabean_lifecycle.ts';

/** PHP's json_encode: `/` as `\/`, non-ASCII as `\uXXXX`. */
export function phpJson(v: unknown): string {
  return JSON.stringify(v)
    .replaceAll('/', '\\/')
    .replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

type Reshdr = Record<string, unknown>;

function notFoundText(car: string): string {
  return `Data dengan nomor aju ${car} tidak ditemukan.`;
}

interface Entity {
  kodeEntitas?: unknown;
  namaEntitas?: unknown;
  nomorIdentitas?: unknown;
}

function ent(body: Record<string, unknown>, ...kinds: string[]): Entity | undefined {
  const list = objects(body.entitas) as Entity[];
  for (const k of kinds) {
    const e = list.find((x) => x && String(x.kodeEntitas) === k);
    if (e) return e;
  }
  return undefined;
}

const s = (v: unknown): string | null => (v === undefined || v === null || v === '' ? null : String(v));
const n = (v: unknown): number | null => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : null);

function invoice(body: Record<string, unknown>) {
  const docs = objects(body.dokumen);
  const inv = docs.find((d) => String(d?.kodeDokumen) === '380');
  return {
    invoice_no: s(inv?.nomorDokumen),
    invoice_date: s(inv?.tanggalDokumen),
    invoice_currency_code: s(body.kodeValuta),
    invoice_gross_weight: n(body.bruto),
    invoice_net_weight: n(body.netto),
    incoterm: s(body.kodeIncoterm),
  };
}

export class T2gService {
  private readonly status: StatusService;
  constructor(private readonly ctx: AppContext) {
    this.status = new StatusService(ctx);
  }

  private async document(t: Tenant, car: string, kodeDokumen?: string): Promise<PabeanDocumentRow> {
    let q = this.ctx.db.selectFrom('pabean_documents').selectAll().where('company_id', '=', t.companyId).where('nomor_aju', '=', car).where('state', '!=', 'draft');
    if (kodeDokumen !== undefined) q = q.where('kode_dokumen', '=', kodeDokumen);
    const doc = await q.executeTakeFirst();
    if (!doc) throw ApiError.notFound(notFoundText(car));
    return doc;
  }

  private async due(t: Tenant, doc: PabeanDocumentRow): Promise<TimelineEvent[]> {
    return timeline.due(this.ctx.db, t.companyId, SUBJECT, [doc.id], await this.ctx.clock.now(t.companyId));
  }

  private async billingOf(t: Tenant, e: TimelineEvent): Promise<PabeanBillingRow | undefined> {
    const k = (e.payload as unknown as ResponPayload).kodeBilling;
    if (!k) return undefined;
    return this.ctx.db.selectFrom('pabean_billings').selectAll().where('company_id', '=', t.companyId).where('kode_billing', '=', k).executeTakeFirst();
  }

  private async pdf(t: Tenant, e: TimelineEvent, doc: PabeanDocumentRow, bill?: PabeanBillingRow): Promise<string> {
    return Buffer.from(await this.status.responPdf(e, doc, party(t), bill)).toString('base64');
  }

  /** `POST /api/getlog/statusrespon`: the log of one document. */
  async statusRespon(t: Tenant, car: string, kodeDokumen: string) {
    const doc = await this.document(t, car, kodeDokumen);
    const events = await this.due(t, doc);
    const statuses = events.filter((e) => e.kind === 'status');
    const last = statuses.at(-1)?.payload as unknown as StatusPayload | undefined;
    const dataRespon = [];
    for (const e of events.filter((x) => x.kind === 'respon')) {
      const p = e.payload as unknown as ResponPayload;
      const release = p.template === 'release';
      dataRespon.push({
        car,
        kodeRespon: p.kodeRespon,
        uraianRespon: p.uraian,
        nomorDaftar: release || p.template === 'register' ? p.nomorDaftar : null,
        tanggalDaftar: release || p.template === 'register' ? p.tanggalDaftar : null,
        nomorRespon: p.nomorRespon,
        tanggalRespon: ymd(e.dueAt),
        pdf_encoded: await this.pdf(t, e, doc, await this.billingOf(t, e)),
      });
    }
    return {
      status: 'ok',
      desc: {
        data: {
          car,
          createdTime: ymdhms(doc.submitted_at ?? doc.created_at),
          status: last?.kodeProses ?? null,
          statusUraian: last?.keterangan ?? null,
          sendTime: null,
          dataRespon,
          dataStatus: statuses.map((e) => {
            const p = e.payload as unknown as StatusPayload;
            return {
              car,
              kodeStatus: p.kodeProses,
              nomorDaftar: p.nomorDaftar,
              // that gateway writes a zero date for the statuses after registration
              tanggalDaftar: p.nomorDaftar ? '0000-00-00' : null,
              waktuStatus: ymdhms(e.dueAt),
              keterangan: p.keterangan,
            };
          }),
        },
      },
    };
  }

  /** `POST /getresbycar/bc30`: the document's responses, newest first, each with its header and PDF. */
  async responsesByCar(t: Tenant, car: string) {
    const doc = await this.document(t, car);
    const body = JSON.parse(doc.body) as Record<string, unknown>;
    const events = (await this.due(t, doc)).filter((e) => e.kind === 'respon').sort((a, b) => b.dueAt.localeCompare(a.dueAt) || b.seq - a.seq);
    const desc: { reshdr: Reshdr }[] = [];
    const kpbc = s(doc.kode_kantor);
    const exporter = doc.kode_dokumen === '30' || doc.kode_dokumen === '33';
    const owner = ent(body, exporter ? '2' : '1', '3', '8');
    const ppjk = ent(body, '4');
    for (const e of events) {
      const p = e.payload as unknown as ResponPayload;
      const bill = await this.billingOf(t, e);
      const head: Reshdr = { car, reskd: p.kodeRespon, restg: ymd(e.dueAt), reswk: hms(e.dueAt) };
      let hdr: Reshdr;
      let encode = true;
      if (p.template === 'billing') {
        hdr = {
          ...head,
          kpbc,
          npwpimp: s(owner?.nomorIdentitas) ?? t.npwp,
          namaimp: s(owner?.namaEntitas) ?? t.companyName,
          deskripsi: '',
          kodebill: bill?.kode_billing ?? p.kodeBilling,
          tanggalbill: bill ? ymd(bill.issued_at) : null,
          tanggaljttempo: bill ? ymd(bill.due_date) : null,
          totalbayar: bill ? bill.total : null,
          terbilang: bill ? terbilang(BigInt(bill.total)).toUpperCase() : null,
          invoice: invoice(body),
        };
      } else if (p.template === 'release' || p.template === 'register' || p.template === 'lane' || p.template === 'exam' || p.template === 'report') {
        hdr = {
          ...head,
          dokresno: p.nomorRespon,
          dokrestg: ymd(e.dueAt),
          kpbc,
          kdgudang: s(body.kodeTps),
          pibno: p.nomorDaftar,
          pibtg: p.tanggalDaftar,
          deskripsi: '',
          npwpimp: s(owner?.nomorIdentitas) ?? t.npwp,
          namaimp: s(owner?.namaEntitas) ?? t.companyName,
          idppjk: s(ppjk?.nomorIdentitas),
          namappjk: s(ppjk?.namaEntitas),
          pejabat1: null,
          nip1: null,
          jabatan1: null,
          pejabat2: null,
          nip2: null,
          jmkemas: Array.isArray(body.kemasan) ? objects(body.kemasan).reduce((sum, k) => sum + (n(k.jumlahKemasan) ?? 0), 0) : null,
        };
      } else {
        // receipt, rejection and general responses: the short header (as the seed's RESPON UMUM, without res_encode)
        hdr = { ...head, kpbc, deskripsi: p.pesan.map((x) => `${x.uraian1}: ${x.uraian2}`).join('; '), pejabat1: null, nip1: null, jabatan1: null };
        encode = false;
      }
      hdr.pdf_encoded = await this.pdf(t, e, doc, bill);
      if (encode) hdr.res_encode = Buffer.from(phpJson({ rescode: 'OK', desc: [{ reshdr: hdr }] }), 'utf8').toString('base64');
      desc.push({ reshdr: hdr });
    }
    return { rescode: 'OK', desc };
  }
}


