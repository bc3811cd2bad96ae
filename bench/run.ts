/**
 * `npm run bench`: every performance goal of the project, each as a ratio against a baseline
 * measured side by side in the same run (absolute numbers are context only: the machine is
 * shared and noisy). Prints one table and writes it, with the machine and versions, to
 * bench/RESULTS.md.
 *
 *   npm run bench [-- --only status,send-sqlite] [--duration 10] [--large 1000000] [--small 10000]
 *                 [--quick] [--out bench/RESULTS.md] [--no-write]
 *
 * Figures: status, send-sqlite, send-postgres, send-100-barang, xray, large-data, cold-start.
 * Every load runs on loopback, bounded in time (--duration) and in count (--max-requests).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { execFileSync } from 'node:child_process';
import pg from 'pg';
import SQLite from 'better-sqlite3';
import { ROOT, PG_ADMIN_URL, fmt, freePort, groupCpuSeconds, load, log, login, mergeLoads, mergeTables, type LoadResult, pgDatabase, processCpuSeconds, rssBytes, sleep, startBare, startOurs, startPrism, startProcess, table, tmpDir, type Proc, type Row } from './lib.ts';
import { ajuFactory, bc20Example, bc20WithBarang, bodyFactory } from './bodies.ts';
import { seed } from '../scripts/seed.ts';

export const FIGURES = ['status', 'send-sqlite', 'send-postgres', 'send-100-barang', 'xray', 'large-data', 'cold-start'] as const;
export type Figure = (typeof FIGURES)[number];

export interface BenchOptions {
  only: Figure[];
  durationSec: number;
  maxRequests: number;
  connections: number;
  large: number;
  small: number;
  xrayMb: number;
  coldRuns: number;
  out: string | null;
  seedCache: string;
  quick: boolean;
}

interface Shared {
  bare?: Proc;
  prism?: Proc;
  sinkDir: string;
}

const dirs: string[] = [];
function scratch(tag: string): string {
  const d = tmpDir(tag);
  dirs.push(d);
  return d;
}

async function withOurs<T>(o: { engine: 'sqlite' | 'postgres'; dataDir?: string; databaseUrl?: string }, fn: (p: Proc) => Promise<T>): Promise<T> {
  const database = o.engine === 'postgres' && !o.databaseUrl ? await pgDatabase() : null;
  const p = await startOurs({ dataDir: o.dataDir ?? scratch('data'), databaseUrl: o.databaseUrl ?? database?.url ?? null });
  try {
    return await fn(p);
  } finally {
    await p.stop();
    await database?.drop();
  }
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : NaN);

// ---- figures ---------------------------------------------------------------------------------

async function figStatus(o: BenchOptions, s: Shared): Promise<Row[]> {
  const ours = await withOurs({ engine: 'sqlite' }, async (p) => {
    const headers = await login(p.url);
    const first = await fetch(`${p.url}/openapi/status?idPerusahaan=012345678901234`, { headers });
    if (first.status !== 200) throw new Error(`status answered ${first.status}`);
    return load({ label: 'status: ours', url: p.url, path: '/openapi/status?idPerusahaan=012345678901234', headers, connections: o.connections, durationSec: o.durationSec, maxRequests: o.maxRequests });
  });
  const bare = await load({ label: 'status: bare Fastify', url: s.bare!.url, path: '/status', connections: o.connections, durationSec: o.durationSec, maxRequests: o.maxRequests });
  const r = ratio(ours.rps, bare.rps);
  return [
    {
      figure: 'status',
      what: 'authenticated GET /openapi/status?idPerusahaan= (req/s, SQLite)',
      ours: `${fmt(ours.rps)} req/s (p99 ${fmt(ours.latencyP99Ms)} ms)`,
      baseline: `bare Fastify: ${fmt(bare.rps)} req/s`,
      ratio: `${fmt(r, 2)}x`,
      goal: '>= 0.5x',
      met: r >= 0.5 && ours.non2xx === 0,
      notes: `${ours.requests} requests, ${ours.non2xx} not 2xx`,
    },
  ];
}

async function sendFigure(o: BenchOptions, s: Shared, engine: 'sqlite' | 'postgres'): Promise<Row[]> {
  const doc = bc20Example();
  const conns = 50;
  const ours = await withOurs({ engine }, async (p) => {
    const headers = await login(p.url);
    return load({
      label: `send ${engine}: ours`,
      url: p.url,
      method: 'POST',
      path: '/openapi/document?isFinal=false',
      headers,
      makeBody: bodyFactory(doc, ajuFactory()),
      connections: conns,
      durationSec: o.durationSec,
      maxRequests: o.maxRequests,
    });
  });
  const prism = await load({ label: `send ${engine}: Prism`, url: s.prism!.url, method: 'POST', path: '/openapi/document', makeBody: bodyFactory(doc, ajuFactory('PRISM0INA9G2')), connections: conns, durationSec: o.durationSec, maxRequests: o.maxRequests });
  const bare = await load({ label: `send ${engine}: bare Fastify`, url: s.bare!.url, method: 'POST', path: '/document', makeBody: bodyFactory(doc, ajuFactory('BAREF0INA9G2')), connections: conns, durationSec: o.durationSec, maxRequests: o.maxRequests });
  const r = ratio(ours.rps, prism.rps);
  const all2xx = ours.non2xx === 0 && ours.errors === 0 && ours.timeouts === 0;
  const prism2xx = prism.non2xx === 0 && prism.errors === 0;
  return [
    {
      figure: `send-${engine}`,
      what: `BC 2.0 draft send, fresh nomorAju, 50 connections, ${engine === 'sqlite' ? 'SQLite' : 'PostgreSQL'} (req/s)`,
      ours: `${fmt(ours.rps)} req/s, p99 ${fmt(ours.latencyP99Ms)} ms, ${ours.ok2xx}/${ours.requests} 2xx`,
      baseline: `Prism: ${fmt(prism.rps)} req/s${prism2xx ? '' : ` (${prism.non2xx} not 2xx)`}; bare Fastify: ${fmt(bare.rps)} req/s (ours ${fmt(ratio(ours.rps, bare.rps), 2)}x)`,
      ratio: `${fmt(r, 2)}x Prism`,
      goal: '>= 10x Prism, all 2xx',
      met: r >= 10 && all2xx,
      notes: `${ours.requests} requests; ${ours.non2xx} not 2xx, ${ours.errors} errors`,
    },
  ];
}

async function figSend100(o: BenchOptions, s: Shared): Promise<Row[]> {
  const doc = bc20WithBarang(100);
  const bytes = JSON.stringify(doc).length;
  const ours = await withOurs({ engine: 'postgres' }, async (p) => {
    const headers = await login(p.url);
    return load({
      label: 'send 100 barang pg: ours',
      url: p.url,
      method: 'POST',
      path: '/openapi/document?isFinal=true',
      headers: { ...headers, 'x-ceisa-lane': 'green' },
      makeBody: bodyFactory(doc, ajuFactory()),
      connections: 50,
      durationSec: o.durationSec,
      maxRequests: o.maxRequests,
    });
  });
  const bare = await load({ label: 'send 100 barang: bare Fastify', url: s.bare!.url, method: 'POST', path: '/document', makeBody: bodyFactory(doc, ajuFactory('BAREF0INA9G2')), connections: 50, durationSec: o.durationSec, maxRequests: o.maxRequests });
  const met = ours.rps >= 1000 && ours.latencyP99Ms < 50 && ours.non2xx === 0;
  return [
    {
      figure: 'send-100-barang',
      what: `BC 2.0 with 100 barang (${fmt(bytes / 1024)} KiB), sent final on PostgreSQL, 50 connections`,
      ours: `${fmt(ours.rps)} documents/s, p99 ${fmt(ours.latencyP99Ms)} ms, ${ours.ok2xx}/${ours.requests} 2xx`,
      baseline: `bare Fastify POST of the same body: ${fmt(bare.rps)} req/s, p99 ${fmt(bare.latencyP99Ms)} ms`,
      ratio: `${fmt(ratio(ours.rps, bare.rps), 2)}x bare`,
      goal: '>= 1,000 documents/s, p99 < 50 ms',
      met,
      notes: '',
    },
  ];
}

function multipart(boundary: string, data: Record<string, string>, images: { name: string; bytes: Buffer; type: string }[]): Buffer {
  const parts: Buffer[] = [];
  parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="data"\r\ncontent-type: application/json\r\n\r\n${JSON.stringify(data)}\r\n`));
  for (const img of images) {
    parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="images"; filename="${img.name}"\r\ncontent-type: ${img.type}\r\n\r\n`));
    parts.push(img.bytes, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(parts);
}

async function figXray(o: BenchOptions, s: Shared): Promise<Row[]> {
  const { png, consignment, SEED_DATA } = await import('../test/barang-kiriman/fixtures.ts');
  const imageBytes = Math.max(1, Math.round((o.xrayMb * 1024 * 1024) / 2));
  const images = [
    { name: 'scan-1.png', bytes: png(64, 64, imageBytes), type: 'image/png' },
    { name: 'scan-2.png', bytes: png(32, 32, imageBytes), type: 'image/png' },
  ];
  const boundary = '----ceisa40bench7d1f0c';
  const body = multipart(boundary, SEED_DATA, images);
  const conns = 4;
  let peak = 0;
  let before = 0;
  const ours = await withOurs({ engine: 'sqlite' }, async (p) => {
    const headers = await login(p.url);
    const sent = await fetch(`${p.url}/openapi/cnpibk/kirim-data-cnpibk`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify([consignment()]) });
    const sj = (await sent.json()) as { status?: boolean };
    if (sent.status !== 200 || sj.status !== true) throw new Error(`consignment refused: ${sent.status} ${JSON.stringify(sj)}`);
    const first = await fetch(`${p.url}/openapi/cnpibk/xray/kirim-foto-xray`, { method: 'POST', headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` }, body: new Uint8Array(body) });
    if (first.status !== 200) throw new Error(`kirim-foto-xray answered ${first.status}: ${await first.text()}`);
    const pid = p.child.pid!;
    before = rssBytes(pid);
    peak = before;
    return load({
      label: 'xray: ours',
      url: p.url,
      method: 'POST',
      path: '/openapi/cnpibk/xray/add-foto-xray',
      headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
      body,
      connections: conns,
      durationSec: o.durationSec,
      maxRequests: Math.max(conns, Math.min(o.maxRequests, Math.ceil((2 * 1024 ** 3) / body.length))),
      onTick: () => (peak = Math.max(peak, rssBytes(pid))),
    });
  });
  const sink = await load({
    label: 'xray: bare streaming sink',
    url: s.bare!.url,
    method: 'POST',
    path: '/sink',
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    body,
    connections: conns,
    durationSec: o.durationSec,
    maxRequests: Math.max(conns, Math.min(o.maxRequests, Math.ceil((2 * 1024 ** 3) / body.length))),
  });
  const mbps = (r: typeof ours) => (r.ok2xx * body.length) / 1024 / 1024 / r.elapsedSec;
  const gb = (ours.ok2xx * body.length) / 1024 ** 3;
  const growthMb = (peak - before) / 1024 / 1024;
  const perGb = gb > 0 ? growthMb / gb : NaN;
  const r = ratio(mbps(ours), mbps(sink));
  return [
    {
      figure: 'xray',
      what: `X-ray add-foto-xray, 2 PNG of ${fmt(imageBytes / 1024 / 1024, 1)} MiB per request, ${conns} connections (MiB/s)`,
      ours: `${fmt(mbps(ours), 1)} MiB/s, ${ours.ok2xx}/${ours.requests} 2xx; RSS +${fmt(growthMb, 1)} MB over ${fmt(gb, 2)} GB = ${fmt(perGb, 1)} MB/GB`,
      baseline: `bare streaming sink to disk: ${fmt(mbps(sink), 1)} MiB/s`,
      ratio: `${fmt(r, 2)}x`,
      goal: '>= 0.8x, RSS growth < 50 MB/GB',
      met: r >= 0.8 && perGb < 50 && ours.non2xx === 0,
      notes: '',
    },
  ];
}

/** Bumped when the seeded data changes: caches of another format are seeded again. */
const SEED_FORMAT = 2;

