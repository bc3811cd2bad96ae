/**
 * Fast seeding: fills the configured database with realistic companies (each with a user and
 * an API key), final BC 2.0 documents, their lifecycle (green lane, paid billing, SPPB) and
 * every status and response event of it, already delivered. For the large-data benchmark, and
 * for users who want a full sandbox.
 *
 *   node --import tsx scripts/seed.ts --documents 100000 [--companies 20] [--batch 2000]
 *        [--data-dir ./data | --database-url postgres://...]
 *
 * One real document is sent through the real send path and lifecycle (so every row has the
 * shape the server writes); it is then cloned with fresh ids, nomorAju, kode billing and times
 * shifted into the past, written in large batches: one prepared statement inside a transaction
 * per batch on SQLite, one `insert ... select * from unnest($1::text[], ...)` per table and
 * batch on PostgreSQL. Company i (2..n) logs in as `seed<i>` / `seed`, API key `seed-key-<i>`;
 * the sandbox demo company (demo / demo / demo-key) is company 1.
 */
import { randomUUID } from 'node:crypto';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { buildApp } from '../src/app.ts';
import { loadConfig, type Config } from '../src/config.ts';
import { payBilling } from '../src/lifecycle/pabean/engine.ts';
import { DEMO_COMPANY } from '../src/auth/demo.ts';
import { bc20Example } from '../bench/bodies.ts';

export interface SeedOptions {
  documents: number;
  companies?: number;
  batch?: number;
  dataDir?: string;
  databaseUrl?: string | null;
  /** progress callback (documents written so far) */
  progress?: (written: number, total: number) => void;
}

export interface SeedResult {
  documents: number;
  companies: number;
  rows: number;
  seconds: number;
  /** some nomorAju of the demo company, for reads */
  demoAjus: string[];
}

type Row = Record<string, unknown>;
const INT_COLUMNS = new Set(['revision', 'seq']);
const TABLES = ['pabean_documents', 'pabean_lifecycles', 'pabean_billings', 'lifecycle_events'] as const;
const TEMPLATE_AJU = '051000ABCDE2' + '20240101' + '000001';

function shiftIso(v: unknown, delta: number): unknown {
  return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v) ? new Date(Date.parse(v) + delta).toISOString() : v;
}

