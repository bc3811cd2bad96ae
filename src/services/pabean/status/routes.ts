import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import { endpoint, under, PABEAN_PREFIXES, type Endpoint } from '../../../http/registry.ts';
import { barkirReportPdf } from '../../barang-kiriman/impor/routes.ts';
import { ApiError } from '../../../http/errors.ts';
import type { AppContext } from '../../../context.ts';
import { MAX_AJU, MAX_NPE, StatusService, type NpeQuery } from './service.ts';
import { EXPORT_KINDS_WITHOUT_NPE, NPE_KINDS, npeCodes, parseNpeDate } from './npe.ts';
import type { FieldError } from '../../../http/families.ts';
import Negotiator from 'negotiator';
import { payBilling } from '../../../lifecycle/pabean/engine.ts';

const services = new WeakMap<AppContext, StatusService>();
function svc(ctx: AppContext): StatusService {
  let s = services.get(ctx);
  if (!s) services.set(ctx, (s = new StatusService(ctx)));
  return s;
}

const NOT_FOUND = { status: 'Failed', message: 'Data Tidak Ditemukan', dataStatus: [], dataRespon: [] };
const TAGS = ['Pabean: Status & Respon'];

const StatusItem = Type.Object({
  nomorAju: Type.String(),
  kodeStatus: Type.String({ description: "docs' Referensi Status (100..700)" }),
  kodeProses: Type.String({ description: "the live gateway's process code (104, 105, ... 800)" }),
  nomorDaftar: Type.Union([Type.String(), Type.Null()]),
  tanggalDaftar: Type.Union([Type.String({ description: 'DD-MM-YYYY' }), Type.Null()]),
  waktuStatus: Type.String({ description: 'yyyy-MM-dd HH:mm:ss.S (WIB)' }),
  keterangan: Type.String(),
  kodeDokumen: Type.String(),
});
const ResponItem = Type.Object({
  nomorAju: Type.String(),
  kodeRespon: Type.String({ description: 'kodeDokumen + the 2-digit code of Referensi Respon, e.g. 2003 (SPPB of a BC 2.0)' }),
  nomorDaftar: Type.Union([Type.String(), Type.Null()]),
  tanggalDaftar: Type.Union([Type.String(), Type.Null()]),
  nomorRespon: Type.Union([Type.String(), Type.Null()]),
  tanggalRespon: Type.String(),
  waktuRespon: Type.String(),
  waktuStatus: Type.String(),
  keterangan: Type.String(),
  pesan: Type.Array(Type.Object({ uraian1: Type.String(), uraian2: Type.String() })),
  Pdf: Type.String({ description: 'base64 of the response PDF' }),
  pdf: Type.String({ description: 'path for GET /download-respon?path=' }),
  kodeDokumen: Type.String(),
  billingPungutans: Type.Union([Type.Array(Type.Object({ kodeBilling: Type.String(), kodeJenisPungutan: Type.String(), nilaiPungutan: Type.Number() })), Type.Null()]),
});
const StatusAnswer = Type.Object({
  status: Type.String(),
  message: Type.String(),
  dataStatus: Type.Array(StatusItem),
  dataRespon: Type.Array(ResponItem),
});

const NpeAnswer = Type.Object({
  status: Type.String(),
  message: Type.String(),
  dataRespon: Type.Array(Type.Object({ ...ResponItem.properties, kodeGudang: Type.Union([Type.String(), Type.Null()], { description: 'the document\'s warehouse: BC 3.0 kodeTps, BC 3.3 kodeGudangAsal' }) })),
});

function sendPdf(reply: FastifyReply, bytes: Uint8Array | null, name: string): Buffer {
  if (!bytes) throw ApiError.notFound('Data Tidak Ditemukan');
  void reply.type('application/pdf').header('content-disposition', `inline; filename="${name.replace(/[^\w.-]/g, '_')}.pdf"`);
  return Buffer.from(bytes);
}

/** `GET /status/{nomorAju}`: up to 25 comma-separated numbers. */
export function parseAjus(raw: string): string[] {
  const list = [...new Set(raw.split(',').map((s) => s.trim()))];
  if (list.some((a) => !a)) throw ApiError.field('/params/nomorAju', 'format', 'nomorAju must be a comma-separated list without empty entries');
  if (list.length > MAX_AJU) throw ApiError.field('/params/nomorAju', 'maxItems', `Maksimal ${MAX_AJU} Nomor Aju (got ${list.length})`);
  return list;
}

/**
 * `respon/npe-bc33/{kodeDokumen}/{tanggalDokumen}?kodeGudang=`: every refusal names its field;
 * all of them are reported at once.
 */
