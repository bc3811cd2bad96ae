/**
 * Fast seeding: fills the configured database with realistic companies (each with a user and
 * an API key), final BC 2.0 documents, their lifecycle (green lane, paid billing, SPPB) and
 * every status and response event of it, already delivered. For the large-data benchmark, and
 * for users who want a full sandbox.
 *
 *   node --import tsx scripts/seed.ts --documents 1000000 [--companies 20] [--days 365]
 *        [--batch 5000] [--data-dir ./data | --database-url postgres://...]
 *
 * How it stays faithful and fast:
 * - One real document is sent through the real send path and its billing paid through the
 *   real lifecycle, so every row has the shape the server writes. Its rows are read back and
 *   compiled into row templates: each column is either the template's constant or one of the
 *   values that vary per document (ids, company, nomorAju and tanggalAju, kode billing, nomor
 *   daftar and tanggal daftar, every nomor respon, and every timestamp, shifted). A column
 *   holding a varying value the seed does not know makes it stop rather than copy it.
 * - Documents are spread over the last `--days` days (the newest finished an hour ago), round
 *   robin over the companies, in time order: nomorAju (per company and day), nomor daftar and
 *   nomor respon (per company and year, as the server numbers them) count up from the
 *   company's counters, which are left at the last number used, so documents sent after the
 *   seed continue the numbering.
 * - Rows are written directly, in large transactions (`--batch` documents each): multi-row
 *   prepared INSERTs on SQLite (journal in memory, no fsync, foreign keys not re-checked while
 *   writing; the WAL journal is restored at the end), prepared multi-row INSERTs of 1,000 rows on
 *   PostgreSQL (`synchronous_commit` off). Ids are UUIDs of the server's shape (version 4 layout)
 *   whose first 48 bits count up from a random start, so the B-tree indexes keyed by them are
 *   appended to instead of written at random places (which is what made large seeds slow).
 *
 * The server must not be running on the database while it is seeded. Company i (2..n) logs in
 * as `seed<i>` / `seed`, API key `seed-key-<i>`; the sandbox demo company (demo / demo /
 * demo-key) is company 1.
 */
import { randomBytes } from 'node:crypto';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { buildApp } from '../src/app.ts';
import { loadConfig, type Config } from '../src/config.ts';
import { payBilling } from '../src/lifecycle/pabean/engine.ts';
import { year, ymd } from '../src/lifecycle/pabean/format.ts';
import { DEMO_COMPANY } from '../src/auth/demo.ts';
import type { Db } from '../src/store/db.ts';
import { bc20Example } from '../bench/bodies.ts';

export interface SeedOptions {
  documents: number;
  companies?: number;
  /** documents per transaction */
  batch?: number;
  /** the documents' submission times spread over this many days before now */
  days?: number;
  dataDir?: string;
  databaseUrl?: string | null;
  /** how many nomorAju of the demo company to return, evenly spread over its documents */
  sample?: number;
  /** progress callback (documents written so far) */
  progress?: (written: number, total: number) => void;
}

export interface SeedResult {
  documents: number;
  companies: number;
  rows: number;
  seconds: number;
  /** seconds spent writing the rows (the rest: start, companies, template, closing) */
  writeSeconds: number;
  /** nomorAju of the demo company, evenly spread over its seeded documents, oldest first */
  demoAjus: string[];
}

const TABLES = ['pabean_documents', 'pabean_lifecycles', 'pabean_billings', 'lifecycle_events'] as const;
type Table = (typeof TABLES)[number];
type Row = Record<string, unknown>;
/**
 * tables the send + pay path may write besides TABLES (the counters are handled on their own;
 * lifecycle_subjects holds the timeline's per-subject lock rows, created on a subject's first
 * write: seeded documents get theirs when they are first written to, like any document)
 */
const KNOWN_SIDE_TABLES = new Set(['pabean_counters', 'company_clocks', 'lifecycle_subjects']);
const INT_COLUMNS = new Set(['revision', 'seq']);
/** documents generated between two writes (within a batch) */
const CHUNK = 50;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const TEMPLATE_PREFIX = '051000SEEDT0';

