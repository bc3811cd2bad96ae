import { Type, type TSchema } from '@sinclair/typebox';
import { endpoint, under, PABEAN_PREFIXES, type Endpoint } from '../../../http/registry.ts';
import { ApiError } from '../../../http/errors.ts';
import type { AppContext } from '../../../context.ts';
import type { Tenant } from '../../../auth/repo.ts';
import { referenceNames, referenceTable } from '../../../reference/index.ts';
import { lookup, LOOKUP_NAMES, type LookupName } from './data.ts';
import {
  LookupError,
  checkAll,
  findManifest,
  gudangOfKantor,
  jakartaDate,
  kursOn,
  lartasOf,
  listKantor,
  pelabuhanOfKantor,
  requireIsoDate,
  requireKodeHs,
  requireValuta,
  searchPelabuhan,
  tarifOn,
} from './domain.ts';

/** The documented not-found answer of the pabean look-ups (Status & Respon: "Data Tidak Ditemukan"). */
export const NOT_FOUND_MESSAGE = 'Data Tidak Ditemukan';

/**
 * Runs a look-up: bad input answers 400 naming the field (pabean envelope), an unknown
 * value 404 with `{status:"Failed", message:"Data Tidak Ditemukan", <listKey>: []}`.
 */
async function answer<T>(listKey: string | null, fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof LookupError) {
      if (err.kind === 'invalid') throw ApiError.badRequest(err.message, err.errors);
      throw ApiError.exact(404, { status: 'Failed', message: NOT_FOUND_MESSAGE, ...(listKey ? { [listKey]: [] } : {}) }, err.message);
    }
    throw err;
  }
}

/** Today (yyyy-mm-dd, Jakarta) on the caller company's lifecycle clock. */
async function today(ctx: AppContext, tenant: Tenant): Promise<string> {
  return jakartaDate(await ctx.clock.now(tenant.companyId));
}

function listAnswer<T>(data: T[]) {
  return { status: 'OK', message: 'success', data, total: data.length };
}

const TAGS = ['Pabean: Cek Referensi'];
const Str = (description: string) => Type.String({ description });
const Failed = Type.Object({ status: Type.Literal('Failed'), message: Type.String() }, { additionalProperties: true });

const PelabuhanItem = Type.Object({
  kodePelabuhan: Type.String(),
  namaPelabuhan: Type.String(),
  kodeKantor: Type.Union([Type.String(), Type.Null()]),
  namaKantor: Type.Union([Type.String(), Type.Null()]),
});
const GudangItem = Type.Object({ kodeGudang: Type.String(), namaGudang: Type.String(), kodeKantor: Type.String(), namaKantor: Type.String() });
const KantorItem = Type.Object({ kodeKantor: Type.String(), namaKantor: Type.String() });
const ListOf = (item: TSchema) => Type.Object({ status: Type.Literal('OK'), message: Type.String(), data: Type.Array(item), total: Type.Integer() });

const KursParams = Type.Object({ kodeValuta: Str('Kode valuta berdasarkan Referensi Valuta (3 letters)') });
const KursQuery = Type.Object({ tanggal: Type.Optional(Str('Tanggal nilai kurs, yyyy-mm-dd (default: today on the company clock, WIB)')) });
const KursAnswer = Type.Object({ status: Type.Literal('true'), data: Type.Array(Type.Object({ nilaiKurs: Type.String() })) });

const HsQuery = Type.Object({ kodeHs: Str('Kode HS, 8 digits (or 10 digits ending in 00)') });
const TarifQuery = Type.Object({
  kodeHs: Str('Kode HS, 8 digits (or 10 digits ending in 00)'),
  tanggal: Type.Optional(Str('Tanggal berlaku tarif, yyyy-mm-dd (default: today on the company clock, WIB)')),
});
const ManifestQuery = Type.Object({
  noHostBl: Str('Nomor host B/L'),
  tglHostBl: Str('Tanggal host B/L, DD-MM-YYYY (yyyy-mm-dd accepted)'),
  kodeKantor: Str('Kode kantor berdasarkan Referensi Kantor'),
  nama: Str('Nama importir (penerima)'),
});
const KataParams = Type.Object({ kata: Str('Part of the port name or code, at least 3 characters') });
const KantorParams = Type.Object({ kodeKantor: Str('Kode kantor berdasarkan Referensi Kantor (6 digits)') });