export function parseNpeQuery(kodeDokumen: string, tanggalDokumen: string, kodeGudang: string | undefined): NpeQuery {
  const errors: FieldError[] = [];
  const kd = kodeDokumen.trim();
  const codes = npeCodes(kd);
  if (!codes) {
    const why = EXPORT_KINDS_WITHOUT_NPE.includes(kd) ? `kodeDokumen ${kd} is an export document without an NPE` : `kodeDokumen "${kd}" is not an export document with an NPE`;
    errors.push({ field: '/params/kodeDokumen', rule: 'enum', message: `${why}; allowed: ${NPE_KINDS.join(', ')} (30 BC 3.0 PEB, 33 BC 3.3)` });
  }
  const day = parseNpeDate(tanggalDokumen);
  if (!day) errors.push({ field: '/params/tanggalDokumen', rule: 'format', message: `tanggalDokumen must be a date as YYYY-MM-DD (also DD-MM-YYYY or YYYYMMDD) (got "${tanggalDokumen}")` });
  const gudang = kodeGudang?.trim() ?? '';
  if (gudang.length > 20) errors.push({ field: '/querystring/kodeGudang', rule: 'maxLength', message: `kodeGudang must be at most 20 characters (got ${gudang.length})` });
  if (errors.length) throw ApiError.badRequest(errors.length === 1 ? errors[0]!.message : `${errors[0]!.message} (and ${errors.length - 1} more)`, errors);
  return { kodeDokumen: kd, codes: codes!, day: day!, kodeGudang: gudang || null };
}

/** The PDF form of an answer only when the client's Accept header prefers application/pdf to application/json. */
export function wantsPdf(accept: string | undefined): boolean {
  if (!accept) return false;
  return new Negotiator({ headers: { accept } }).mediaType(['application/json', 'application/pdf']) === 'application/pdf';
}

const formQuery = { querystring: Type.Object({ nomorAju: Type.String({ minLength: 1 }) }) };