/** Everything that differs from one seeded document to the next. */
interface DocValues {
  docId: string;
  billId: string;
  eventIds: string[];
  companyId: string;
  aju: string;
  tanggalAju: string;
  kodeBilling: string;
  nomorDaftar: string;
  tanggalDaftar: string;
  nomorRespon: string[];
  /** the template's distinct timestamps, shifted to this document */
  times: string[];
}

type Getter = (v: DocValues) => unknown;

interface Template {
  /** per table: per template row, one getter per column */
  rows: Record<Table, Getter[][]>;
  columns: Record<Table, string[]>;
  /** the template's distinct timestamps (ms), in `DocValues.times` order */
  times: number[];
  submittedAt: number;
  /** the last event's due time - submission */
  span: number;
  registeredAt: number;
  /** per numbered response (in timeline order): its due time (ms) and the text of its number between the counter and the year */
  respon: { at: number; mid: string }[];
  daftarCounter: (y: string) => string;
  responCounter: (y: string) => string;
  events: number;
}

/** `a"b"c` split at each of the markers, as getters joined back per document. */
function spliced(text: string, marks: [string, Getter][]): Getter {
  const parts: (string | Getter)[] = [text];
  for (const [mark, get] of marks) {
    if (!text.includes(mark)) throw new Error(`seed: ${mark} is not in the template text`);
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i];
      if (typeof p !== 'string' || !p.includes(mark)) continue;
      const pieces = p.split(mark);
      const out: (string | Getter)[] = [];
      pieces.forEach((s, j) => (j ? out.push(get, s) : out.push(s)));
      parts.splice(i, 1, ...out);
      i += out.length - 1;
    }
  }
  if (parts.length === 1) return () => text;
  return (v) => {
    let s = '';
    for (const p of parts) s += typeof p === 'string' ? p : (p(v) as string);
    return s;
  };
}

