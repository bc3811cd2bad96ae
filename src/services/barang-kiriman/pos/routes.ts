import { createHash } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { endpoint, type Endpoint } from '../../../http/registry.ts';
import { ApiError } from '../../../http/errors.ts';
import { compileRouteSchema, summarize, toFieldErrors } from '../../../http/validation.ts';
import type { AppContext } from '../../../context.ts';
import type { Tenant } from '../../../auth/repo.ts';
import { isUniqueViolation } from '../../../store/db.ts';
import { timeline, type PlannedEvent } from '../../../lifecycle/timeline.ts';
import { referenceRow } from '../../../reference/index.ts';
import { cnpibk, notOk, ok, wib } from '../common.ts';
import { documentsById, dueEvents, findByAju, findByBarang, insertDocument, SUBJECT, updateInfo } from '../repo.ts';
import { readJsonBody } from '../rawbody.ts';
import { BARANG_TERTENTU_ARRAY, BC14_BODY, PECAH_POS_BODY } from './schema.ts';
import { uraianStatus } from '../impor/lifecycle.ts';

const TAGS = ['Barang Kiriman: PT POS (BC 1.4, barang tertentu)'];
const MIN = 60_000;

/** The answer the BC 1.4 pages print: a serialized Spring ResponseEntity. */
const ACCEPTED = { body: {}, statusCode: 'ACCEPTED', statusCodeValue: 0 };

function bc14Status(code: string): string {
  return referenceRow('barang-kiriman-kode-status-bc-1.4', code)?.[1] ?? '';
}

function digits(seed: string, n: number): string {
  const h = BigInt(`0x${createHash('sha256').update(seed).digest('hex').slice(0, 20)}`);
  return (h % 10n ** BigInt(n)).toString().padStart(n, '0');
}

/** `2023-04-03 14:39:44.584` (WIB, milliseconds) */
function wibMs(isoText: string): string {
  const t = new Date(Date.parse(isoText) + 7 * 3600_000).toISOString();
  return `${t.slice(0, 10)} ${t.slice(11, 23)}`;
}

/**
 * BC 1.4 life (company clock, T = sent): T 200 SUBMIT, T+2m 300 PENDAFTARAN (noBc14 and
 * tglBc14 issued), T+1h 500 SPPB; each Pecah Pos adds 400 when received.
 */
