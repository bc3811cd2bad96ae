import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../../context.ts';
import type { Tenant } from '../../../auth/repo.ts';
import { endpoint, type Endpoint } from '../../../http/registry.ts';
import { ApiError } from '../../../http/errors.ts';
import { cnpibk, notOk, ok, wib } from '../common.ts';
import { CN_BODY, UPDATE_BC11_BODY } from './schema.ts';
import { SCENARIO_HEADER, SCENARIOS, STATUS_GROUPS, type Scenario } from './lifecycle.ts';
import { findBilling, responByAju, responByStatus, sendCnPibk, tarikBilling, billingReportPath } from './domain.ts';
import { findByAju, updateInfo } from '../repo.ts';
import { simplePdf } from '../pdf.ts';
import { readJsonBody } from '../rawbody.ts';

const TAGS = ['Barang Kiriman: Impor'];

/**
 * The PDF behind a consignment report path (`report_barkir/billing/<id>-<kodeBilling>_303_billing.pdf`),
 * or null when the path is not one of the company's issued billings. Exported so the gateway-wide
 * `GET /openapi/download-respon?path=` (owned by the pabean area) can serve `report_barkir/` paths.
 */
export async function barkirReportPdf(ctx: AppContext, tenant: Tenant, path: string): Promise<Buffer | null> {
  const m = /^report_barkir\/billing\/([0-9a-f-]{36})-(\d{15})_303_billing\.pdf$/.exec(path);
  if (!m) return null;
  const now = await ctx.clock.now(tenant.companyId);
  const found = await findBilling(ctx, tenant, m[2]!, now);
  if (!found || found.doc.id !== m[1] || billingReportPath(found.doc, found.billing) !== path) return null;
  const b = found.billing;
  return simplePdf('BILLING BARANG KIRIMAN', [
    `Kode Billing: ${b.kodeBilling}`,
    `Nomor SPPBMCP: ${b.nomorSppbmcp}`,
    `Nomor Aju: ${found.doc.nomorAju}`,
    `Nomor Barang: ${found.doc.nomorBarang ?? ''}`,
    `Kantor: ${found.doc.kodeKantor ?? ''}`,
    `Pemberitahu: ${tenant.companyName} (${tenant.npwp})`,
    `Tanggal Billing: ${wib(new Date(b.tanggalBilling))}`,
    `Jatuh Tempo: ${wib(new Date(b.tanggalJatuhTempo))}`,
    `BM ${b.totalNilaiBm}  PPN ${b.totalNilaiPpn}  PPh ${b.totalNilaiPph}  PPnBM ${b.totalNilaiPpnbm}`,
    `Total Tagihan: ${b.totalNilaiTagihan}`,
  ]);
}

export function baseUrlOf(req: FastifyRequest): string {
  return `${req.protocol}://${req.host}`;
}

export function scenarioOf(req: FastifyRequest): Scenario {
  const raw = req.headers[SCENARIO_HEADER];
  const v = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  if (!v) return 'normal';
  if (!SCENARIOS.includes(v as Scenario)) {
    throw ApiError.field(`/headers/${SCENARIO_HEADER}`, 'enum', `/headers/${SCENARIO_HEADER} must be one of ${JSON.stringify(SCENARIOS)}`);
  }
  return v as Scenario;
}

const NomorAjuQuery = Type.Object({ nomorAju: Type.String({ minLength: 1 }) });
const StatusName = Type.Union(Object.keys(STATUS_GROUPS).map((s) => Type.Literal(s)));
/** The page's JSONSchema Tarik Respon CN PIBK (additionalProperties false, status required). */
const StatusBody = { type: 'object', additionalProperties: false, properties: { status: { type: 'string', enum: Object.keys(STATUS_GROUPS) } }, required: ['status'] };