/** Compiles the template document's rows into per-column getters. */
function compileTemplate(tpl: Record<Table, Row[]>, counterNames: string[]): Template {
  const doc = tpl.pabean_documents[0]!;
  const lc = tpl.pabean_lifecycles[0];
  const bill = tpl.pabean_billings[0];
  if (tpl.pabean_documents.length !== 1 || tpl.pabean_lifecycles.length !== 1 || tpl.pabean_billings.length !== 1) {
    throw new Error(`the template document should have 1 lifecycle and 1 billing, it has ${tpl.pabean_lifecycles.length} and ${tpl.pabean_billings.length}`);
  }
  if (!lc || !bill || !lc.nomor_daftar || !lc.tanggal_daftar) throw new Error('the template document was not registered');
  const aju = doc.nomor_aju as string;
  const body = JSON.parse(doc.body as string) as Record<string, unknown>;
  const tanggalAju = body.tanggalAju as string;
  const eventIds = tpl.lifecycle_events.map((e) => e.id as string);

  // the timestamps, each shifted per document
  const times: number[] = [];
  const timeIndex = new Map<string, number>();
  const timeGetter = (s: string): Getter => {
    let k = timeIndex.get(s);
    if (k === undefined) {
      k = times.push(Date.parse(s)) - 1;
      timeIndex.set(s, k);
    }
    const idx = k;
    return (v) => v.times[idx];
  };

  // the values that vary per document, as found in the template
  const varying: [unknown, Getter][] = [
    [doc.id, (v) => v.docId],
    [bill.id, (v) => v.billId],
    [doc.company_id, (v) => v.companyId],
    [aju, (v) => v.aju],
    [bill.kode_billing, (v) => v.kodeBilling],
    [lc.nomor_daftar, (v) => v.nomorDaftar],
    ...eventIds.map((id, k): [unknown, Getter] => [id, (v) => v.eventIds[k]]),
  ];
  const mustNotContain = [doc.id, bill.id, doc.company_id, aju, bill.kode_billing, ...eventIds] as string[];
  const guard = (table: string, column: string, s: string) => {
    const hit = mustNotContain.find((x) => s.includes(x));
    if (hit) throw new Error(`seed: ${table}.${column} holds a per-document value (${hit}) the seed does not know how to vary`);
  };

  const respon: Template['respon'] = [];
  const registeredAt = Date.parse(lc.tanggal_daftar as string);
  const tanggalDaftar = ymd(new Date(registeredAt));
  const rows = {} as Record<Table, Getter[][]>;
  const columns = {} as Record<Table, string[]>;
  for (const t of TABLES) {
    columns[t] = Object.keys(tpl[t][0]!);
    rows[t] = tpl[t].map((r) =>
      columns[t].map((c): Getter => {
        const x = r[c];
        if (t === 'lifecycle_events' && c === 'delivered_at') {
          // every seeded event was pulled when it came due
          return timeGetter(r.due_at as string);
        }
        if (t === 'pabean_documents' && c === 'body') {
          const text = x as string;
          const marks: [string, Getter][] = [
            [JSON.stringify({ nomorAju: aju }).slice(1, -1), (v) => `"nomorAju":"${v.aju}"`],
            [JSON.stringify({ tanggalAju }).slice(1, -1), (v) => `"tanggalAju":"${v.tanggalAju}"`],
          ];
          guard(t, c, marks.reduce((x, [m]) => x.replaceAll(m, ''), text));
          return spliced(text, marks);
        }
        if (t === 'lifecycle_events' && c === 'payload') {
          const text = x as string;
          const p = JSON.parse(text) as Record<string, unknown>;
          if (JSON.stringify(p) !== text) throw new Error('seed: an event payload is not plain JSON.stringify output');
          const marks: [string, Getter][] = [];
          const mark = (key: string, get: Getter) => {
            const m = `@@seed:${key}@@`;
            p[key] = m;
            marks.push([m, get]);
          };
          if (p.nomorAju !== aju) throw new Error('seed: an event payload has another nomorAju');
          mark('nomorAju', (v) => v.aju);
          if (p.nomorDaftar != null) {
            if (p.nomorDaftar !== lc.nomor_daftar || p.tanggalDaftar !== tanggalDaftar) throw new Error('seed: an event payload has another registration');
            mark('nomorDaftar', (v) => v.nomorDaftar);
            mark('tanggalDaftar', (v) => v.tanggalDaftar);
          }
          if (p.kodeBilling != null) {
            if (p.kodeBilling !== bill.kode_billing) throw new Error('seed: an event payload has another kode billing');
            mark('kodeBilling', (v) => v.kodeBilling);
          }
          if (p.nomorRespon != null) {
            const m = /^(\d+)(\/.+\/)(\d{4})$/.exec(p.nomorRespon as string);
            if (!m || m[3] !== year(r.due_at as string)) throw new Error(`seed: unexpected nomorRespon ${String(p.nomorRespon)}`);
            const k = respon.push({ at: Date.parse(r.due_at as string), mid: m[2]! }) - 1;
            mark('nomorRespon', (v) => v.nomorRespon[k]);
          }
          const g = spliced(JSON.stringify(p), marks);
          guard(t, c, JSON.stringify(p));
          return g;
        }
        const known = varying.find(([val]) => val === x);
        if (known && typeof x === 'string') return known[1];
        if (typeof x === 'string' && ISO.test(x)) return timeGetter(x);
        if (typeof x === 'string') guard(t, c, x);
        return () => x;
      }),
    );
  }
  // the counters the template's numbers came from: daftar:<kantor>:<year> and respon:<year>
  const daftar = counterNames.filter((n) => n.startsWith('daftar:'));
  const resp = counterNames.filter((n) => n.startsWith('respon:'));
  if (daftar.length !== 1 || resp.length !== 1 || !/:\d{4}$/.test(daftar[0]!) || !/:\d{4}$/.test(resp[0]!)) {
    throw new Error(`seed: the template used unexpected counters: ${counterNames.join(', ')}`);
  }
  const dPre = daftar[0]!.slice(0, -4);
  const rPre = resp[0]!.slice(0, -4);
  const submittedAt = Date.parse(doc.submitted_at as string);
  const lastDue = Math.max(...tpl.lifecycle_events.map((e) => Date.parse(e.due_at as string)));
  return {
    rows,
    columns,
    times,
    submittedAt,
    span: lastDue - submittedAt,
    registeredAt,
    respon,
    daftarCounter: (y) => dPre + y,
    responCounter: (y) => rPre + y,
    events: tpl.lifecycle_events.length,
  };
}