/** A seeded data dir, cached between runs under bench/.data (the 1,000,000 seed takes minutes). */
export async function seeded(o: Pick<BenchOptions, 'seedCache'>, n: number): Promise<{ dataDir: string; ajus: string[] }> {
  const dir = path.join(o.seedCache, `sqlite-${n}`);
  const marker = path.join(dir, 'seed.json');
  const cached = fs.existsSync(marker) ? (JSON.parse(fs.readFileSync(marker, 'utf8')) as { format?: number; ajus: string[] }) : null;
  if (cached?.format === SEED_FORMAT) {
    log(`  large-data: reusing the seeded database ${dir}`);
    return { dataDir: dir, ajus: cached.ajus };
  }
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  let last = 0;
  const r = await seed({
    documents: n,
    dataDir: dir,
    databaseUrl: null,
    progress: (w, t) => {
      if (Date.now() - last > 1000 || w === t) {
        last = Date.now();
        process.stderr.write(`\r  large-data: seeding ${fmt(w)}/${fmt(t)} documents   `);
      }
    },
  });
  process.stderr.write('\n');
  log(`  large-data: seeded ${fmt(r.documents)} documents (${fmt(r.rows)} rows) in ${fmt(r.seconds, 1)} s (${fmt(r.documents / r.writeSeconds)} documents/s while writing)`);
  fs.writeFileSync(marker, JSON.stringify({ format: SEED_FORMAT, documents: n, rows: r.rows, seconds: r.seconds, writeSeconds: r.writeSeconds, ajus: r.demoAjus }));
  return { dataDir: dir, ajus: r.demoAjus };
}

