import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import { endpoint, under, PABEAN_PREFIXES, type Endpoint } from '../../../http/registry.ts';
import { barkirReportPdf } from '../../barang-kiriman/impor/routes.ts';
import { ApiError } from '../../../http/errors.ts';
import type { AppContext } from '../../../context.ts';
import { MAX_AJU, StatusService } from './service.ts';
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