export async function seed(o: SeedOptions): Promise<SeedResult> {
  const t0 = performance.now();
  const env = { ...process.env, CEISA_MODE: 'sandbox', LOG_LEVEL: 'silent' };
  const config: Config = loadConfig(env, { ...(o.dataDir ? { dataDir: o.dataDir } : {}), ...(o.databaseUrl !== undefined ? { databaseUrl: o.databaseUrl } : {}) });
  const { app, ctx } = await buildApp(config, { logger: false });
  await app.ready();
  const nCompanies = Math.max(1, o.companies ?? 20);
  const batch = Math.max(1, o.batch ?? 2000);
  try {
    // companies: the demo one, then seed<i>
    const demo = await ctx.accounts.findCompany(DEMO_COMPANY.npwp);
    if (!demo) throw new Error('the sandbox demo company is missing: seed an empty database (or one the server created)');
    const companies = [demo.id];
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

    // the template: one real document through the real send path and lifecycle
    const login = await app.inject({ method: 'POST', url: '/v1/openapi-auth/user/login', payload: { username: config.demo.username, password: config.demo.password } });
    const auth = { authorization: `Bearer ${login.json().item.access_token}`, 'beacukai-api-key': config.demo.apiKey };
    const templateAju = `${TEMPLATE_AJU.slice(0, 20)}${String(Date.now() % 1e6).padStart(6, '0')}`;
    const sent = await app.inject({
      method: 'POST',
      url: '/openapi/document?isFinal=true',
      headers: { ...auth, 'x-ceisa-lane': 'green', 'x-ceisa-billing': 'required' },
      payload: { ...bc20Example(), nomorAju: templateAju },
    });
    if (sent.statusCode !== 200) throw new Error(`template document refused: ${sent.statusCode} ${sent.body}`);
    const docId = sent.json().idHeader as string;
    await ctx.clock.advance(demo.id, 3_600_000);
    const bill = await ctx.db.selectFrom('pabean_billings').selectAll().where('document_id', '=', docId).executeTakeFirst();
    if (bill) await payBilling(ctx.db, ctx.clock, demo.id, bill.kode_billing);
    await ctx.clock.reset(demo.id);
    const tpl: Record<(typeof TABLES)[number], Row[]> = {
      pabean_documents: await ctx.db.selectFrom('pabean_documents').selectAll().where('id', '=', docId).execute(),
      pabean_lifecycles: await ctx.db.selectFrom('pabean_lifecycles').selectAll().where('document_id', '=', docId).execute(),
      pabean_billings: await ctx.db.selectFrom('pabean_billings').selectAll().where('document_id', '=', docId).execute(),
      lifecycle_events: await ctx.db.selectFrom('lifecycle_events').selectAll().where('subject_kind', '=', 'pabean').where('subject_id', '=', docId).orderBy('seq').execute(),
    };
    const t0Time = Date.parse(tpl.pabean_documents[0]!.submitted_at as string);
    const lastDue = Math.max(...tpl.lifecycle_events.map((e) => Date.parse(e.due_at as string)));
    const span = lastDue - t0Time;
    const tplKode = tpl.pabean_billings[0]?.kode_billing as string | undefined;

    // the template itself is not left behind: exactly N documents are written
    await ctx.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('lifecycle_events').where('subject_kind', '=', 'pabean').where('subject_id', '=', docId).execute();
      await trx.deleteFrom('pabean_billings').where('document_id', '=', docId).execute();
      await trx.deleteFrom('pabean_lifecycles').where('document_id', '=', docId).execute();
      await trx.deleteFrom('pabean_document_versions').where('document_id', '=', docId).execute();
      await trx.deleteFrom('pabean_documents').where('id', '=', docId).execute();
    });

    const writer = config.databaseUrl ? await pgWriter(config.databaseUrl) : sqliteWriter(config.sqliteFile);
    const columns = Object.fromEntries(TABLES.map((t) => [t, Object.keys(tpl[t][0] ?? {})])) as Record<(typeof TABLES)[number], string[]>;
    const now = Date.now();
    const runTag = String(Math.floor(now / 1000) % 1e6).padStart(6, '0');
    const demoAjus: string[] = [];
    let rows = 0;
    let written = 0;
    let billingSeq = 0;
    try {
      while (written < o.documents) {
        const n = Math.min(batch, o.documents - written);
        const out: Record<string, unknown[][]> = Object.fromEntries(TABLES.map((t) => [t, []]));
        for (let k = 0; k < n; k++) {
          const i = written + k;
          const companyId = companies[i % companies.length]!;
          // submitted between span+1h and ~1 year ago: the whole timeline is due
          const base = now - span - 3_600_000 - (i % 360) * 86_400_000 - (i % 997) * 1000;
          const delta = base - t0Time;
          const date = new Date(now - span - 3_600_000 - (i % 360) * 86_400_000 + 7 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '');
          const aju = `0510${'20'}${runTag}${date}${String(Math.floor(i / 360) % 1e6).padStart(6, '0')}`;
          if (companyId === demo.id && demoAjus.length < 1000) demoAjus.push(aju);
          const id = randomUUID();
          const kode = tplKode ? `8${runTag}${String(++billingSeq).padStart(8, '0')}` : undefined;
          const fix = (s: string) => {
            let r = s.replaceAll(templateAju, aju);
            if (tplKode && kode) r = r.replaceAll(tplKode, kode);
            return r;
          };
          const clone = (t: (typeof TABLES)[number], r: Row, over: Row) => {
            const v: Row = {};
            for (const c of columns[t]) {
              let x = c in over ? over[c] : r[c];
              if (!(c in over)) x = typeof x === 'string' ? fix(shiftIso(x, delta) as string) : x;
              v[c] = x;
            }
            out[t]!.push(columns[t].map((c) => v[c]));
          };
          for (const r of tpl.pabean_documents) clone('pabean_documents', r, { id, company_id: companyId, nomor_aju: aju });
          for (const r of tpl.pabean_lifecycles) clone('pabean_lifecycles', r, { document_id: id, company_id: companyId, nomor_aju: aju });
          for (const r of tpl.pabean_billings) clone('pabean_billings', r, { id: randomUUID(), company_id: companyId, document_id: id, nomor_aju: aju, kode_billing: kode });
          for (const r of tpl.lifecycle_events) {
            const due = shiftIso(r.due_at, delta);
            clone('lifecycle_events', r, { id: randomUUID(), company_id: companyId, subject_id: id, due_at: due, delivered_at: due });
          }
        }
        await writer.write(columns, out);
        for (const t of TABLES) rows += out[t]!.length;
        written += n;
        o.progress?.(written, o.documents);
      }
    } finally {
      await writer.close();
    }
    return { documents: written, companies: nCompanies, rows, seconds: (performance.now() - t0) / 1000, demoAjus };
  } finally {
    await app.close();
  }
}