export const statusEndpoints: Endpoint[] = [
  endpoint({
    method: 'GET',
    paths: under(PABEAN_PREFIXES, '/status'),
    family: 'pabean',
    summary: 'Status dan respon yang belum diambil (each delivered once)',
    description:
      'The caller company\'s statuses and responses not yet pulled; each is delivered by exactly one call. Missing idPerusahaan: HTTP 500 (as the live gateway). Another company\'s NPWP: HTTP 200 {"status":"Failed","message":"Data Perusahaan Tidak Sesuai"}. Nothing new: {"status":"Failed","message":"Data Tidak Ditemukan","dataStatus":[],"dataRespon":[]}.',
    tags: TAGS,
    schema: { querystring: Type.Object({ idPerusahaan: Type.Optional(Type.String({ description: 'NPWP (15 or 16 digits) or NITKU of the caller' })) }), response: { 200: StatusAnswer } },
    handler: async (req, _reply, ctx) => {
      const id = req.query.idPerusahaan?.trim();
      if (!id) throw new ApiError(500, "Required request parameter 'idPerusahaan' for method parameter type String is not present");
      const mine = [req.tenant.npwp, req.tenant.nitku, `0${req.tenant.npwp}`];
      if (!mine.includes(id)) throw ApiError.exact(200, { status: 'Failed', message: 'Data Perusahaan Tidak Sesuai' }, 'idPerusahaan of another company');
      return svc(ctx).pull(req.tenant);
    },
  }),
  endpoint({
    method: 'GET',
    paths: under(PABEAN_PREFIXES, '/status/:nomorAju'),
    family: 'pabean',
    summary: 'Status dan respon per nomor aju (whole history, up to 25 comma-separated)',
    tags: TAGS,
    schema: { params: Type.Object({ nomorAju: Type.String({ minLength: 1 }) }), response: { 200: StatusAnswer } },
    handler: async (req, _reply, ctx) => {
      const ajus = parseAjus(req.params.nomorAju);
      const a = await svc(ctx).history(req.tenant, ajus);
      return a.status === 'Success' ? a : NOT_FOUND;
    },
  }),
  endpoint({
    method: 'GET',
    paths: under(PABEAN_PREFIXES, '/download-respon'),
    family: 'pabean',
    summary: 'Download respon PDF by the path given in a status answer',
    tags: TAGS,
    schema: { querystring: Type.Object({ path: Type.String({ minLength: 1 }) }) },
    handler: async (req, reply, ctx) => {
      const { path } = req.query;
      // one download path for every area's PDFs: consignment billing reports live under report_barkir/
      const bytes = path.startsWith('report_barkir/') ? await barkirReportPdf(ctx, req.tenant, path) : await svc(ctx).pdfByPath(req.tenant, path);
      return sendPdf(reply, bytes, path.split('/').at(-1)!.replace(/\.pdf$/, ''));
    },
  }),
  endpoint({
    method: 'GET',
    paths: under(PABEAN_PREFIXES, '/respon/pdf'),
    family: 'pabean',
    summary: 'Respon PDF by kodeRespon (2-digit or the live 4-digit form) and nomorAju',
    tags: TAGS,
    schema: { querystring: Type.Object({ kodeRespon: Type.String({ pattern: '^\\d{1,6}$' }), nomorAju: Type.String({ minLength: 1 }) }) },
    handler: async (req, reply, ctx) => sendPdf(reply, await svc(ctx).pdfByKode(req.tenant, req.query.kodeRespon, req.query.nomorAju), `${req.query.nomorAju}-${req.query.kodeRespon}`),
  }),
  endpoint({
    method: 'GET',
    paths: under(PABEAN_PREFIXES, '/respon/billing'),
    family: 'pabean',
    summary: 'Download respon billing PDF',
    tags: TAGS,
    schema: { querystring: Type.Object({ kodeBilling: Type.String({ minLength: 1 }) }) },
    handler: async (req, reply, ctx) => sendPdf(reply, await svc(ctx).billingPdf(req.tenant, req.query.kodeBilling), `billing-${req.query.kodeBilling}`),
  }),
  endpoint({
    method: 'GET',
    paths: under(PABEAN_PREFIXES, '/respon/npe-bc33/:kodeDokumen/:tanggalDokumen'),
    family: 'pabean',
    summary: 'NPE (Nota Pelayanan Ekspor) of BC 3.0 / BC 3.3 documents issued on a day, optionally of one warehouse',
    description:
      `The live v2 gateway's path (not in the docs pages). The caller company's NPE responses (BC 3.0: 3015, red lane 3016; BC 3.3: 3305) due on its clock whose response date (WIB) is tanggalDokumen (YYYY-MM-DD, also DD-MM-YYYY or YYYYMMDD), for documents of kodeDokumen (30 or 33), optionally only those whose warehouse (BC 3.0 kodeTps, BC 3.3 kodeGudangAsal) is kodeGudang. Answer: {status:"Success", message:"Data Ditemukan", dataRespon:[...]} with the status answers' response items plus kodeGudang, at most ${MAX_NPE}, oldest first; none: {status:"Failed", message:"Data Tidak Ditemukan", dataRespon:[]}. With Accept: application/pdf: the NPE letters as one PDF (404 when none). Bad kodeDokumen or date: HTTP 400 naming the field.`,
    tags: TAGS,
    schema: {
      params: Type.Object({ kodeDokumen: Type.String({ minLength: 1, description: '30 (BC 3.0 PEB) or 33 (BC 3.3)' }), tanggalDokumen: Type.String({ minLength: 1, description: 'YYYY-MM-DD (also DD-MM-YYYY, YYYYMMDD): the NPE date (WIB)' }) }),
      querystring: Type.Object({ kodeGudang: Type.Optional(Type.String({ description: 'warehouse/TPS code of the export document (BC 3.0 kodeTps, BC 3.3 kodeGudangAsal)' })) }),
      response: { 200: NpeAnswer },
    },
    handler: async (req, reply, ctx) => {
      const q = parseNpeQuery(req.params.kodeDokumen, req.params.tanggalDokumen, req.query.kodeGudang);
      if (wantsPdf(req.headers.accept)) return sendPdf(reply, await svc(ctx).npePdf(req.tenant, q), `npe-${q.kodeDokumen}-${q.day.ymd}`);
      return svc(ctx).npe(req.tenant, q);
    },
  }),
  ...(['', '/draft', '/final'] as const).map((suffix) =>
    endpoint({
      method: 'GET',
      paths: under(PABEAN_PREFIXES, `/respon/cetak-formulir${suffix}`),
      family: 'pabean',
      summary: `Cetak formulir${suffix ? ` (${suffix.slice(1)} only)` : ''}: the document form as PDF`,
      tags: TAGS,
      schema: formQuery,
      handler: async (req, reply, ctx) => {
        const q = req.query as { nomorAju: string };
        return sendPdf(reply, await svc(ctx).formPdf(req.tenant, q.nomorAju, suffix ? (suffix.slice(1) as 'draft' | 'final') : 'any'), `formulir-${q.nomorAju}`);
      },
    }),
  ),
];

const SANDBOX_TAGS = ['Sandbox'];

export const lifecycleSandboxEndpoints: Endpoint[] = [
  endpoint({
    method: 'POST',
    paths: ['/sandbox/v1/billing/:kodeBilling/pay'],
    family: 'sandbox',
    summary: "Pay a billing of the caller's company: the document's lifecycle continues from now (company clock)",
    tags: SANDBOX_TAGS,
    schema: { params: Type.Object({ kodeBilling: Type.String({ pattern: '^\\d{15}$' }) }) },
    handler: async (req, _reply, ctx) => payBilling(ctx.db, ctx.clock, req.tenant.companyId, req.params.kodeBilling),
  }),
  endpoint({
    method: 'GET',
    paths: ['/sandbox/v1/pabean/:nomorAju/timeline'],
    family: 'sandbox',
    summary: "A customs document's whole timeline, future events included (lane, outcome, billing, due times)",
    tags: SANDBOX_TAGS,
    schema: { params: Type.Object({ nomorAju: Type.String({ minLength: 1 }) }) },
    handler: async (req, _reply, ctx) => {
      const t = await svc(ctx).sandboxTimeline(req.tenant, req.params.nomorAju);
      if (!t) throw ApiError.notFound(`Dokumen dengan nomor aju ${req.params.nomorAju} tidak ditemukan`);
      return t;
    },
  }),
];
