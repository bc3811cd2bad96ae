import { Type, type TSchema } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { endpoint, type Endpoint } from '../../http/registry.ts';
import { ApiError } from '../../http/errors.ts';
import type { AppContext } from '../../context.ts';
import type { CukaiNppbkcRow } from '../../store/migrations/0010_cukai.ts';
import { browseCk4, dokumenOf, findCk4, flattenRekamBody, history, perbaikan, rekam, renderEa, renderHt, renderMmea, type Json } from './ck4.ts';
import { KIND_OF_ID, cukaiPaths, notFound, ok, page, parseJson, validate, type BkcKind } from './common.ts';
import { coerceForm, readForm } from './form.ts';
import { MasterRepo } from './master.ts';
import { PERBAIKAN_SCHEMAS, REKAM_SCHEMAS } from './schemas.ts';

const TAGS = ['Cukai: Produksi'];
const Success = (data: TSchema = Type.Null()) => Type.Object({ message: Type.Literal('Success'), status: Type.Literal(true), data });
const IdCk4Query = Type.Object({ idCk4: Type.String({ format: 'uuid', description: 'Identifikasi unik untuk CK-4' }) });
const Nppbkc22 = Type.String({ pattern: '^\\d{22}$', description: 'NPPBKC (22 digits)' });
const PageNo = Type.Optional(Type.Integer({ minimum: 1, default: 1, description: 'Nomor halaman (from 1)' }));
const Limit = Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10, description: 'ceisa40 extension: rows per page (default 10, as the docs show)' }));

const KIND_PATH: Record<BkcKind, string> = { HT: 'ht', MMEA: 'mmea', EA: 'ea' };

function requireJson(req: FastifyRequest): unknown {
  const type = String(req.headers['content-type'] ?? '');
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type)) throw new ApiError(415, `Content-Type must be application/json (got "${type || 'none'}")`);
  if (req.body === undefined || req.body === null) throw ApiError.field('', 'required', 'the request body is required');
  return req.body;
}

/** An NPPBKC number in a query, resolved for the caller (another company's answers like a missing one). */
export async function nppbkcOfQuery(ctx: AppContext, companyId: string, nppbkc: string, field = '/querystring/nppbkc'): Promise<CukaiNppbkcRow> {
  const row = await new MasterRepo(ctx.db).nppbkcByNumber(companyId, nppbkc);
  if (!row) throw notFound(field, `${nppbkc} is not an NPPBKC of this company`);
  return row;
}

function rekamEndpoint(kind: BkcKind): Endpoint {
  return endpoint({
    method: 'POST',
    paths: cukaiPaths(`/portal/ck4/rekam-${KIND_PATH[kind]}`),
    family: 'cukai',
    summary: `Rekam ${kind}: record a CK-4 ${kind} (JSON header + details)`,
    description:
      `Body: the flat JSON of the page (or {header:{...}, details:[...]} as the page's overview shows). Validated against ${REKAM_SCHEMAS[kind].title ?? 'the page schema'}; ` +
      'answers data:null as documented; the new idCk4 is in the x-ceisa40-id-ck4 response header and in Browse CK-4.',
    tags: TAGS,
    schema: { documentedBody: REKAM_SCHEMAS[kind], response: { 200: Success() } },
    handler: async (req, reply, ctx) => {
      const body = requireJson(req);
      const value = flattenRekamBody(body);
      validate(REKAM_SCHEMAS[kind], value);
      const id = await rekam(ctx, req.tenant.companyId, kind, value as Json, body);
      void reply.header('x-ceisa40-id-ck4', id);
      return ok(null);
    },
  });
}

function perbaikanEndpoint(kind: BkcKind): Endpoint {
  return endpoint({
    method: 'POST',
    paths: cukaiPaths(`/portal/ck4/perbaikan-${KIND_PATH[kind]}`),
    family: 'cukai',
    multipart: true,
    summary: `Perbaikan ${kind}: correct a CK-4 ${kind} (multipart/form-data, details[i].field parts${kind === 'HT' ? ', dokumen file part' : ''})`,
    description: 'The form parts become the same structure as a JSON body and are validated with the same rules. The original report is kept as an earlier version.',
    tags: TAGS,
    schema: { documentedBody: PERBAIKAN_SCHEMAS[kind], response: { 200: Success() } },
    handler: async (req, reply, ctx) => {
      const form = await readForm(req, kind === 'HT' ? ['dokumen'] : []);
      const schema = PERBAIKAN_SCHEMAS[kind];
      const value = coerceForm(schema, form.value) as Json;
      validate(schema, value, 'Request form');
      const r = await perbaikan(ctx, req.tenant.companyId, kind, value, form.raw);
      void reply.header('x-ceisa40-ck4-version', String(r.version));
      return ok(null);
    },
  });
}