/** UUIDs of the version 4 layout whose first 48 bits count up from a random start. */
function idFactory(): () => string {
  let n = Number(randomBytes(6).readUIntBE(0, 6) % 2 ** 47);
  let pool = '';
  let at = 0;
  return () => {
    if (at + 19 > pool.length) {
      pool = randomBytes(8192).toString('hex');
      at = 0;
    }
    const p = (n++).toString(16).padStart(12, '0');
    const r = pool.slice(at, (at += 19));
    return `${p.slice(0, 8)}-${p.slice(8)}-4${r.slice(0, 3)}-${'89ab'[parseInt(r[3]!, 16) & 3]}${r.slice(4, 7)}-${r.slice(7)}`;
  };
}

/** The real send path and lifecycle, once, for the demo company: the rows every seeded document copies. */
async function templateDocument(app: Awaited<ReturnType<typeof buildApp>>['app'], ctx: Awaited<ReturnType<typeof buildApp>>['ctx'], config: Config, companyId: string) {
  const db = ctx.db;
  const counters = async () => new Map((await db.selectFrom('pabean_counters').selectAll().where('company_id', '=', companyId).execute()).map((r) => [r.name, Number(r.value)]));
  const tables = (await db.introspection.getTables()).map((t) => t.name);
  const count = async () => {
    const out = new Map<string, number>();
    for (const t of tables) out.set(t, Number((await db.selectFrom(t as Table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n));
    return out;
  };
  const login = await app.inject({ method: 'POST', url: '/v1/openapi-auth/user/login', payload: { username: config.demo.username, password: config.demo.password } });
  if (login.statusCode !== 200) throw new Error(`demo login refused: ${login.statusCode} ${login.body}`);
  const auth = { authorization: `Bearer ${login.json().item.access_token}`, 'beacukai-api-key': config.demo.apiKey };
  const before = await count();
  const countersBefore = await counters();
  const clock = await db.selectFrom('company_clocks').selectAll().where('company_id', '=', companyId).executeTakeFirst();
  const templateAju = `${TEMPLATE_PREFIX}${ymd(new Date()).replaceAll('-', '')}${String(Date.now() % 1e6).padStart(6, '0')}`;
  let docId: string | undefined;
  try {
    await ctx.clock.freeze(companyId, new Date());
    const sent = await app.inject({
      method: 'POST',
      url: '/openapi/document?isFinal=true',
      headers: { ...auth, 'x-ceisa-lane': 'green', 'x-ceisa-billing': 'required' },
      payload: { ...bc20Example(), nomorAju: templateAju },
    });
    if (sent.statusCode !== 200) throw new Error(`template document refused: ${sent.statusCode} ${sent.body}`);
    docId = sent.json().idHeader as string;
    await ctx.clock.advance(companyId, 3_600_000);
    const bill = await db.selectFrom('pabean_billings').selectAll().where('document_id', '=', docId).executeTakeFirstOrThrow();
    await payBilling(db, ctx.clock, companyId, bill.kode_billing);
    const tpl: Record<Table, Row[]> = {
      pabean_documents: await db.selectFrom('pabean_documents').selectAll().where('id', '=', docId).execute(),
      pabean_lifecycles: await db.selectFrom('pabean_lifecycles').selectAll().where('document_id', '=', docId).execute(),
      pabean_billings: await db.selectFrom('pabean_billings').selectAll().where('document_id', '=', docId).execute(),
      lifecycle_events: await db.selectFrom('lifecycle_events').selectAll().where('subject_kind', '=', 'pabean').where('subject_id', '=', docId).orderBy('seq').execute(),
    };
    // every table the send and the payment wrote must be one the seed writes
    const after = await count();
    const unknown = [...after].filter(([t, n]) => n !== before.get(t) && !(TABLES as readonly string[]).includes(t) && !KNOWN_SIDE_TABLES.has(t)).map(([t]) => t);
    if (unknown.length) throw new Error(`seed: sending a document also writes ${unknown.join(', ')}, which the seed does not know`);
    const countersAfter = await counters();
    const used = [...countersAfter].filter(([n, v]) => v !== (countersBefore.get(n) ?? 0)).map(([n]) => n);
    return { tpl, used, countersBefore };
  } finally {
    // the template itself is not left behind (exactly N documents are written), nor its numbers
    if (docId) {
      const id = docId;
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('lifecycle_events').where('subject_kind', '=', 'pabean').where('subject_id', '=', id).execute();
        await trx.deleteFrom('lifecycle_subjects').where('subject_kind', '=', 'pabean').where('subject_id', '=', id).execute();
        await trx.deleteFrom('pabean_billings').where('document_id', '=', id).execute();
        await trx.deleteFrom('pabean_lifecycles').where('document_id', '=', id).execute();
        await trx.deleteFrom('pabean_document_versions').where('document_id', '=', id).execute();
        await trx.deleteFrom('pabean_documents').where('id', '=', id).execute();
      });
    }
    await db.deleteFrom('pabean_counters').where('company_id', '=', companyId).execute();
    const restore = [...countersBefore].map(([name, value]) => ({ company_id: companyId, name, value }));
    if (restore.length) await db.insertInto('pabean_counters').values(restore).execute();
    await ctx.clock.reset(companyId);
    if (clock) await db.insertInto('company_clocks').values(clock).execute();
  }
}