async function sendBc14(ctx: AppContext, tenant: Tenant, docs: Record<string, unknown>[]): Promise<void> {
  const now = await ctx.clock.now(tenant.companyId);
  const seen = new Set<string>();
  docs.forEach((d, i) => {
    const noAju = String(d.noAju);
    if (seen.has(noAju)) throw ApiError.field(`/${i}/noAju`, 'unique', `/${i}/noAju ${noAju} appears twice in this request`);
    seen.add(noAju);
  });
  try {
    await ctx.db.transaction().execute(async (trx) => {
      for (const [i, d] of docs.entries()) {
        const noAju = String(d.noAju);
        if (await findByAju(trx, tenant.companyId, 'bc14', noAju)) {
          throw new ApiError(409, `BC 1.4 dengan noAju ${noAju} sudah pernah dikirim`, [{ field: `/${i}/noAju`, rule: 'unique', message: `/${i}/noAju ${noAju} was already sent` }]);
        }
        const registered = new Date(now.getTime() + 2 * MIN);
        const noBc14 = digits(`bc14:${tenant.companyId}:${noAju}`, 6);
        const tglBc14 = wib(registered).slice(0, 10);
        const ev = (code: string, at: Date, payload: Record<string, unknown> = {}): PlannedEvent => ({ kind: 'status', code, dueAt: at, payload: { uraian: bc14Status(code), ...payload } });
        await insertDocument(
          trx,
          tenant.companyId,
          now,
          { kind: 'bc14', nomorAju: noAju, nomorBarang: noBc14, tanggal: tglBc14, kodeKantor: String(d.kodeKantorBcTujuan ?? ''), body: d, info: { noBc14, tglBc14, registeredAt: registered.toISOString() } },
          [ev('200', now), ev('300', registered, { noBc14, tglBc14 }), ev('500', new Date(now.getTime() + 60 * MIN))],
        );
      }
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw ApiError.conflict('BC 1.4 dengan noAju yang sama sedang dikirim oleh permintaan lain');
    throw err;
  }
}

async function pecahPos(ctx: AppContext, tenant: Tenant, body: { noBc14: string; tglBc14: string; noKantong: string; detail: unknown[] }) {
  const now = await ctx.clock.now(tenant.companyId);
  const candidates = (await findByBarang(ctx.db, tenant.companyId, 'bc14', body.noBc14)).filter((d) => d.tanggal === body.tglBc14);
  const doc = candidates.find((d) => Date.parse(String(d.info.registeredAt)) <= now.getTime());
  if (!doc) return notOk(`BC 1.4 nomor ${body.noBc14} tanggal ${body.tglBc14} tidak ditemukan`);
  const kantong = (doc.body.kantong as { noKantong?: string }[] | undefined) ?? [];
  if (!kantong.some((k) => k.noKantong === body.noKantong)) {
    throw ApiError.field('/noKantong', 'reference', `/noKantong ${body.noKantong} is not a kantong of BC 1.4 ${body.noBc14}`);
  }
  await ctx.db.transaction().execute(async (trx) => {
    // the document's lock, then its info read again: concurrent pecah pos of one BC 1.4 each keep their entry
    await timeline.lock(trx, tenant.companyId, SUBJECT, doc.id);
    const info = (await documentsById(trx, tenant.companyId, [doc.id])).get(doc.id)?.info ?? doc.info;
    const history = Array.isArray(info.pecahPos) ? (info.pecahPos as unknown[]) : [];
    await updateInfo(trx, doc.id, { ...info, pecahPos: [...history, { ...body, waktuRekam: now.toISOString() }] });
    await timeline.schedule(trx, tenant.companyId, SUBJECT, doc.id, [{ kind: 'status', code: '400', dueAt: now, payload: { uraian: bc14Status('400'), noKantong: body.noKantong } }]);
  });
  return ACCEPTED;
}

/** Barang tertentu life: T 100 (diterima), T+5m 203 (selesai validasi). */
async function sendBarangTertentu(ctx: AppContext, tenant: Tenant, docs: Record<string, unknown>[]) {
  const now = await ctx.clock.now(tenant.companyId);
  const out: unknown[] = [];
  try {
    await ctx.db.transaction().execute(async (trx) => {
      for (const [i, d] of docs.entries()) {
        const nomorDaftar = String(d.nomorDaftar);
        if (await findByAju(trx, tenant.companyId, 'barang-tertentu', nomorDaftar)) {
          throw new ApiError(409, `Data barang tertentu ${nomorDaftar} sudah pernah dikirim`, [{ field: `/${i}/nomorDaftar`, rule: 'unique', message: `/${i}/nomorDaftar ${nomorDaftar} was already sent` }]);
        }
        const ev = (code: string, at: Date): PlannedEvent => ({ kind: 'status', code, dueAt: at, payload: { uraian: `${uraianStatus(code)} `, keterangan: null } });
        await insertDocument(trx, tenant.companyId, now, { kind: 'barang-tertentu', nomorAju: nomorDaftar, nomorBarang: nomorDaftar, tanggal: String(d.tanggalDaftar), body: d }, [
          ev('100', now),
          ev('203', new Date(now.getTime() + 5 * MIN)),
        ]);
        out.push(item(nomorDaftar, String(d.tanggalDaftar), '100', `${uraianStatus('100')} `, now.toISOString(), null));
      }
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw ApiError.conflict('Data barang tertentu yang sama sedang dikirim oleh permintaan lain');
    throw err;
  }
  return ok(out);
}

function item(nomorDaftar: string, tanggalDaftar: string, kodeStatus: string, uraian: string, at: string, keterangan: string | null) {
  return { nomorDaftar, tanggalDaftar, kodeStatus, uraianStatus: uraian, waktuRekam: wib(new Date(at)), keterangan, diterima: 'YA' };
}

const barangTertentuDocs = compileRouteSchema(BARANG_TERTENTU_ARRAY, 'body');

async function tarikBarangTertentu(req: FastifyRequest, ctx: AppContext) {
  const q = req.query as { nomorDaftar?: string };
  if (!q.nomorDaftar) throw ApiError.field('/querystring/nomorDaftar', 'required', '/querystring/nomorDaftar is required');
  const doc = await findByAju(ctx.db, req.tenant.companyId, 'barang-tertentu', q.nomorDaftar);
  // the page's error answer
  if (!doc) return { message: 'Error null', status: false, data: null };
  const now = await ctx.clock.now(req.tenant.companyId);
  const events = await dueEvents(ctx.db, req.tenant.companyId, [doc.id], now);
  return ok(events.map((e) => item(doc.nomorAju, doc.tanggal ?? '', e.code, String(e.payload.uraian ?? ''), e.dueAt, (e.payload.keterangan as string | null) ?? null)));
}

async function pecahPosHandler(req: FastifyRequest, _reply: FastifyReply, ctx: AppContext) {
  const body = req.method === 'GET' ? await readJsonBody<typeof req.body>(req, PECAH_POS_BODY, ctx.config.bodyLimitBytes) : req.body;
  return pecahPos(ctx, req.tenant, body as { noBc14: string; tglBc14: string; noKantong: string; detail: unknown[] });
}

export const posEndpoints: Endpoint[] = [
  endpoint({
    method: 'POST',
    paths: cnpibk('/bc14/kirim-data'),
    family: 'barkir',
    summary: 'Kirim Data BC 1.4 (PT POS): an array of BC 1.4 documents',
    tags: TAGS,
    schema: { body: Type.Unsafe<Record<string, unknown>[]>(BC14_BODY) },
    handler: async (req, _r, ctx) => {
      await sendBc14(ctx, req.tenant, req.body);
      return ACCEPTED;
    },
  }),
  endpoint({
    method: 'GET',
    paths: cnpibk('/bc14/cek-status-bc14'),
    family: 'barkir',
    summary: 'Tarik Respon BC 1.4: the statuses of one BC 1.4 (by noAju)',
    tags: TAGS,
    schema: { querystring: Type.Object({ noAju: Type.String({ minLength: 1 }) }) },
    handler: async (req, _r, ctx) => {
      const doc = await findByAju(ctx.db, req.tenant.companyId, 'bc14', req.query.noAju);
      if (!doc) return notOk(`BC 1.4 dengan noAju ${req.query.noAju} tidak ditemukan`);
      const now = await ctx.clock.now(req.tenant.companyId);
      const events = await dueEvents(ctx.db, req.tenant.companyId, [doc.id], now);
      const registered = events.some((e) => e.code === '300');
      return ok(
        {
          noAju: doc.nomorAju,
          noBc14: registered ? doc.info.noBc14 : null,
          tglBc14: registered ? doc.info.tglBc14 : null,
          detailStatus: events.map((e) => ({ kodeStatus: e.code, uraianStatus: String(e.payload.uraian ?? ''), waktuRekam: wibMs(e.dueAt) })),
        },
        'Success Get data',
      );
    },
  }),
  endpoint({
    method: 'POST',
    paths: cnpibk('/bc14/pecah-pos'),
    family: 'barkir',
    summary: 'Pecah Pos BC 1.4 (PT POS) of a registered BC 1.4',
    tags: TAGS,
    schema: { body: Type.Unsafe<Record<string, unknown>>(PECAH_POS_BODY) },
    handler: (req, reply, ctx) => pecahPosHandler(req, reply, ctx),
  }),
  endpoint({
    method: 'GET',
    paths: cnpibk('/bc14/pecah-pos'),
    family: 'barkir',
    summary: 'Pecah Pos BC 1.4 as the page prints it: GET with a JSON body',
    tags: TAGS,
    handler: (req, reply, ctx) => pecahPosHandler(req, reply, ctx),
  }),
  endpoint({
    method: 'POST',
    paths: cnpibk('/daftar-tertentu/kirim-data'),
    family: 'barkir',
    summary: 'Kirim Data Barang Tertentu (PT POS): one document or an array, each with nomorDaftar and tanggalDaftar',
    tags: TAGS,
    schema: { body: Type.Unsafe<Record<string, unknown> | Record<string, unknown>[]>({ type: ['object', 'array'] }) },
    handler: async (req, _r, ctx) => {
      const wrapped = Array.isArray(req.body);
      const docs = (wrapped ? req.body : [req.body]) as Record<string, unknown>[];
      if (!barangTertentuDocs(docs)) {
        const errors = toFieldErrors(barangTertentuDocs.errors).map((e) => (wrapped ? e : { ...e, field: e.field.replace(/^\/0/, ''), message: e.message.replace(/^\/0/, '') }));
        throw ApiError.badRequest(summarize(errors, 'Request body'), errors);
      }
      return sendBarangTertentu(ctx, req.tenant, docs);
    },
  }),
  endpoint({
    method: 'POST',
    paths: cnpibk('/daftar-tertentu/request-respon'),
    family: 'barkir',
    summary: 'Tarik Respon Data Barang Tertentu (the page: POST with ?nomorDaftar=)',
    tags: TAGS,
    schema: { querystring: Type.Object({ nomorDaftar: Type.Optional(Type.String()) }) },
    handler: (req, _r, ctx) => tarikBarangTertentu(req, ctx),
  }),
  endpoint({
    method: 'GET',
    paths: cnpibk('/daftar-tertentu/request-respon'),
    family: 'barkir',
    summary: 'Tarik Respon Data Barang Tertentu (GET variant)',
    tags: TAGS,
    schema: { querystring: Type.Object({ nomorDaftar: Type.Optional(Type.String()) }) },
    handler: (req, _r, ctx) => tarikBarangTertentu(req, ctx),
  }),
];