/** Documents read by the history load, the same number on both sides, spread evenly over the company's seeded documents. */
const HISTORY_DOCS = 500;

function spread<T>(list: T[], k: number): T[] {
  return Array.from({ length: k }, (_, j) => list[Math.floor((j * list.length) / k)]!);
}

async function figLarge(o: BenchOptions): Promise<Row[]> {
  const sets = [
    { n: o.small, ...(await seeded(o, o.small)) },
    { n: o.large, ...(await seeded(o, o.large)) },
  ];
  const k = Math.min(HISTORY_DOCS, ...sets.map((s) => s.ajus.length));
  if (!k) throw new Error('the seed gave the demo company no documents');
  type Side = (typeof sets)[0] & { pull: LoadResult[]; history: LoadResult[]; pullCpu: number; historyCpu: number; first: number[] };
  const [small, large] = sets.map((s): Side => ({ ...s, ajus: spread(s.ajus, k), pull: [], history: [], pullCpu: 0, historyCpu: 0, first: [] })) as [Side, Side];
  // one server at a time, in four sessions: small, large, large, small (half the duration each):
  // a machine load that drifts, and the page cache the first session of a database warms for the
  // second, weigh on both sides alike
  for (const side of [small, large, large, small]) {
    await withOurs({ engine: 'sqlite', dataDir: side.dataDir }, async (p) => {
      const headers = await login(p.url);
      const half = { connections: 10, durationSec: Math.max(1, Math.round(o.durationSec / 2)), maxRequests: Math.ceil(o.maxRequests / 2) };
      const timed = async (run: () => Promise<LoadResult>) => {
        const c0 = processCpuSeconds(p.child.pid!);
        const r = await run();
        return { r, cpu: processCpuSeconds(p.child.pid!) - c0 };
      };
      // not measured: the server past its start-up work (schemas compiled in the background) and JIT warm-up
      await load({ label: `large-data: warm-up, ${fmt(side.n)} stored`, url: p.url, path: '/openapi/status?idPerusahaan=012345678901234', headers, ...half, durationSec: o.quick ? 1 : 3 });
      // the status queue (every seeded event already pulled): the same read as the status figure
      const pull = await timed(() => load({ label: `large-data: GET /openapi/status?idPerusahaan=, ${fmt(side.n)} stored`, url: p.url, path: '/openapi/status?idPerusahaan=012345678901234', headers, ...half }));
      side.pull.push(pull.r);
      side.pullCpu += pull.cpu;
      // one read of each document first (one at a time, timed): renders and keeps its letters,
      // brings its pages into the caches; the load then reads them over and over, as pollers do
      const t0 = performance.now();
      for (const a of side.ajus) {
        const r = await fetch(`${p.url}/openapi/status/${a}`, { headers });
        const j = (await r.json()) as { status: string; dataStatus: unknown[]; dataRespon: unknown[] };
        if (r.status !== 200 || j.status !== 'Success' || !j.dataStatus.length || !j.dataRespon.length) throw new Error(`status read of a seeded document failed: ${JSON.stringify(j).slice(0, 300)}`);
      }
      side.first.push((performance.now() - t0) / side.ajus.length);
      log(`  large-data: first read of ${fmt(side.ajus.length)} documents, ${fmt(side.n)} stored: mean ${fmt(side.first.at(-1)!, 1)} ms`);
      let i = 0;
      const history = await timed(() =>
        load({ label: `large-data: GET /openapi/status/{nomorAju}, ${fmt(side.n)} stored`, url: p.url, path: `/openapi/status/${side.ajus[0]}`, makePath: () => `/openapi/status/${side.ajus[i++ % side.ajus.length]}`, headers, ...half }),
      );
      side.history.push(history.r);
      side.historyCpu += history.cpu;
    });
  }
  const merged = (s: Side, what: 'pull' | 'history') => {
    const r = mergeLoads(`${what}, ${s.n}`, s[what]);
    return { ...r, cpuUs: ((what === 'pull' ? s.pullCpu : s.historyCpu) / r.requests) * 1e6 };
  };
  const [ps, pl, hs, hl] = [merged(small, 'pull'), merged(large, 'pull'), merged(small, 'history'), merged(large, 'history')];
  const firstMs = (s: Side) => s.first.reduce((a, b) => a + b, 0) / s.first.length;
  const rp = ratio(pl.latencyMeanMs, ps.latencyMeanMs);
  const rh = ratio(hl.latencyMeanMs, hs.latencyMeanMs);
  const cpuNote = (r: { cpuUs: number }) => (Number.isFinite(r.cpuUs) ? `, server CPU ${fmt(r.cpuUs)} µs/request` : '');
  return [
    {
      figure: 'large-data',
      what: `GET /openapi/status?idPerusahaan= (the status queue) with ${fmt(o.large)} documents stored (SQLite, 10 connections)`,
      ours: `mean ${fmt(pl.latencyMeanMs, 2)} ms, p99 ${fmt(pl.latencyP99Ms)} ms (${fmt(pl.rps)} req/s${cpuNote(pl)})`,
      baseline: `${fmt(o.small)} stored: mean ${fmt(ps.latencyMeanMs, 2)} ms, p99 ${fmt(ps.latencyP99Ms)} ms (${fmt(ps.rps)} req/s${cpuNote(ps)})`,
      ratio: `${fmt(rp, 2)}x latency`,
      goal: '<= 1.2x',
      met: rp <= 1.2 && pl.non2xx === 0 && ps.non2xx === 0,
      notes: '',
    },
    {
      figure: 'large-data-history',
      what: `GET /openapi/status/{nomorAju} of ${fmt(k)} documents spread over the ${fmt(o.large)} stored (12 statuses, 4 responses with their PDFs each), after one read of each (SQLite, 10 connections)`,
      ours: `mean ${fmt(hl.latencyMeanMs, 1)} ms, p99 ${fmt(hl.latencyP99Ms)} ms (${fmt(hl.rps)} req/s${cpuNote(hl)}); first read ${fmt(firstMs(large), 1)} ms`,
      baseline: `${fmt(o.small)} stored: mean ${fmt(hs.latencyMeanMs, 1)} ms, p99 ${fmt(hs.latencyP99Ms)} ms (${fmt(hs.rps)} req/s${cpuNote(hs)}); first read ${fmt(firstMs(small), 1)} ms`,
      ratio: `${fmt(rh, 2)}x latency`,
      goal: '<= 1.2x',
      met: rh <= 1.2 && hl.non2xx === 0 && hs.non2xx === 0,
      notes: '',
    },
  ];
}