async function existingCounters(db: Db, companies: string[]): Promise<Map<string, number>> {
  const rows = await db.selectFrom('pabean_counters').selectAll().where('company_id', 'in', companies).execute();
  return new Map(rows.map((r) => [`${r.company_id}\u0000${r.name}`, Number(r.value)]));
}

export async function seed(o: SeedOptions): Promise<SeedResult> {
  const t0 = performance.now();
  const env = { ...process.env, CEISA_MODE: 'sandbox', LOG_LEVEL: 'silent' };
  const config: Config = loadConfig(env, { ...(o.dataDir ? { dataDir: o.dataDir } : {}), ...(o.databaseUrl !== undefined ? { databaseUrl: o.databaseUrl } : {}) });
  const nCompanies = Math.max(1, o.companies ?? 20);
  const batch = Math.max(1, o.batch ?? 5000);
  const days = o.days ?? 365;
  const sample = o.sample ?? 1000;

  // companies, the template, the counters: through the application
  const { app, ctx } = await buildApp(config, { logger: false });
  let template: Template;
  const companies: string[] = [];
  let counters: Map<string, number>;
  try {
    await app.ready();
    const demo = await ctx.accounts.findCompany(DEMO_COMPANY.npwp);
    if (!demo) throw new Error('the sandbox demo company is missing: seed an empty database (or one the server created)');
    companies.push(demo.id);
    for (let i = 2; i <= nCompanies; i++) {
      const npwp = `9${String(i).padStart(14, '0')}`;
      let c = await ctx.accounts.findCompany(npwp);
      if (!c) {
        c = await ctx.accounts.createCompany({ name: `PT SEED ${i}`, npwp, nitku: `${npwp}0000000` });
        await ctx.accounts.createUser({ companyId: c.id, username: `seed${i}`, password: 'seed' });
        await ctx.accounts.createApiKey(c.id, 'seed', `seed-key-${i}`);
      }
      companies.push(c.id);
    }
    const { tpl, used } = await templateDocument(app, ctx, config, demo.id);
    template = compileTemplate(tpl, used);
    counters = await existingCounters(ctx.db, companies);
  } finally {
    await app.close();
  }

  // the rows, written directly
  const writer = config.databaseUrl ? await pgWriter(config.databaseUrl, template.columns) : sqliteWriter(config.sqliteFile, template.columns);
  const tw = performance.now();
  const nextId = idFactory();
  const runTag = String(Math.floor(Date.now() / 1000) % 1e6).padStart(6, '0');
  const end = Date.now() - template.span - 3_600_000;
  const step = o.documents > 1 ? (days * 86_400_000) / o.documents : 0;
  const demoCount = Math.ceil(o.documents / nCompanies);
  const stride = Math.max(1, Math.ceil(demoCount / Math.max(1, sample)));
  const demoAjus: string[] = [];
  const ajuSeq = companies.map(() => ({ day: '', n: 0 }));
  const counter = (company: string, name: string) => {
    const key = `${company}\u0000${name}`;
    const n = (counters.get(key) ?? 0) + 1;
    counters.set(key, n);
    return n;
  };
  let kodeSeq = 0;
  let rows = 0;
  let written = 0;
  try {
    let out = Object.fromEntries(TABLES.map((t) => [t, [] as unknown[]])) as Record<Table, unknown[]>;
    const flush = async () => {
      await writer.write(out);
      for (const t of TABLES) rows += out[t].length / template.columns[t].length;
      out = Object.fromEntries(TABLES.map((t) => [t, [] as unknown[]])) as Record<Table, unknown[]>;
    };
    o.progress?.(0, o.documents);
    while (written < o.documents) {
      const n = Math.min(batch, o.documents - written);
      for (let k = 0; k < n; k++) {
        const i = written + k;
        const c = i % nCompanies;
        const companyId = companies[c]!;
        const submitted = Math.round(end - (o.documents - 1 - i) * step);
        const delta = submitted - template.submittedAt;
        const day = ymd(new Date(submitted));
        const seq = ajuSeq[c]!;
        if (seq.day !== day) ((seq.day = day), (seq.n = 0));
        const aju = `051020${runTag}${day.replaceAll('-', '')}${String(++seq.n).padStart(6, '0')}`;
        if (c === 0 && (i / nCompanies) % stride === 0) demoAjus.push(aju);
        const reg = new Date(template.registeredAt + delta);
        const docId = nextId();
        const billId = nextId();
        const eventIds: string[] = [];
        for (let e = 0; e < template.events; e++) eventIds.push(nextId());
        const v: DocValues = {
          docId,
          billId,
          eventIds,
          companyId,
          aju,
          tanggalAju: day,
          kodeBilling: `8${runTag}${String(++kodeSeq).padStart(8, '0')}`,
          nomorDaftar: String(counter(companyId, template.daftarCounter(year(reg)))).padStart(6, '0'),
          tanggalDaftar: ymd(reg),
          nomorRespon: template.respon.map((r) => {
            const y = year(new Date(r.at + delta));
            return `${String(counter(companyId, template.responCounter(y))).padStart(6, '0')}${r.mid}${y}`;
          }),
          times: template.times.map((t) => new Date(t + delta).toISOString()),
        };
        for (const t of TABLES) {
          const list = out[t];
          for (const getters of template.rows[t]) for (const g of getters) list.push(g(v));
        }
        // written in small chunks inside the batch's transaction: the generated strings die young
        if (k % CHUNK === CHUNK - 1) await flush();
      }
      await flush();
      await writer.commit();
      written += n;
      o.progress?.(written, o.documents);
    }
    // the running numbers continue after the seeded ones
    await writer.counters(
      [...counters].map(([key, value]) => {
        const [company_id, name] = key.split('\u0000') as [string, string];
        return { company_id, name, value };
      }),
    );
  } finally {
    await writer.close();
  }
  const writeSeconds = (performance.now() - tw) / 1000;
  return { documents: written, companies: nCompanies, rows, seconds: (performance.now() - t0) / 1000, writeSeconds, demoAjus };
}

