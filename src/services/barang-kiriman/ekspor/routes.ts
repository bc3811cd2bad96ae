import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { Type } from '@sinclair/typebox';
import { endpoint, type Endpoint } from '../../../http/registry.ts';
import { ApiError } from '../../../http/errors.ts';
import type { FieldError } from '../../../http/families.ts';
import type { AppContext } from '../../../context.ts';
import type { Tenant } from '../../../auth/repo.ts';
import type { DB } from '../../../store/schema.ts';
import { isUniqueViolation } from '../../../store/db.ts';
import type { PlannedEvent, TimelineEvent } from '../../../lifecycle/timeline.ts';
import { referenceRow } from '../../../reference/index.ts';
import { cnpibk, isDate, isoWib, notOk, ok, wib } from '../common.ts';
import { dueEvents, findByAju, findByBarang, insertDocument, listDocuments, type BarkirDocument } from '../repo.ts';
import { simplePdf } from '../pdf.ts';

const TAGS = ['Barang Kiriman: Ekspor'];
/** The ekspor page's base path (development gateway); the v2 map puts the same services under /openapi/cnpibk. */
const EBK = '/h2h-ebk-parser-service/openapi';
const MIN = 60_000;

const num = { type: 'number' } as const;
const str = { type: 'string' } as const;
const int = { type: 'integer' } as const;

/**
 * Kirim Data CN Ekspor. The page prints an example, no schema: the fields the sandbox needs are
 * required, typed as the example sends them (numbers as numbers here); other fields are kept.
 */
export const CN_EKSPOR_BODY = {
  type: 'array',
  minItems: 1,
  items: {
    type: 'object',
    properties: {
      jenisAju: str,
      jenisEkspor: str,
      nomorBarangKiriman: { type: 'string', minLength: 1 },
      tanggalBarangKiriman: { type: 'string', format: 'date' },
      kantor: str,
      negaraTujuan: str,
      valuta: str,
      npwpPemberitahu: str,
      namaPemberitahu: str,
      namaPengirim: str,
      namaPenerima: str,
      biayaAngkut: num,
      fob: num,
      nilaiBk: num,
      cnBarangList: {
        type: 'array',
        minItems: 1,
        items: { type: 'object', properties: { seri: int, kodeHs: str, fob: num, jumlahSatuan: num, jumlahKemasan: num, bruto: num, uraian: str }, required: ['seri', 'kodeHs', 'bruto', 'uraian'] },
      },
      cnDokumenList: { type: 'array', items: { type: 'object' } },
      cnBarangDokumenList: { type: 'array', items: { type: 'object' } },
      cnBarangTarifList: { type: 'array', items: { type: 'object' } },
      cnSuratList: { type: 'array', items: { type: 'object' } },
    },
    required: ['jenisAju', 'nomorBarangKiriman', 'tanggalBarangKiriman', 'kantor', 'negaraTujuan', 'npwpPemberitahu', 'namaPengirim', 'namaPenerima', 'cnBarangList'],
  },
} as const;

export const PKBK_BODY = {
  type: 'array',
  minItems: 1,
  items: {
    type: 'object',
    properties: {
      nomorAju: { type: 'string', minLength: 1 },
      npwpKonsol: str,
      namaKonsol: str,
      kantor: str,
      negaraTujuan: str,
      jumlahPengemas: num,
      jumlahKemasan: num,
      cnList: {
        type: 'array',
        minItems: 1,
        items: { type: 'object', properties: { nomorBarangKiriman: str, tanggalBarangKiriman: { type: 'string', format: 'date' } }, required: ['nomorBarangKiriman', 'tanggalBarangKiriman'] },
      },
    },
    required: ['nomorAju', 'npwpKonsol', 'kantor', 'cnList'],
  },
} as const;

/** The ekspor pages print status texts with these exact spellings (trailing spaces included). */
const EKSPOR_STATUS: Record<string, string> = {
  '100': 'DOKUMEN DITERIMA UNTUK DIPROSES BEA CUKAI ',
  '202': 'PROSES VALIDASI SISTEM BEA CUKAI',
  '203': 'SELESAI VALIDASI SISTEM BEA CUKAI ',
  '314': 'PENJALURAN',
  '316': 'PENERBITAN NPE',
  '900': 'REJECT VALIDASI',
};