const kurs = (paths: string[], summary: string) =>
  endpoint({
    method: 'GET',
    paths,
    family: 'pabean',
    summary,
    description: 'Kurs (IDR per unit) of a valuta on a date; sandbox values, deterministic per kurs week (Wednesday to Tuesday).',
    tags: TAGS,
    schema: { params: KursParams, querystring: KursQuery, response: { 200: KursAnswer, 400: Failed, 404: Failed } },
    handler: async (req, _reply, ctx) =>
      answer('data', async () => {
        const [valuta, asked] = checkAll(
          () => requireValuta(req.params.kodeValuta, '/params/kodeValuta'),
          () => (req.query.tanggal === undefined ? undefined : requireIsoDate(req.query.tanggal, '/querystring/tanggal')),
        );
        const now = await today(ctx, req.tenant);
        const tanggal = asked ?? now;
        return { status: 'true', data: [{ nilaiKurs: kursOn(valuta, tanggal, now) }] };
      }),
  });

const pelabuhanKata = (paths: string[], summary: string, foreignOnly: boolean) =>
  endpoint({
    method: 'GET',
    paths,
    family: 'pabean',
    summary,
    description: `Ports whose code or name contains the word (case-insensitive), ordered by code, at most 25${foreignOnly ? '; foreign ports only' : ''}.`,
    tags: TAGS,
    schema: { params: KataParams, response: { 200: ListOf(PelabuhanItem), 400: Failed, 404: Failed } },
    handler: async (req) => answer('data', () => listAnswer(searchPelabuhan(req.params.kata, '/params/kata', foreignOnly))),
  });

const pelabuhanKantor = (paths: string[], summary: string) =>
  endpoint({
    method: 'GET',
    paths,
    family: 'pabean',
    summary,
    tags: TAGS,
    schema: { params: KantorParams, response: { 200: ListOf(PelabuhanItem), 400: Failed, 404: Failed } },
    handler: async (req) => answer('data', () => listAnswer(pelabuhanOfKantor(req.params.kodeKantor, '/params/kodeKantor'))),
  });

const gudang = (paths: string[], summary: string) =>
  endpoint({
    method: 'GET',
    paths,
    family: 'pabean',
    summary,
    tags: TAGS,
    schema: { params: KantorParams, response: { 200: ListOf(GudangItem), 400: Failed, 404: Failed } },
    handler: async (req) => answer('data', () => listAnswer(gudangOfKantor(req.params.kodeKantor, '/params/kodeKantor'))),
  });