interface Writer {
  /** rows of some documents: per table, the rows' values one row after another, in `columns` order */
  write(rows: Record<Table, unknown[]>): Promise<void>;
  /** ends a batch: what was written since the last commit is committed together */
  commit(): Promise<void>;
  /** sets each counter to at least this value */
  counters(rows: { company_id: string; name: string; value: number }[]): Promise<void>;
  close(): Promise<void>;
}

/** Rows per multi-row INSERT on SQLite (parameters stay far below SQLite's limit of 32,766). */
const SQLITE_ROWS_PER_INSERT = 100;

function sqliteWriter(file: string, columns: Record<Table, string[]>): Writer {
  const db = new SQLite(file);
  // the database is ours alone while seeding: the rollback journal in memory, no fsync,
  // foreign keys not re-checked row by row (every reference is to a row written before)
  db.pragma('locking_mode = EXCLUSIVE');
  const journal = db.pragma('journal_mode', { simple: true }) as string;
  db.pragma('journal_mode = MEMORY');
  db.pragma('synchronous = OFF');
  db.pragma('foreign_keys = OFF');
  db.pragma('cache_size = -262144');
  db.pragma('temp_store = MEMORY');
  const insert = (t: Table, n: number) => {
    const one = `(${columns[t].map(() => '?').join(', ')})`;
    return db.prepare(`insert into ${t} (${columns[t].join(', ')}) values ${Array.from({ length: n }, () => one).join(', ')}`);
  };
  const many = Object.fromEntries(TABLES.map((t) => [t, insert(t, SQLITE_ROWS_PER_INSERT)])) as Record<Table, SQLite.Statement>;
  const single = Object.fromEntries(TABLES.map((t) => [t, insert(t, 1)])) as Record<Table, SQLite.Statement>;
  return {
    async write(rows) {
      if (!db.inTransaction) db.exec('begin');
      for (const t of TABLES) {
        const list = rows[t];
        const w = columns[t].length;
        const chunk = w * SQLITE_ROWS_PER_INSERT;
        let at = 0;
        for (; at + chunk <= list.length; at += chunk) many[t].run(list.slice(at, at + chunk));
        for (; at < list.length; at += w) single[t].run(list.slice(at, at + w));
      }
    },
    async commit() {
      if (db.inTransaction) db.exec('commit');
    },
    async counters(rows) {
      const up = db.prepare('insert into pabean_counters (company_id, name, value) values (?, ?, ?) on conflict (company_id, name) do update set value = max(value, excluded.value)');
      db.transaction(() => rows.forEach((r) => up.run(r.company_id, r.name, r.value)))();
    },
    async close() {
      try {
        if (db.inTransaction) db.exec('rollback');
        db.pragma('foreign_keys = ON');
        db.pragma('locking_mode = NORMAL');
        db.prepare('select count(*) from sqlite_master').get();
        db.pragma(`journal_mode = ${journal}`);
      } finally {
        db.close();
      }
    },
  };
}