function hash(seed: string): bigint {
  return BigInt(`0x${createHash('sha256').update(seed).digest('hex').slice(0, 20)}`);
}

function letters(seed: string, n: number): string {
  let h = hash(seed);
  let out = '';
  for (let i = 0; i < n; i++) {
    out += String.fromCharCode(65 + Number(h % 26n));
    h /= 26n;
  }
  return out;
}

function sumBruto(doc: Record<string, unknown>): number {
  return ((doc.cnBarangList as { bruto?: number }[]) ?? []).reduce((s, b) => s + (typeof b.bruto === 'number' ? b.bruto : 0), 0);
}

/**
 * CN ekspor life (company clock, T = sent): T 100, T 202, T+1m 203 (nomorDaftar issued) and
 * 314 PENJALURAN, T+5m 316 PENERBITAN NPE with respon 3015 NOTA PELAYANAN EKSPOR. CEISA's
 * weight rule rejects at T+1m (900, listReject) when the goods weigh more than 30 kg in total.
 */
function planCnEkspor(nomorAju: string, doc: Record<string, unknown>, t: Date): { events: PlannedEvent[]; info: Record<string, unknown> } {
  const at = (ms: number) => new Date(t.getTime() + ms);
  const ev = (code: string, ms: number, extra: Record<string, unknown> = {}, kind = 'status'): PlannedEvent => ({ kind, code, dueAt: at(ms), payload: { status: `${code} - ${EKSPOR_STATUS[code]}`, ...extra } });
  const events = [ev('100', 0), ev('202', 0)];
  const rejects: string[] = [];
  if (sumBruto(doc) > 30) rejects.push('BERAT BRUTO TIDAK BOLEH LEBIH DARI 30KG');
  if (!referenceRow('kantor', String(doc.kantor))) rejects.push(`KODE KANTOR ${String(doc.kantor)} TIDAK DITEMUKAN`);
  if (rejects.length) {
    events.push(ev('900', MIN, { rejects }, 'reject'));
    return { events, info: { outcome: 'reject' } };
  }
  const nomorDaftar = letters(`daftar:${nomorAju}`, 6);
  const tanggalDaftar = wib(at(MIN)).slice(0, 10);
  const nomorRespon = `${letters(`respon:${nomorAju}`, 6)}null${tanggalDaftar.slice(0, 4)}`;
  events.push(ev('203', MIN, { nomorDaftar, tanggalDaftar }), ev('314', MIN), ev('316', 5 * MIN, { respon: { nomorRespon, respon: '3015 - RESPON NOTA PELAYANAN EKSPOR' } }, 'respon'));
  return { events, info: { outcome: 'npe', nomorDaftar, tanggalDaftar } };
}

/** The dates the schema's `format: date` lets through but the calendar does not (2024-02-30). */
export function cnEksporDateErrors(docs: Record<string, unknown>[]): FieldError[] {
  const errors: FieldError[] = [];
  docs.forEach((d, i) => {
    if (!isDate(d.tanggalBarangKiriman)) errors.push({ field: `/${i}/tanggalBarangKiriman`, rule: 'format', message: `/${i}/tanggalBarangKiriman must be a real date in yyyy-MM-dd format` });
  });
  return errors;
}

/**
 * Stores CN ekspor documents (already schema-valid) in the caller's transaction `trx`, at the
 * company-clock instant `now`: Kirim Data CN Ekspor and the Excel upload share it.
 */