function detailEndpoint(kind: BkcKind, render: (row: Parameters<typeof renderHt>[0]) => Json): Endpoint {
  return endpoint({
    method: 'GET',
    paths: cukaiPaths(`/portal/ck4/detail-${KIND_PATH[kind]}`),
    family: 'cukai',
    summary: `Get Detail ${kind}: the current version of a CK-4 in the ${kind} page's shape`,
    tags: TAGS,
    schema: { querystring: IdCk4Query, response: { 200: Success(Type.Any()) } },
    handler: async (req, _r, ctx) => {
      const row = await findCk4(ctx, req.tenant.companyId, req.query.idCk4);
      if (!row) throw notFound('/querystring/idCk4', `${req.query.idCk4} is not a CK-4 of this company`);
      return ok(render(row));
    },
  });
}

// ---------------------------------------------------------------------------------- tarif merk

function tarifRecord(kind: BkcKind, t: { id: string; merk_id: string; awal_berlaku: string | null; akhir_berlaku: string | null; attrs: string; nama_merk: string; merk_attrs: string }, n: CukaiNppbkcRow, namaKantor: string | null): Json {
  const a = parseJson<Json>(t.attrs);
  const m = parseJson<Json>(t.merk_attrs);
  const v = (k: string, fallback: unknown = null) => (k in a ? a[k] : fallback);
  const head = {
    idTarifMerkHeader: t.id,
    nomorSkep: v('nomorSkep'),
    tanggalSkep: v('tanggalSkep'),
    idProses: v('idProses'),
    hje: v('hje', m.hje ?? null),
    hjePerKemasan: v('hjePerKemasan'),
    hjePerBatang: v('hjePerBatang'),
    tujuan: v('tujuan'),
    idMerk: t.merk_id,
    namaMerk: t.nama_merk,
    idJenisProduksiBkc: v('idJenisProduksiBkc'),
    jenisProduksiBkc: v('jenisProduksiBkc', m.jenisProduksi ?? null),
    awalBerlaku: t.awal_berlaku,
    akhirBerlaku: t.akhir_berlaku,
    status: v('status'),
    nppbkc: n.nppbkc,
    namaKantor: v('namaKantor', namaKantor),
    namaPerusahaan: v('namaPerusahaan', n.nama_perusahaan),
    isi: v('isi', m.isi ?? null),
  };
  if (kind === 'HT') {
    return { ...head, isiRel: v('isiRel'), tarif: v('tarif', m.tarif ?? null), statusMerk: v('statusMerk', m.statusMerk ?? null), kodeDokumenPelengkap: v('kodeDokumenPelengkap'), kodeDokumenKep: v('kodeDokumenKep') };
  }
  return { ...head, tarifSpesifik: v('tarifSpesifik', m.tarif ?? null), tarifPerKemasan: v('tarifPerKemasan'), statusMerk: v('statusMerk', m.statusMerk ?? null), kodeDokumenKep: v('kodeDokumenKep') };
}

function tarifEndpoint(kind: BkcKind): Endpoint {
  return endpoint({
    method: 'GET',
    paths: cukaiPaths(`/portal/tarif-merk/browse-${KIND_PATH[kind]}`),
    family: 'cukai',
    summary: `Browse Tarif Merk ${kind}: tarif decisions of an NPPBKC's ${kind} brands, 10 per page`,
    tags: TAGS,
    schema: { querystring: Type.Object({ nppbkc: Nppbkc22, page: PageNo, limit: Limit }), response: { 200: Success(Type.Any()) } },
    handler: async (req, _r, ctx) => {
      const n = await nppbkcOfQuery(ctx, req.tenant.companyId, req.query.nppbkc);
      const master = new MasterRepo(ctx.db);
      const p = req.query.page ?? 1;
      const limit = req.query.limit ?? 10;
      const { rows, total } = await master.browseTarif(req.tenant.companyId, n.id, kind, (p - 1) * limit, limit);
      const kantor = await master.namaKantor(req.tenant.companyId, n.kode_kantor);
      return ok(page(rows.map((t) => tarifRecord(kind, t, n, kantor)), p, limit, total));
    },
  });
}