/** Rows per multi-row INSERT on PostgreSQL (a protocol message holds at most 65,535 parameters). */
const PG_ROWS_PER_INSERT = 1000;
const REFERS_TO_DOCUMENTS = new Set<Table>(['pabean_lifecycles', 'pabean_billings']);

async function pgWriter(url: string, columns: Record<Table, string[]>): Promise<Writer> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // a lost commit only loses the seed's last batches, never consistency
  await client.query('set synchronous_commit = off');
  const perInsert = Object.fromEntries(TABLES.map((t) => [t, Math.min(PG_ROWS_PER_INSERT, Math.floor(65_535 / columns[t].length))])) as Record<Table, number>;
  const insert = (t: Table, n: number) => {
    const w = columns[t].length;
    const rows = Array.from({ length: n }, (_, r) => `(${columns[t].map((c, j) => `$${r * w + j + 1}${INT_COLUMNS.has(c) ? '::int' : ''}`).join(', ')})`);
    return `insert into ${t} (${columns[t].join(', ')}) values ${rows.join(', ')}`;
  };
  // the full-size statements are prepared once (named), the rest of a batch goes unnamed
  const full = Object.fromEntries(TABLES.map((t) => [t, insert(t, perInsert[t])])) as Record<Table, string>;
  const pending = Object.fromEntries(TABLES.map((t) => [t, [] as unknown[]])) as Record<Table, unknown[]>;
  let inTransaction = false;
  const send = async (t: Table, all: boolean) => {
    const w = columns[t].length;
    const list = pending[t];
    const chunk = perInsert[t] * w;
    if (!inTransaction && list.length) {
      await client.query('begin');
      inTransaction = true;
    }
    // rows referring to documents (foreign keys, checked per statement) go after every pending document row
    if (REFERS_TO_DOCUMENTS.has(t) && list.length >= (all ? 1 : chunk)) await send('pabean_documents', true);
    let at = 0;
    for (; at + chunk <= list.length; at += chunk) await client.query({ name: `seed_${t}`, text: full[t], values: list.slice(at, at + chunk) });
    if (all && at < list.length) await client.query(insert(t, (list.length - at) / w), list.slice(at));
    else if (!all) {
      pending[t] = list.slice(at);
      return;
    }
    pending[t] = [];
  };
  const tx = async (fn: () => Promise<void>) => {
    await client.query('begin');
    try {
      await fn();
      await client.query('commit');
    } catch (err) {
      await client.query('rollback');
      throw err;
    }
  };
  return {
    async write(rows) {
      // in table order (a row's references are written before it)
      for (const t of TABLES) {
        for (const v of rows[t]) pending[t].push(v ?? null);
      }
      for (const t of TABLES) if (pending[t].length >= perInsert[t] * columns[t].length) await send(t, false);
    },
    async commit() {
      for (const t of TABLES) await send(t, true);
      if (inTransaction) await client.query('commit');
      inTransaction = false;
    },
    async counters(rows) {
      await tx(async () => {
        for (const r of rows) {
          await client.query('insert into pabean_counters (company_id, name, value) values ($1, $2, $3) on conflict (company_id, name) do update set value = greatest(pabean_counters.value, excluded.value)', [r.company_id, r.name, r.value]);
        }
      });
    },
    async close() {
      try {
        if (inTransaction) await client.query('rollback');
        else await client.query(`analyze ${TABLES.join(', ')}, pabean_counters`);
      } finally {
        await client.end();
      }
    },
  };
}