export const imporEndpoints: Endpoint[] = [
  endpoint({
    method: 'POST',
    paths: cnpibk('/kirim-data-cnpibk'),
    family: 'barkir',
    summary: 'Kirim Dokumen Barang Kiriman (CN/PIBK impor): an array of documents, every value a string',
    description: `Stores every document (or none) and starts its simulated lifecycle on the company clock. Answers the nomorAju of each. Header \`${SCENARIO_HEADER}\`: normal | reject | merah | tidak-bayar.`,
    tags: TAGS,
    schema: { body: Type.Unsafe<Record<string, unknown>[]>(CN_BODY) },
    handler: async (req, _r, ctx) => ok(await sendCnPibk(ctx, req.tenant, req.body, scenarioOf(req))),
  }),
  endpoint({
    method: 'GET',
    paths: [...cnpibk('/respon/tarik-respon'), ...cnpibk('/respon/tarik-respon-by-aju')],
    family: 'barkir',
    summary: 'Tarik Respon CN PIBK by nomorAju: every response due so far (repeatable)',
    tags: TAGS,
    schema: { querystring: NomorAjuQuery },
    handler: async (req, _r, ctx) => {
      const items = await responByAju(ctx, req.tenant, req.query.nomorAju, baseUrlOf(req));
      return items ? ok(items) : notOk(`Data dengan nomor aju ${req.query.nomorAju} tidak ditemukan`);
    },
  }),
  endpoint({
    method: 'GET',
    paths: cnpibk('/respon/tarik-respon-by-status'),
    family: 'barkir',
    summary: 'Tarik Respon CN PIBK By Status: responses of that status not pulled before (each delivered once)',
    tags: TAGS,
    description: 'The status goes in the query (`?status=CLEAR_VALIDASI`, the page example) or, as the page\'s "Request Body" says, in a JSON body `{"status": "..."}`.',
    schema: { querystring: Type.Object({ status: Type.Optional(StatusName) }) },
    handler: async (req, _r, ctx) => {
      const status = req.query.status ?? (await readJsonBody<{ status: string }>(req, StatusBody, ctx.config.bodyLimitBytes)).status;
      return ok(await responByStatus(ctx, req.tenant, status));
    },
  }),
  endpoint({
    method: 'GET',
    paths: [...cnpibk('/billing-konsolidasi/tarik-billing'), ...cnpibk('/billing-konsolidasi/tarik-billing-by-kodeBilling')],
    family: 'barkir',
    summary: 'Tarik Billing Konsolidasi: new billings once, or one billing by kodeBilling (repeatable)',
    tags: TAGS,
    schema: { querystring: Type.Object({ kodeBilling: Type.Optional(Type.String({ minLength: 1 })) }) },
    handler: async (req, _r, ctx) => {
      const byCode = req.url.includes('tarik-billing-by-kodeBilling');
      if (byCode && !req.query.kodeBilling) throw ApiError.field('/querystring/kodeBilling', 'required', '/querystring/kodeBilling is required');
      const data = await tarikBilling(ctx, req.tenant, req.query.kodeBilling, baseUrlOf(req));
      if (req.query.kodeBilling && !data.length) return notOk(`Data billing ${req.query.kodeBilling} tidak ditemukan`);
      return ok(data);
    },
  }),
  endpoint({
    method: 'GET',
    paths: cnpibk('/billing-konsolidasi/tarik-billing/:kodeBilling'),
    family: 'barkir',
    summary: 'Tarik Billing Konsolidasi by kodeBilling as a path parameter (the page calls it one)',
    tags: TAGS,
    schema: { params: Type.Object({ kodeBilling: Type.String({ minLength: 1 }) }) },
    handler: async (req, _r, ctx) => {
      const data = await tarikBilling(ctx, req.tenant, req.params.kodeBilling, baseUrlOf(req));
      return data.length ? ok(data) : notOk(`Data billing ${req.params.kodeBilling} tidak ditemukan`);
    },
  }),
  endpoint({
    method: 'GET',
    paths: cnpibk('/download-respon'),
    family: 'barkir',
    summary: 'Tarik Respon Dokumen Cetakan: the PDF behind a response path (e.g. a billing urlReport)',
    tags: TAGS,
    schema: { querystring: Type.Object({ path: Type.String({ minLength: 1 }) }) },
    handler: async (req, reply, ctx) => {
      const pdf = await barkirReportPdf(ctx, req.tenant, req.query.path);
      if (!pdf) throw new ApiError(404, `File ${req.query.path} tidak ditemukan`);
      return reply.type('application/pdf').header('content-disposition', `attachment; filename="${req.query.path.split('/').at(-1)}"`).send(pdf);
    },
  }),
  endpoint({
    method: 'POST',
    paths: cnpibk('/bc11/update-bc11'),
    family: 'barkir',
    summary: 'Update BC 1.1 of a consignment sent before',
    tags: TAGS,
    schema: { body: Type.Unsafe<Record<string, string>>({ ...UPDATE_BC11_BODY, properties: { ...UPDATE_BC11_BODY.properties, posBc11: { type: 'string', pattern: '^\\d{12}$' } } }) },
    handler: async (req, _r, ctx) => {
      const body = req.body;
      const doc = await findByAju(ctx.db, req.tenant.companyId, 'cnpibk', body.nomorAju!);
      if (!doc) return notOk(`Data dengan nomor aju ${body.nomorAju} tidak ditemukan`);
      if (doc.nomorBarang !== body.noBarang || doc.tanggal !== body.tglHouse) {
        throw ApiError.field('/noBarang', 'match', `/noBarang and /tglHouse must be those of nomor aju ${doc.nomorAju} (${doc.nomorBarang}, ${doc.tanggal})`);
      }
      const now = await ctx.clock.now(req.tenant.companyId);
      const history = Array.isArray(doc.info.bc11) ? (doc.info.bc11 as unknown[]) : [];
      const update = { noBc11: body.noBc11, tglBc11: body.tglBc11, posBc11: body.posBc11, kdGudang: body.kdGudang, waktuRekam: wib(now) };
      await updateInfo(ctx.db, doc.id, { ...doc.info, bc11: [...history, update] });
      return ok({ nomorAju: doc.nomorAju, noBarang: body.noBarang, tglHouse: body.tglHouse, ...update });
    },
  }),
];