export async function storeCnEkspor(trx: Kysely<DB>, tenant: Tenant, docs: Record<string, unknown>[], now: Date): Promise<unknown[]> {
  const errors = cnEksporDateErrors(docs);
  if (errors.length) throw ApiError.badRequest(`Request body is invalid: ${errors[0]!.message}`, errors);
  const stamp = wib(now).replace(/[- :]/g, '');
  const out: unknown[] = [];
  for (const [i, d] of docs.entries()) {
    const nomorBarang = String(d.nomorBarangKiriman);
    const live = (await findByBarang(trx, tenant.companyId, 'cn-ekspor', nomorBarang)).find((e) => e.tanggal === d.tanggalBarangKiriman && e.info.outcome !== 'reject');
    if (live) {
      throw new ApiError(409, `CN ekspor ${nomorBarang} tanggal ${String(d.tanggalBarangKiriman)} sudah pernah dikirim dengan nomor aju ${live.nomorAju}`, [
        { field: `/${i}/nomorBarangKiriman`, rule: 'unique', message: `/${i}/nomorBarangKiriman was already sent as ${live.nomorAju}` },
      ]);
    }
    // CNE + kantor + yyyyMMddHHmmss (WIB) + 3 digits: the page's CNE00900020240823160500492
    let nomorAju = '';
    for (let n = 0; n < 1000; n++) {
      const candidate = `CNE${String(d.kantor).padStart(6, '0').slice(0, 6)}${stamp}${String((Number(hash(`${tenant.companyId}:${nomorBarang}`) % 1000n) + n) % 1000).padStart(3, '0')}`;
      if (!(await findByAju(trx, tenant.companyId, 'cn-ekspor', candidate))) {
        nomorAju = candidate;
        break;
      }
    }
    const plan = planCnEkspor(nomorAju, d, now);
    await insertDocument(trx, tenant.companyId, now, { kind: 'cn-ekspor', nomorAju, nomorBarang, tanggal: String(d.tanggalBarangKiriman), kodeKantor: String(d.kantor), body: d, info: plan.info }, plan.events);
    out.push({ nomorAju, nomorBarangKiriman: nomorBarang, tanggalBarangKiriman: d.tanggalBarangKiriman, status: `100 - ${EKSPOR_STATUS['100']}`, waktu: isoWib(now.toISOString()) });
  }
  return out;
}

/** Two requests storing the same CN at once: the loser's unique violation becomes a 409. */
export function concurrentCn(err: unknown): unknown {
  return isUniqueViolation(err) ? ApiError.conflict('CN ekspor yang sama sedang dikirim oleh permintaan lain') : err;
}

async function sendCnEkspor(ctx: AppContext, tenant: Tenant, docs: Record<string, unknown>[]) {
  const now = await ctx.clock.now(tenant.companyId);
  const errors = cnEksporDateErrors(docs);
  if (errors.length) throw ApiError.badRequest(`Request body is invalid: ${errors[0]!.message}`, errors);
  try {
    return await ctx.db.transaction().execute((trx) => storeCnEkspor(trx, tenant, docs, now));
  } catch (err) {
    throw concurrentCn(err);
  }
}

/**
 * Stores PKBK documents in the caller's transaction (PKBK life: T 100, T 202, T+1m 203). Every
 * CN a PKBK lists must be a CN ekspor of the company (one stored earlier in `trx` counts).
 */
export async function storePkbk(trx: Kysely<DB>, tenant: Tenant, docs: Record<string, unknown>[], now: Date): Promise<unknown[]> {
  const errors: FieldError[] = [];
  for (const [i, d] of docs.entries()) {
    for (const [j, cn] of (d.cnList as Record<string, string>[]).entries()) {
      const found = (await findByBarang(trx, tenant.companyId, 'cn-ekspor', cn.nomorBarangKiriman!)).some((e) => e.tanggal === cn.tanggalBarangKiriman);
      if (!found) errors.push({ field: `/${i}/cnList/${j}/nomorBarangKiriman`, rule: 'reference', message: `/${i}/cnList/${j}/nomorBarangKiriman ${cn.nomorBarangKiriman} (${cn.tanggalBarangKiriman}) is not a CN ekspor sent by this company` });
    }
    if (await findByAju(trx, tenant.companyId, 'pkbk', String(d.nomorAju))) errors.push({ field: `/${i}/nomorAju`, rule: 'unique', message: `/${i}/nomorAju ${String(d.nomorAju)} was already sent` });
  }
  if (errors.length) throw ApiError.badRequest(`Request body is invalid: ${errors[0]!.message}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}`, errors);
  const out: unknown[] = [];
  for (const d of docs) {
    const ev = (code: string, ms: number): PlannedEvent => ({ kind: 'status', code, dueAt: new Date(now.getTime() + ms), payload: { status: `${code} - ${EKSPOR_STATUS[code]}` } });
    await insertDocument(trx, tenant.companyId, now, { kind: 'pkbk', nomorAju: String(d.nomorAju), kodeKantor: String(d.kantor), body: d, info: {} }, [ev('100', 0), ev('202', 0), ev('203', MIN)]);
    out.push({ nomorAju: d.nomorAju, status: `100 - ${EKSPOR_STATUS['100']}`, waktu: isoWib(now.toISOString()) });
  }
  return out;
}