const isMain = process.argv[1]?.endsWith('scripts/seed.ts');
if (isMain) {
  const { parseArgs } = await import('node:util');
  const { values } = parseArgs({
    options: {
      documents: { type: 'string', default: '10000' },
      companies: { type: 'string', default: '20' },
      batch: { type: 'string', default: '5000' },
      days: { type: 'string', default: '365' },
      'data-dir': { type: 'string' },
      'database-url': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log('usage: node --import tsx scripts/seed.ts --documents N [--companies 20] [--days 365] [--batch 5000] [--data-dir DIR | --database-url URL]');
    process.exit(0);
  }
  const num = (name: string, v: string | undefined) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) {
      console.error(`--${name} must be a positive integer`);
      process.exit(2);
    }
    return n;
  };
  const total = num('documents', values.documents);
  let started = Date.now();
  let last = 0;
  const r = await seed({
    documents: total,
    companies: num('companies', values.companies),
    batch: num('batch', values.batch),
    days: num('days', values.days),
    dataDir: values['data-dir'],
    databaseUrl: values['database-url'] ?? process.env.DATABASE_URL ?? null,
    progress: (w, t) => {
      if (w === 0) started = Date.now();
      else if (Date.now() - last > 1000 || w === t) {
        last = Date.now();
        const s = (Date.now() - started) / 1000;
        const rate = w / s;
        process.stderr.write(`\rseeding: ${w.toLocaleString('en-US')}/${t.toLocaleString('en-US')} documents, ${Math.round(rate).toLocaleString('en-US')}/s, ${Math.round((t - w) / rate)} s left   `);
      }
    },
  });
  process.stderr.write('\n');
  console.log(`seeded ${r.documents} documents (${r.rows} rows) over ${r.companies} companies in ${r.seconds.toFixed(1)} s (${r.writeSeconds.toFixed(1)} s writing)`);
}
