import { Type } from '@sinclair/typebox';
import { endpoint, type Endpoint } from '../../http/registry.ts';
import { ApiError } from '../../http/errors.ts';
import { cukaiPaths, invalid, notFound, ok, page } from './common.ts';
import { jenisProduksiByKode } from './jenis-produksi.ts';
import { MasterRepo } from './master.ts';
import { nppbkcOfQuery } from './routes-produksi.ts';

const TAGS = ['Cukai: Referensi'];
const Success = Type.Object({ message: Type.Literal('Success'), status: Type.Literal(true), data: Type.Any() });
const Nppbkc22 = Type.String({ pattern: '^\\d{22}$', description: 'NPPBKC (22 digits)' });

/**
 * Get Batas Tanggal P3C: may pita cukai be requested (P3C) now for a stock month? ceisa40's
 * rule (the docs give only one answer): on the company clock (WIB), P3C for bulanPersediaan M is
 * allowed during month M-1 and month M itself; any other month answers "Tidak Boleh P3C".
 */
export function statusP3c(now: Date, bulanPersediaan: number): 'Boleh P3C' | 'Tidak Boleh P3C' {
  const month = new Date(now.getTime() + 7 * 3600_000).getUTCMonth() + 1;
  const before = bulanPersediaan === 1 ? 12 : bulanPersediaan - 1;
  return month === bulanPersediaan || month === before ? 'Boleh P3C' : 'Tidak Boleh P3C';
}

export const referensiEndpoints: Endpoint[] = [
  endpoint({
    method: 'GET',
    paths: cukaiPaths('/referensi/ck1/getKuasa'),
    family: 'cukai',
    summary: 'Get Kuasa: the proxies (penerima kuasa) registered for an NPPBKC',
    tags: TAGS,
    schema: { querystring: Type.Object({ nppbkc: Nppbkc22 }), response: { 200: Success } },
    handler: async (req, _r, ctx) => {
      const n = await nppbkcOfQuery(ctx, req.tenant.companyId, req.query.nppbkc);
      return ok(await new MasterRepo(ctx.db).kuasaOf(req.tenant.companyId, n.id));
    },
  }),
  endpoint({
    method: 'GET',
    paths: cukaiPaths('/cekBatasTanggalP3c'),
    family: 'cukai',
    summary: 'Get Batas Tanggal P3C: whether pita cukai may be requested now for a stock month (company clock)',
    tags: TAGS,
    schema: {
      querystring: Type.Object({
        bulanPersediaan: Type.String({ pattern: '^(0?[1-9]|1[0-2])$', description: 'Bulan persediaan, 1..12' }),
        idJenisBkc: Type.String({ pattern: '^[123]$', description: '1 EA, 2 MMEA, 3 HT' }),
        idJenisUsaha: Type.String({ pattern: '^\\d{1,2}$', description: 'Identifikasi jenis usaha' }),
      }),
      response: { 200: Success },
    },
    handler: async (req, _r, ctx) => {
      const now = await ctx.clock.now(req.tenant.companyId);
      return ok({ statusP3c: statusP3c(now, Number(req.query.bulanPersediaan)) });
    },
  }),
  endpoint({
    method: 'GET',
    paths: cukaiPaths('/jenis-produksi/portal/getJenisProduksiByKodeJenisProduksi'),
    family: 'cukai',
    summary: 'Get Jenis Produksi (by kode jenis produksi)',
    tags: TAGS,
    schema: { querystring: Type.Object({ kodeJenisProduksi: Type.String({ minLength: 1, maxLength: 10 }) }), response: { 200: Success } },
    handler: async (req) => {
      const jp = jenisProduksiByKode(req.query.kodeJenisProduksi);
      if (!jp) throw notFound('/querystring/kodeJenisProduksi', `${req.query.kodeJenisProduksi} is not a kode jenis produksi`);
      return ok({ idJenisProduksi: jp.idJenisProduksi, satuan: jp.satuan, kodeJenisProduksi: jp.kodeJenisProduksi, namaJenisProduksi: jp.namaJenisProduksi, idJenisBkc: jp.idJenisBkc });
    },
  }),
  endpoint({
    method: 'GET',
    paths: cukaiPaths('/getAllTrNppbkc'),
    family: 'cukai',
    summary: 'Get NPPBKC: one NPPBKC record by its id and/or number (at least one; both must then name the same record)',
    tags: TAGS,
    schema: {
      querystring: Type.Object({ idNppbkc: Type.Optional(Type.String({ format: 'uuid' })), nppbkc: Type.Optional(Nppbkc22) }),
      response: { 200: Success },
    },
    handler: async (req, _r, ctx) => {
      const { idNppbkc, nppbkc } = req.query;
      if (!idNppbkc && !nppbkc) throw ApiError.field('/querystring/idNppbkc', 'required', '/querystring/idNppbkc or /querystring/nppbkc is required');
      const master = new MasterRepo(ctx.db);
      const row = idNppbkc ? await master.nppbkcById(req.tenant.companyId, idNppbkc) : await master.nppbkcByNumber(req.tenant.companyId, nppbkc!);
      if (!row) throw notFound(idNppbkc ? '/querystring/idNppbkc' : '/querystring/nppbkc', `${idNppbkc ?? nppbkc} is not an NPPBKC of this company`);
      if (idNppbkc && nppbkc && row.nppbkc !== nppbkc) throw invalid('/querystring/nppbkc', 'match', `must be the number of NPPBKC ${row.id} (${row.nppbkc})`);
      return ok(await master.renderNppbkc(row));
    },
  }),
  endpoint({
    method: 'GET',
    paths: cukaiPaths('/nppbkc/browseNppbkc'),
    family: 'cukai',
    summary: "Browse NPPBKC: the company's NPPBKC records (nppbkc: a number or its leading digits), pages from 0",
    tags: TAGS,
    schema: {
      querystring: Type.Object({
        nppbkc: Type.Optional(Type.String({ pattern: '^\\d{0,22}$' })),
        pageNumber: Type.Optional(Type.Integer({ minimum: 0, default: 0, description: 'Nomor halaman, from 0' })),
        pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })),
      }),
      response: { 200: Success },
    },
    handler: async (req, _r, ctx) => {
      const p = req.query.pageNumber ?? 0;
      const size = req.query.pageSize ?? 10;
      const master = new MasterRepo(ctx.db);
      const { rows, total } = await master.browseNppbkc(req.tenant.companyId, req.query.nppbkc ?? '', p * size, size);
      const list = [];
      for (const r of rows) list.push(await master.renderNppbkc(r));
      return ok(page(list, p, size, total));
    },
  }),
  endpoint({
    method: 'GET',
    paths: cukaiPaths('/kode-kantor/by-nppbkc'),
    family: 'cukai',
    summary: 'Get Data Kantor: the customs and excise office supervising an NPPBKC',
    tags: TAGS,
    schema: { querystring: Type.Object({ nppbkc: Nppbkc22 }), response: { 200: Success } },
    handler: async (req, _r, ctx) => {
      const n = await nppbkcOfQuery(ctx, req.tenant.companyId, req.query.nppbkc);
      return ok({ namaKantor: await new MasterRepo(ctx.db).namaKantor(req.tenant.companyId, n.kode_kantor), kodeKantor: n.kode_kantor });
    },
  }),
];