async function sendPkbk(ctx: AppContext, tenant: Tenant, docs: Record<string, unknown>[]) {
  const now = await ctx.clock.now(tenant.companyId);
  return ctx.db.transaction().execute((trx) => storePkbk(trx, tenant, docs, now));
}

async function render(doc: BarkirDocument, events: TimelineEvent[], withPdf: boolean) {
  const body = doc.body as Record<string, unknown>;
  const daftar = events.find((e) => e.code === '203' && e.payload.nomorDaftar);
  const listRespon: Record<string, unknown>[] = [];
  for (const e of events.filter((x) => x.payload.respon)) {
    const r = e.payload.respon as { nomorRespon: string; respon: string };
    const item: Record<string, unknown> = { tanggalRespon: isoWib(e.dueAt), nomorRespon: r.nomorRespon, respon: r.respon };
    if (withPdf) {
      const pdf = await simplePdf('NOTA PELAYANAN EKSPOR (NPE) BARANG KIRIMAN', [
        `Nomor Respon: ${r.nomorRespon}`,
        `Nomor Aju: ${doc.nomorAju}`,
        `Nomor Barang: ${doc.nomorBarang ?? ''}`,
        `Nomor Daftar: ${String(daftar?.payload.nomorDaftar ?? '')}  Tanggal: ${String(daftar?.payload.tanggalDaftar ?? '')}`,
        `Kantor: ${doc.kodeKantor ?? ''}  Negara Tujuan: ${String(body.negaraTujuan ?? '')}`,
        `Pengirim: ${String(body.namaPengirim ?? '')}  Penerima: ${String(body.namaPenerima ?? '')}`,
      ]);
      item.pdf = pdf.toString('base64');
    }
    listRespon.push(item);
  }
  return {
    nomorAju: doc.nomorAju,
    nomorBarang: doc.nomorBarang,
    tanggalBarang: doc.tanggal ? isoWib(`${doc.tanggal}T00:00:00+07:00`) : null,
    npwpPemberitahu: String(body.npwpPemberitahu ?? body.npwpKonsol ?? ''),
    pengirim: `${String(body.nomorIdentitasPengirim ?? '')} - ${String(body.namaPengirim ?? body.namaKonsol ?? '')}`,
    nomorDaftar: daftar ? daftar.payload.nomorDaftar : null,
    tanggalDaftar: daftar ? isoWib(`${String(daftar.payload.tanggalDaftar)}T00:00:00+07:00`) : null,
    listReject: events.filter((e) => e.kind === 'reject').flatMap((e) => ((e.payload.rejects as string[]) ?? []).map((uraian) => ({ waktu: isoWib(e.dueAt), uraian }))),
    listRespon,
    listStatus: events.map((e) => ({ status: String(e.payload.status), waktu: isoWib(e.dueAt) })),
  };
}

async function responOf(ctx: AppContext, tenant: Tenant, docs: BarkirDocument[], withPdf: boolean) {
  const now = await ctx.clock.now(tenant.companyId);
  const events = await dueEvents(ctx.db, tenant.companyId, docs.map((d) => d.id), now);
  const out: unknown[] = [];
  for (const d of docs) {
    const mine = events.filter((e) => e.subjectId === d.id);
    if (mine.length) out.push(await render(d, mine, withPdf));
  }
  return { respon: out };
}

const TanggalQuery = Type.Object({ tanggal: Type.String({ format: 'date' }) });