/** The pabean look-ups on the docs' paths and on the live v2 gateway's, under /openapi and /v2/openapi. */
export const referensiEndpoints: Endpoint[] = [
  kurs(under(PABEAN_PREFIXES, '/kurs/:kodeValuta'), 'Kurs of a valuta (docs and live v2 path)'),

  endpoint({
    method: 'GET',
    paths: under(PABEAN_PREFIXES, '/hs-lartas'),
    family: 'pabean',
    summary: 'Lartas (larangan/pembatasan) of a kode HS',
    description: 'The permits (Referensi Ijin) a kode HS needs on import; sandbox data.',
    tags: TAGS,
    schema: {
      querystring: HsQuery,
      response: {
        200: ListOf(
          Type.Object({
            kodeHs: Type.String(),
            uraianBarang: Type.String(),
            jenisLartas: Type.String(),
            tipeLartas: Type.String(),
            kodeIjin: Type.String(),
            namaIjin: Type.String(),
            namaInstansi: Type.String(),
          }),
        ),
        400: Failed,
        404: Failed,
      },
    },
    handler: async (req) =>
      answer('data', () => {
        const data = lartasOf(req.query.kodeHs);
        return { status: 'OK', message: data.length ? 'success' : 'Tidak ada ketentuan lartas', data, total: data.length };
      }),
  }),

  endpoint({
    method: 'GET',
    paths: under(PABEAN_PREFIXES, '/tarif-hs'),
    family: 'pabean',
    summary: 'Pos tarif (BM, PPN, PPh, PPnBM, cukai) of a kode HS on a date',
    description: 'Sandbox BTKI 2022 extract; `barangTarif` is ready to copy into a document item.',
    tags: TAGS,
    schema: { querystring: TarifQuery, response: { 400: Failed, 404: Failed } },
    handler: async (req, _reply, ctx) =>
      answer('posTarif', async () => {
        const [, asked] = checkAll(
          () => requireKodeHs(req.query.kodeHs, '/querystring/kodeHs'),
          () => (req.query.tanggal === undefined ? undefined : requireIsoDate(req.query.tanggal, '/querystring/tanggal')),
        );
        const tanggal = asked ?? (await today(ctx, req.tenant));
        return { status: 'OK', message: 'success', posTarif: [tarifOn(req.query.kodeHs, tanggal)] };
      }),
  }),

  endpoint({
    method: 'GET',
    paths: under(PABEAN_PREFIXES, '/manifes-bc11'),
    family: 'pabean',
    summary: 'BC 1.1 manifest pos of a host B/L',
    description: 'Answers the pos as a bare object, as the docs print it (note `npwpPemilk`). Sandbox manifests: see docs/pabean-referensi.md.',
    tags: TAGS,
    schema: { querystring: ManifestQuery, response: { 400: Failed, 404: Failed } },
    handler: async (req) => answer(null, () => findManifest(req.query, req.tenant)),
  }),

  pelabuhanKata(under(PABEAN_PREFIXES, '/pelabuhan/kata/:kata'), 'Ports by a word of their name (docs path)', false),
  pelabuhanKata(under(PABEAN_PREFIXES, '/referensi/pelabuhan-luar-negeri/:kata'), 'Foreign ports by a word of their name (live v2 path)', true),
  pelabuhanKantor(under(PABEAN_PREFIXES, '/pelabuhan/kodeKantor/:kodeKantor'), 'Ports of a kantor (docs path)'),
  pelabuhanKantor(under(PABEAN_PREFIXES, '/referensi/pelabuhan-dalam-negeri/:kodeKantor'), 'Ports of a kantor (live v2 path)'),
  gudang(under(PABEAN_PREFIXES, '/gudangTPS/kodeKantor/:kodeKantor'), 'TPS / gudang of a kantor (docs path)'),
  gudang(under(PABEAN_PREFIXES, '/referensi/tps-gudang/:kodeKantor'), 'TPS / gudang of a kantor (live v2 path)'),

  endpoint({
    method: 'GET',
    paths: under(PABEAN_PREFIXES, '/referensi/kantor'),
    family: 'pabean',
    summary: 'Referensi Kantor (live v2 path), optionally filtered by a word',
    tags: TAGS,
    schema: { querystring: Type.Object({ kata: Type.Optional(Str('Part of the kode or name of the kantor')) }), response: { 200: ListOf(KantorItem), 400: Failed, 404: Failed } },
    handler: async (req) => answer('data', () => listAnswer(listKantor(req.query.kata))),
  }),
];

// ---------------------------------------------------------------- sandbox: the shipped tables, read-only

const SANDBOX_PREFIX = '/sandbox/v1/referensi';

function lookupNameOf(name: string): LookupName | undefined {
  const n = name.startsWith('lookup-') ? name.slice('lookup-'.length) : '';
  return (LOOKUP_NAMES as string[]).includes(n) ? (n as LookupName) : undefined;
}

/** Every reference table of the docs (and the sandbox look-up data sets) for integrators: a ceisa40 extension. */
export const sandboxReferensiEndpoints: Endpoint[] = [
  endpoint({
    method: 'GET',
    paths: [SANDBOX_PREFIX],
    family: 'sandbox',
    summary: 'List the reference tables shipped with the server (ceisa40 extension)',
    tags: ['Sandbox'],
    handler: async () => ({
      tables: referenceNames().map((name) => {
        const t = referenceTable(name);
        return { name, title: t.title, source: t.source, columns: t.columns, rowCount: t.rows.length };
      }),
      lookups: LOOKUP_NAMES.map((n) => {
        const d = lookup(n) as { name: string; title?: string; notice: string };
        return { name: d.name, title: d.title ?? d.name, notice: d.notice, source: `src/reference/data/lookup/${n}.json` };
      }),
    }),
  }),
  endpoint({
    method: 'GET',
    paths: [`${SANDBOX_PREFIX}/:name`],
    family: 'sandbox',
    summary: 'One reference table (docs table, or a lookup-* sandbox data set) (ceisa40 extension)',
    tags: ['Sandbox'],
    schema: { params: Type.Object({ name: Type.String({ pattern: '^[a-z0-9.-]{1,80}$', description: "table name, e.g. 'kantor', 'valuta', 'lookup-kurs'" }) }) },
    handler: async (req) => {
      const name = req.params.name;
      const lk = lookupNameOf(name);
      if (lk) return lookup(lk);
      if (!referenceNames().includes(name)) throw ApiError.notFound(`no reference table named ${name} (GET ${SANDBOX_PREFIX} lists them)`);
      return referenceTable(name);
    },
  }),
];