// ---------------------------------------------------------------------------------- data merk

const DMY = /^(\d{2})-(\d{2})-(\d{4})$/;
function dmyToIso(s: string, field: string): string {
  const m = DMY.exec(s) ?? /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) throw ApiError.field(field, 'format', `${field} must be a date DD-MM-YYYY (e.g. 01-09-2024)`);
  const [y, mo, d] = DMY.test(s) ? [m[3], m[2], m[1]] : [m[1], m[2], m[3]];
  const dt = new Date(`${y}-${mo}-${d}T00:00:00Z`);
  if (Number.isNaN(dt.getTime()) || dt.toISOString().slice(0, 10) !== `${y}-${mo}-${d}`) throw ApiError.field(field, 'format', `${field} is not a calendar date`);
  return `${y}-${mo}-${d}`;
}

export const produksiEndpoints: Endpoint[] = [
  detailEndpoint('EA', renderEa),
  rekamEndpoint('EA'),
  perbaikanEndpoint('EA'),
  detailEndpoint('MMEA', renderMmea),
  rekamEndpoint('MMEA'),
  perbaikanEndpoint('MMEA'),
  endpoint({
    method: 'GET',
    paths: cukaiPaths('/data-merk/getDataMerkSwitchingH2h'),
    family: 'cukai',
    summary: "Get Data Merk Switching: the NPPBKC's brands with the tarif in force between two dates (DD-MM-YYYY)",
    tags: TAGS,
    schema: {
      querystring: Type.Object({ nppbkc: Nppbkc22, tanggalAwal: Type.String({ description: 'DD-MM-YYYY' }), tanggalAkhir: Type.String({ description: 'DD-MM-YYYY' }) }),
      response: { 200: Success(Type.Any()) },
    },
    handler: async (req, _r, ctx) => {
      const from = dmyToIso(req.query.tanggalAwal, '/querystring/tanggalAwal');
      const to = dmyToIso(req.query.tanggalAkhir, '/querystring/tanggalAkhir');
      if (from > to) throw ApiError.field('/querystring/tanggalAkhir', 'order', '/querystring/tanggalAkhir must not be before tanggalAwal');
      const n = await nppbkcOfQuery(ctx, req.tenant.companyId, req.query.nppbkc);
      const rows = await new MasterRepo(ctx.db).tarifInRange(req.tenant.companyId, n.id, from, to);
      return ok(
        rows.map((t) => {
          const a = parseJson<Json>(t.attrs);
          const m = parseJson<Json>(t.merk_attrs);
          const ht = t.jenis_bkc === 'HT';
          return {
            tarifSpesifik: (ht ? a.tarif : a.tarifSpesifik) ?? m.tarif ?? null,
            isiPerKemasan: a.isi ?? m.isi ?? null,
            seriPita: ht ? (m.seriPita ?? null) : null,
            hjePerKemasan: a.hjePerKemasan ?? null,
            idMerk: t.merk_id,
            namaMerk: t.nama_merk,
          };
        }),
      );
    },
  }),
  endpoint({
    method: 'GET',
    paths: cukaiPaths('/data-merk/browse'),
    family: 'cukai',
    summary: "Browse Data Merk (by NPPBKC): the NPPBKC's EA and MMEA brands, 10 per page",
    tags: TAGS,
    schema: { querystring: Type.Object({ nppbkc: Nppbkc22, page: PageNo, limit: Limit }), response: { 200: Success(Type.Any()) } },
    handler: async (req, _r, ctx) => {
      const n = await nppbkcOfQuery(ctx, req.tenant.companyId, req.query.nppbkc);
      const master = new MasterRepo(ctx.db);
      const p = req.query.page ?? 1;
      const limit = req.query.limit ?? 10;
      const { rows, total } = await master.browseMerk(req.tenant.companyId, n.id, ['EA', 'MMEA'], (p - 1) * limit, limit);
      const kantor = await master.namaKantor(req.tenant.companyId, n.kode_kantor);
      return ok(
        page(
          rows.map((m) => {
            const a = parseJson<Json>(m.attrs);
            return {
              idNppbkc: n.id,
              nppbkc: n.nppbkc,
              idMerk: m.id,
              namaKantor: kantor,
              namaPerusahaan: n.nama_perusahaan,
              merkMmea: m.nama_merk,
              idJenisBkc: m.jenis_bkc === 'EA' ? 1 : 2,
              jenisMmea: a.jenisProduksi ?? m.jenis_bkc,
              idGolongan: a.idGolongan ?? null,
              golongan: a.golongan ?? null,
              kadar: a.kadar ?? null,
              cukaiLiter: a.cukaiLiter ?? a.tarif ?? null,
              isi: a.isi ?? 0,
              kemasan: a.kemasan ?? null,
            };
          }),
          p,
          limit,
          total,
        ),
      );
    },
  }),
  detailEndpoint('HT', renderHt),
  rekamEndpoint('HT'),
  perbaikanEndpoint('HT'),
  endpoint({
    method: 'GET',
    paths: cukaiPaths('/portal/ck4/browse'),
    family: 'cukai',
    summary: 'Browse CK-4: the reports of the company, newest first, 10 per page; filters idJenisBkc (1 EA, 2 MMEA, 3 HT), jenisLaporan (prefix, any case), nppbkc',
    tags: TAGS,
    schema: {
      querystring: Type.Object({
        idJenisBkc: Type.Optional(Type.Integer({ minimum: 1, maximum: 3, description: '1 EA, 2 MMEA, 3 HT' })),
        jenisLaporan: Type.Optional(Type.String({ pattern: '^[A-Za-z]*$', description: 'e.g. bulan: matches BULANAN and Bulanan' })),
        nppbkc: Type.Optional(Nppbkc22),
        page: PageNo,
        limit: Limit,
      }),
      response: { 200: Success(Type.Any()) },
    },
    handler: async (req, _r, ctx) => {
      const q = req.query;
      const n = q.nppbkc ? await nppbkcOfQuery(ctx, req.tenant.companyId, q.nppbkc) : undefined;
      return ok(
        await browseCk4(ctx, req.tenant.companyId, {
          nppbkcId: n?.id,
          kind: q.idJenisBkc ? KIND_OF_ID[q.idJenisBkc] : undefined,
          jenisLaporan: q.jenisLaporan || undefined,
          page: q.page ?? 1,
          limit: q.limit ?? 10,
        }),
      );
    },
  }),
  tarifEndpoint('EA'),
  tarifEndpoint('MMEA'),
  tarifEndpoint('HT'),
  // ------------------------------------------------------------------ sandbox: history of a report
  endpoint({
    method: 'GET',
    paths: ['/sandbox/v1/cukai/ck4/:idCk4/versions'],
    family: 'sandbox',
    summary: 'ceisa40: every version of a CK-4 (as recorded, each correction, a cancellation): the request as sent and the report after it',
    tags: ['Sandbox'],
    schema: { params: IdCk4Query },
    handler: async (req, _r, ctx) => {
      const h = await history(ctx, req.tenant.companyId, req.params.idCk4);
      if (!h) throw ApiError.notFound(`no CK-4 ${req.params.idCk4} for this company`);
      return h;
    },
  }),
  endpoint({
    method: 'GET',
    paths: ['/sandbox/v1/cukai/ck4/:idCk4/versions/:version/dokumen'],
    family: 'sandbox',
    summary: 'ceisa40: the dokumen file sent with a Perbaikan HT',
    tags: ['Sandbox'],
    schema: { params: Type.Object({ idCk4: Type.String({ format: 'uuid' }), version: Type.Integer({ minimum: 1 }) }) },
    handler: async (req, reply, ctx) => {
      const d = await dokumenOf(ctx, req.tenant.companyId, req.params.idCk4, req.params.version);
      if (!d) throw ApiError.notFound(`no dokumen for CK-4 ${req.params.idCk4} version ${req.params.version}`);
      void reply.header('content-type', d.type).header('content-disposition', `attachment; filename="${d.name.replace(/["\\\r\n]/g, '_')}"`);
      return reply.send(d.stream);
    },
  }),
];