export const eksporEndpoints: Endpoint[] = [
  endpoint({
    method: 'POST',
    paths: [`${EBK}/cn`, ...cnpibk('/kirim-data-cnpibk-ekspor')],
    family: 'barkir',
    summary: 'Kirim Data CN Ekspor: an array of CN ekspor documents',
    tags: TAGS,
    schema: { body: Type.Unsafe<Record<string, unknown>[]>(CN_EKSPOR_BODY) },
    handler: async (req, _r, ctx) => ok(await sendCnEkspor(ctx, req.tenant, req.body)),
  }),
  endpoint({
    method: 'POST',
    paths: [`${EBK}/pkbk`, ...cnpibk('/kirim-data-pkbk')],
    family: 'barkir',
    summary: 'Kirim Data PKBK Ekspor: consolidations of CN ekspor sent before',
    tags: TAGS,
    schema: { body: Type.Unsafe<Record<string, unknown>[]>(PKBK_BODY) },
    handler: async (req, _r, ctx) => ok(await sendPkbk(ctx, req.tenant, req.body)),
  }),
  endpoint({
    method: 'GET',
    paths: [`${EBK}/respon-per-tanggal`, ...cnpibk('/respon/ekspor-by-tanggal-daftar')],
    family: 'barkir',
    summary: 'Respon per tanggal daftar (with the NPE as base64 PDF)',
    tags: TAGS,
    schema: { querystring: TanggalQuery },
    handler: async (req, _r, ctx) => {
      const docs = (await listDocuments(ctx.db, req.tenant.companyId, 'cn-ekspor')).filter((d) => d.info.tanggalDaftar === req.query.tanggal);
      return responOf(ctx, req.tenant, docs, true);
    },
  }),
  endpoint({
    method: 'GET',
    paths: [`${EBK}/respon-tanggal-barang`],
    family: 'barkir',
    summary: 'Respon, status and rejects of the CN ekspor of one tanggalBarangKiriman (no NPE)',
    tags: TAGS,
    schema: { querystring: TanggalQuery },
    handler: async (req, _r, ctx) => responOf(ctx, req.tenant, await listDocuments(ctx.db, req.tenant.companyId, 'cn-ekspor', { tanggal: req.query.tanggal }), false),
  }),
  endpoint({
    method: 'GET',
    paths: cnpibk('/respon/ekspor-by-tanggal-submit'),
    family: 'barkir',
    summary: 'Respon of the CN ekspor sent on one day (WIB, company clock)',
    tags: TAGS,
    schema: { querystring: TanggalQuery },
    handler: async (req, _r, ctx) => {
      const docs = (await listDocuments(ctx.db, req.tenant.companyId, 'cn-ekspor')).filter((d) => wib(new Date(d.submittedAt)).slice(0, 10) === req.query.tanggal);
      return responOf(ctx, req.tenant, docs, false);
    },
  }),
  endpoint({
    method: 'GET',
    paths: [`${EBK}/respon-per-dokumen`, ...cnpibk('/respon/ekspor-by-dokumen')],
    family: 'barkir',
    summary: 'Respon of one CN ekspor (or PKBK) by nomorAju or nomorBarang',
    tags: TAGS,
    schema: { querystring: Type.Object({ nomorAju: Type.Optional(Type.String({ minLength: 1 })), nomorBarang: Type.Optional(Type.String({ minLength: 1 })) }) },
    handler: async (req, _r, ctx) => {
      const key = req.query.nomorAju ?? req.query.nomorBarang;
      if (!key) throw ApiError.field('/querystring/nomorAju', 'required', '/querystring/nomorAju (or nomorBarang) is required');
      const id = req.tenant.companyId;
      const docs = [
        ...[await findByAju(ctx.db, id, 'cn-ekspor', key), await findByAju(ctx.db, id, 'pkbk', key)].filter((d): d is BarkirDocument => Boolean(d)),
        ...(await findByBarang(ctx.db, id, 'cn-ekspor', key)),
      ];
      const unique = [...new Map(docs.map((d) => [d.id, d])).values()];
      if (!unique.length) return notOk(`Data dengan nomor aju atau nomor barang ${key} tidak ditemukan`);
      return responOf(ctx, req.tenant, unique, false);
    },
  }),
];