interface Writer {
  write(columns: Record<string, string[]>, rows: Record<string, unknown[][]>): Promise<void>;
  close(): Promise<void>;
}

function sqliteWriter(file: string): Writer {
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -200000');
  const stmts = new Map<string, SQLite.Statement>();
  return {
    async write(columns, rows) {
      const tx = db.transaction(() => {
        for (const [t, list] of Object.entries(rows)) {
          if (!list.length) continue;
          let s = stmts.get(t);
          if (!s) stmts.set(t, (s = db.prepare(`insert into ${t} (${columns[t]!.join(', ')}) values (${columns[t]!.map(() => '?').join(', ')})`)));
          for (const r of list) s.run(...r);
        }
      });
      tx();
    },
    async close() {
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
    },
  };
}

async function pgWriter(url: string): Promise<Writer> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    async write(columns, rows) {
      await client.query('begin');
      try {
        for (const [t, list] of Object.entries(rows)) {
          if (!list.length) continue;
          const cols = columns[t]!;
          const arrays = cols.map((_, j) => list.map((r) => (r[j] === undefined ? null : r[j])));
          const types = cols.map((c) => (INT_COLUMNS.has(c) ? 'int[]' : 'text[]'));
          await client.query(`insert into ${t} (${cols.join(', ')}) select * from unnest(${types.map((ty, j) => `$${j + 1}::${ty}`).join(', ')})`, arrays);
        }
        await client.query('commit');
      } catch (err) {
        await client.query('rollback');
        throw err;
      }
    },
    async close() {
      await client.query('analyze');
      await client.end();
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
      batch: { type: 'string', default: '2000' },
      'data-dir': { type: 'string' },
      'database-url': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log('usage: node --import tsx scripts/seed.ts --documents N [--companies 20] [--batch 2000] [--data-dir DIR | --database-url URL]');
    process.exit(0);
  }
  const total = Number(values.documents);
  if (!Number.isInteger(total) || total < 1) {
    console.error('--documents must be a positive integer');
    process.exit(2);
  }
  let last = 0;
  const r = await seed({
    documents: total,
    companies: Number(values.companies),
    batch: Number(values.batch),
    dataDir: values['data-dir'],
    databaseUrl: values['database-url'] ?? process.env.DATABASE_URL ?? null,
    progress: (w, t) => {
      if (Date.now() - last > 1000 || w === t) {
        last = Date.now();
        process.stderr.write(`\rseeding: ${w.toLocaleString('en-US')}/${t.toLocaleString('en-US')} documents`);
      }
    },
  });
  process.stderr.write('\n');
  console.log(`seeded ${r.documents} documents (${r.rows} rows) over ${r.companies} companies in ${r.seconds.toFixed(1)} s`);
}