async function figColdStart(o: BenchOptions): Promise<Row[]> {
  const times: number[] = [];
  const cpus: number[] = [];
  for (let k = 0; k < o.coldRuns; k++) {
    const port = await freePort();
    const dataDir = scratch('cold');
    const t0 = performance.now();
    const p = await startProcess('npm', ['start', '--silent'], { port, readyPath: '/healthz', group: true, env: { PORT: String(port), HOST: '127.0.0.1', CEISA_DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn' } });
    const ms = performance.now() - t0;
    const cpu = groupCpuSeconds(p.child.pid!);
    await p.stop();
    times.push(ms);
    cpus.push(cpu);
    log(`  cold-start: run ${k + 1}/${o.coldRuns}: ${fmt(ms)} ms (${fmt(cpu, 2)} CPU s)`);
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const median = med(times);
  return [
    {
      figure: 'cold-start',
      what: '`npm start` on an empty data dir to the first /healthz answer (median)',
      ours: `${fmt(median)} ms (runs: ${times.map((t) => fmt(t)).join(', ')}); CPU time of npm + server until then ${fmt(med(cpus), 2)} s`,
      baseline: '-',
      ratio: '-',
      goal: '< 2 s',
      met: median < 2000,
      notes: '',
    },
  ];
}

// ---- machine -------------------------------------------------------------------------------

async function machine(): Promise<string[]> {
  let pgVersion = 'unreachable';
  try {
    const c = new pg.Client({ connectionString: PG_ADMIN_URL });
    await c.connect();
    pgVersion = ((await c.query('show server_version')).rows[0] as { server_version: string }).server_version;
    await c.end();
  } catch {
    /* reported as unreachable */
  }
  const sqliteVersion = (new SQLite(':memory:').prepare('select sqlite_version() v').get() as { v: string }).v;
  const cpu = os.cpus()[0]?.model ?? 'unknown';
  let load1 = os.loadavg().map((x) => x.toFixed(2)).join(' ');
  let commit = '';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT }).toString().trim();
  } catch {
    /* not a git checkout */
  }
  return [
    `- date: ${new Date().toISOString()}${commit ? `, commit ${commit}` : ''}`,
    `- machine: ${os.cpus().length} cores (${cpu}), ${fmt(os.totalmem() / 1024 ** 3, 1)} GiB memory, ${os.type()} ${os.release()}; load average at the end ${(load1 = os.loadavg().map((x) => x.toFixed(2)).join(' '))}`,
    `- Node ${process.version}; SQLite ${sqliteVersion} (better-sqlite3); PostgreSQL ${pgVersion}; load generator autocannon (same machine, loopback)`,
  ];
}

// ---- main ----------------------------------------------------------------------------------

export async function runBench(o: BenchOptions): Promise<{ rows: Row[]; markdown: string }> {
  const s: Shared = { sinkDir: scratch('sink') };
  const rows: Row[] = [];
  const needBare = o.only.some((f) => ['status', 'send-sqlite', 'send-postgres', 'send-100-barang', 'xray'].includes(f));
  const needPrism = o.only.some((f) => f === 'send-sqlite' || f === 'send-postgres');
  try {
    if (needBare) s.bare = await startBare(s.sinkDir);
    if (needPrism) {
      log('starting Prism ...');
      s.prism = await startPrism();
    }
    for (const f of o.only) {
      log(`figure ${f}`);
      const t0 = performance.now();
      const got =
        f === 'status'
          ? await figStatus(o, s)
          : f === 'send-sqlite'
            ? await sendFigure(o, s, 'sqlite')
            : f === 'send-postgres'
              ? await sendFigure(o, s, 'postgres')
              : f === 'send-100-barang'
                ? await figSend100(o, s)
                : f === 'xray'
                  ? await figXray(o, s)
                  : f === 'large-data'
                    ? await figLarge(o)
                    : await figColdStart(o);
      rows.push(...got);
      log(`  done in ${fmt((performance.now() - t0) / 1000, 1)} s: ${got.map((r) => `${r.ratio} (goal ${r.goal})`).join('; ')}`);
      // clear the sink between figures (bounded disk use)
      for (const e of fs.readdirSync(s.sinkDir)) fs.rmSync(path.join(s.sinkDir, e), { force: true });
    }
  } finally {
    await s.bare?.stop();
    await s.prism?.stop();
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  }
  const head = await machine();
  const markdown = [
    '# Benchmark results',
    '',
    'Produced by `npm run bench` (bench/run.ts). Every figure is a ratio against a baseline measured side by side in the same run;',
    'absolute numbers are context only. The machine is shared with other processes (other test runs may have been running): expect noise.',
    '',
    ...head,
    `- settings: ${o.durationSec} s per load (at most ${fmt(o.maxRequests)} requests), ${o.connections} connections unless stated, large data ${fmt(o.large)} vs ${fmt(o.small)} documents`,
    '',
    table(rows),
    '',
  ].join('\n');
  return { rows, markdown };
}

function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      only: { type: 'string' },
      duration: { type: 'string' },
      'max-requests': { type: 'string' },
      connections: { type: 'string' },
      large: { type: 'string' },
      small: { type: 'string' },
      'xray-mb': { type: 'string' },
      'cold-runs': { type: 'string' },
      out: { type: 'string' },
      'no-write': { type: 'boolean' },
      'seed-cache': { type: 'string' },
      quick: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(`usage: npm run bench -- [--only ${FIGURES.join(',')}] [--duration 10] [--max-requests 200000] [--connections 10]
       [--large 1000000] [--small 10000] [--xray-mb 8] [--cold-runs 3] [--out bench/RESULTS.md | --no-write] [--seed-cache bench/.data] [--quick]`);
    process.exit(0);
  }
  const only = (values.only ? values.only.split(',').map((x) => x.trim()) : [...FIGURES]) as Figure[];
  for (const f of only) if (!FIGURES.includes(f)) throw new Error(`unknown figure ${f}: one of ${FIGURES.join(', ')}`);
  const q = values.quick ?? false;
  const num = (v: string | undefined, d: number) => (v === undefined ? d : Number(v));
  return {
    only,
    quick: q,
    durationSec: num(values.duration, q ? 1 : 10),
    maxRequests: num(values['max-requests'], q ? 300 : 200_000),
    connections: num(values.connections, 10),
    large: num(values.large, q ? 200 : 1_000_000),
    small: num(values.small, q ? 20 : 10_000),
    xrayMb: num(values['xray-mb'], q ? 1 : 8),
    coldRuns: num(values['cold-runs'], q ? 1 : 3),
    out: values['no-write'] ? null : (values.out ?? path.join(ROOT, 'bench/RESULTS.md')),
    seedCache: values['seed-cache'] ?? path.join(ROOT, 'bench/.data'),
  };
}

const isMain = process.argv[1]?.endsWith('bench/run.ts');
if (isMain) {
  const o = parseOptions(process.argv.slice(2));
  const { markdown } = await runBench(o);
  console.log(markdown);
  if (o.out) {
    // hand-written analysis below the table ("## Notes ...") survives a new run
    const old = fs.existsSync(o.out) ? fs.readFileSync(o.out, 'utf8') : '';
    const i = old.indexOf('\n## Notes');
    // a partial run keeps the other figures' rows of the previous results (marked with their date)
    const partial = o.only.length < FIGURES.length && old;
    const body = partial ? mergeTables(i >= 0 ? old.slice(0, i) : old, markdown) : markdown;
    fs.writeFileSync(o.out, i >= 0 ? `${body}${old.slice(i)}` : body);
    log(`written to ${path.relative(process.cwd(), o.out) || o.out}`);
  }
  await sleep(10);
  process.exit(0);
}
