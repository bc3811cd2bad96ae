/**
 * Soak test: mixed traffic against a running ceisa40 server at a fixed fraction of its
 * measured peak, reporting errors, latency and the server's memory (RSS) over time.
 *
 *   npm run soak -- [--minutes 10] [--fraction 0.8] [--concurrency 16] [--measure-seconds 15]
 *                   [--warmup-seconds 90] [--clock-speed 12] [--mature 200] [--recent 1000] [--max-inflight 256] [--node-args "--cpu-prof"]
 *
 * The mix must be stationary for "80% of the peak" to mean anything: a document sent final
 * receives its statuses and responses (with PDFs) over ~10 minutes of its company's clock, so on
 * a real-time clock the work per request keeps growing for the first ten minutes. The soak
 * therefore freezes the company clock and advances it by --clock-speed seconds every second
 * (lifecycles complete in under a minute of wall time), starts with --mature documents whose
 * lifecycles are complete (their histories are what the status reads see), and warms up for
 * --warmup-seconds before measuring the peak; the soak itself then runs at the steady state.
 * Status reads ask for one of the --recent most recently sent documents (clients follow their
 * recent documents; reads spread over an ever-growing population would make the work per read
 * grow as the response-letter cache's hit rate falls).
 *
 * Without --url it starts its own server (`npm start`, SQLite in a temp dir, or PostgreSQL with
 * --database-url) and samples its RSS from /proc. With --url it drives that server (RSS only
 * when --pid is given). Not part of `npm test`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i++) if (process.argv[i]!.startsWith('--')) args.set(process.argv[i]!.slice(2), process.argv[i + 1] ?? '');
const MINUTES = Number(args.get('minutes') ?? 10);
const FRACTION = Number(args.get('fraction') ?? 0.8);
const CONC = Number(args.get('concurrency') ?? 16);
const MEASURE_S = Number(args.get('measure-seconds') ?? 15);
const WARMUP_S = Number(args.get('warmup-seconds') ?? 90);
const CLOCK_SPEED = Number(args.get('clock-speed') ?? 12);
const MATURE = Number(args.get('mature') ?? 200);
const RECENT = Number(args.get('recent') ?? 1000);
/** the open loop's bound on requests in flight; beyond it a scheduled request is skipped and counted */
const MAX_INFLIGHT = Number(args.get('max-inflight') ?? 256);
const EXAMPLE = JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas/bc20/0.5.7.18.example.json'), 'utf8')) as Record<string, unknown>;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

function rssMb(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
}

let base = args.get('url') ?? '';
let pid = args.get('pid') ? Number(args.get('pid')) : undefined;
let child: ChildProcess | undefined;
let dataDir: string | undefined;
if (!base) {
  const port = await freePort();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ceisa40-soak-'));
  child = spawn(process.execPath, [...(args.get('node-args') ?? '').split(' ').filter(Boolean), 'scripts/start.mjs'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', CEISA_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...(args.get('database-url') ? { DATABASE_URL: args.get('database-url') } : {}) },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  pid = child.pid;
  base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      /* starting */
    }
    if (i > 200) throw new Error('server did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
}

let headers: Record<string, string> = {};
async function login(): Promise<void> {
  const r = await fetch(`${base}/v1/openapi-auth/user/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: args.get('user') ?? 'demo', password: args.get('password') ?? 'demo' }) });
  const b = (await r.json()) as { item: { access_token: string } };
  headers = { authorization: `Bearer ${b.item.access_token}`, 'beacukai-api-key': args.get('key') ?? 'demo-key' };
}
await login();
const relogin = setInterval(() => void login().catch(() => {}), 120_000);

async function api(method: string, p: string, body?: unknown): Promise<unknown> {
  const r = await fetch(base + p, { method, headers: { ...headers, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await r.text();
  if (!r.ok) throw new Error(`${method} ${p}: HTTP ${r.status} ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

let seq = 0;
const sentAju: string[] = [];
/** One request of the mix: [method, path, body?, expected statuses]. */
function next(): [string, string, unknown, number[]] {
  const k = seq++ % 10;
  switch (k) {
    case 0: {
      const aju = `${(EXAMPLE.nomorAju as string).slice(0, -6)}${String(seq % 1_000_000).padStart(6, '0')}`;
      sentAju.push(aju);
      return ['POST', '/openapi/document?isFinal=true', { ...EXAMPLE, nomorAju: aju }, [200]];
    }
    case 1:
      return ['POST', '/openapi/document/check', { ...EXAMPLE, nomorAju: 'x' }, [200, 400]];
    case 2:
      // a client follows its recent documents: the last RECENT sent (a stationary working set)
      return ['GET', `/openapi/status/${sentAju[Math.max(0, sentAju.length - 1 - Math.floor(Math.random() * Math.min(RECENT, sentAju.length)))] ?? EXAMPLE.nomorAju}`, undefined, [200]];
    case 3:
      return ['GET', '/openapi/kurs/USD', undefined, [200]];
    case 4:
      return ['GET', '/openapi/tarif-hs?kodeHs=84212990', undefined, [200]];
    case 5:
      return ['GET', '/portal/ck4/browse?page=1', undefined, [200]];
    case 6:
      return ['GET', '/nppbkc/browseNppbkc', undefined, [200]];
    case 7:
      return ['GET', '/openapi/cnpibk/referensi/kode-status', undefined, [200]];
    case 8:
      return ['GET', '/openapi/status?idPerusahaan=012345678901234', undefined, [200]];
    default:
      return ['GET', '/openapi/referensi/kantor?kata=JAKARTA', undefined, [200]];
  }
}

// 0. documents with complete lifecycles, then the accelerated clock
await api('POST', '/sandbox/v1/clock/freeze', {});
for (let i = 0; i < MATURE; i++) {
  const aju = `${(EXAMPLE.nomorAju as string).slice(0, -7)}9${String(i).padStart(6, '0')}`;
  await api('POST', '/openapi/document?isFinal=true', { ...EXAMPLE, nomorAju: aju });
  sentAju.push(aju);
  if ((i + 1) % 50 === 0 || i + 1 === MATURE) process.stdout.write(`\rmaturing: ${i + 1}/${MATURE} documents sent`);
}
await api('POST', '/sandbox/v1/clock/advance', { by: '3d' });
for (let n = 0; n < 1000; n++) {
  const q = (await api('GET', '/openapi/status?idPerusahaan=012345678901234')) as { dataStatus?: unknown[]; dataRespon?: unknown[] };
  if (!q.dataStatus?.length && !q.dataRespon?.length) break;
}
console.log(`\nmatured ${MATURE} documents (lifecycles complete, queue drained); clock at ${CLOCK_SPEED}x from now on`);
const ticker = setInterval(() => void api('POST', '/sandbox/v1/clock/advance', { by: `${CLOCK_SPEED}s` }).catch(() => {}), 1000);

const errors = new Map<string, number>();
let done = 0;
const lat: number[] = [];
async function one(): Promise<void> {
  const [method, p, body, ok] = next();
  const t = performance.now();
  try {
    const r = await fetch(base + p, { method, headers: { ...headers, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) }, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(30_000) });
    await r.arrayBuffer();
    if (!ok.includes(r.status)) errors.set(`${method} ${p.split('?')[0]!.replace(/\d{6,}/g, 'N')} -> ${r.status}`, (errors.get(`${method} ${p.split('?')[0]!.replace(/\d{6,}/g, 'N')} -> ${r.status}`) ?? 0) + 1);
  } catch (err) {
    const key = `${method} ${p.split('?')[0]} -> ${(err as Error).name}: ${(err as Error).message}`;
    errors.set(key, (errors.get(key) ?? 0) + 1);
  }
  lat.push(performance.now() - t);
  done++;
}

// 1. warm-up to the steady state, then the peak: closed loop, CONC workers
const warmEnd = Date.now() + WARMUP_S * 1000;
await Promise.all(Array.from({ length: CONC }, async () => {
  while (Date.now() < warmEnd) await one();
}));
console.log(`warm-up: ${done} requests in ${WARMUP_S} s (${(done / WARMUP_S).toFixed(0)} req/s), errors ${[...errors.values()].reduce((a, b) => a + b, 0)}`);
const warmErrors = Object.fromEntries(errors);
errors.clear();
done = 0;
const measureEnd = Date.now() + MEASURE_S * 1000;
await Promise.all(Array.from({ length: CONC }, async () => {
  while (Date.now() < measureEnd) await one();
}));
const peak = done / MEASURE_S;
const target = peak * FRACTION;
console.log(`peak ${peak.toFixed(0)} req/s with ${CONC} clients; soaking at ${target.toFixed(0)} req/s (${Math.round(FRACTION * 100)}%) for ${MINUTES} min`);
errors.clear();
done = 0;
lat.length = 0;

// 2. soak: open loop at the target rate (bounded in-flight)
const rssStart = rssMb(pid);
const samples: string[] = [];
const start = Date.now();
const end = start + MINUTES * 60_000;
let inflight = 0;
let skipped = 0;
const rssSeries: number[] = [];
const rateSeries: number[] = [];
let lastDone = 0;
const sampler = setInterval(() => {
  const rss = rssMb(pid);
  if (rss !== null) rssSeries.push(rss);
  rateSeries.push(Math.round((done - lastDone) / 30));
  lastDone = done;
  const s = `${Math.round((Date.now() - start) / 1000)}s: ${done} done (${rateSeries.at(-1)} req/s), rss ${rss ?? '?'} MB, errors ${[...errors.values()].reduce((a, b) => a + b, 0)}`;
  samples.push(s);
  console.log(s);
}, 30_000);
await new Promise<void>((resolve) => {
  const tickMs = 10;
  let credit = 0;
  let issued = 0;
  const timer = setInterval(() => {
    if (Date.now() >= end) {
      clearInterval(timer);
      const wait = setInterval(() => {
        if (inflight === 0) {
          clearInterval(wait);
          resolve();
        }
      }, 20);
      return;
    }
    // what should have been issued by now (timers fire late on a busy machine: count real time)
    credit = (target * (Date.now() - start)) / 1000 - issued;
    while (credit >= 1) {
      credit--;
      issued++;
      if (inflight >= MAX_INFLIGHT) {
        skipped++;
        continue;
      }
      inflight++;
      void one().finally(() => inflight--);
    }
  }, tickMs);
});
clearInterval(sampler);
clearInterval(relogin);
clearInterval(ticker);
const rssEnd = rssMb(pid);
lat.sort((a, b) => a - b);
const q = (p: number) => (lat.length ? lat[Math.min(lat.length - 1, Math.floor(p * lat.length))]!.toFixed(1) : '-');
const totalErrors = [...errors.values()].reduce((a, b) => a + b, 0);
const report = {
  peakRps: Math.round(peak),
  targetRps: Math.round(target),
  minutes: MINUTES,
  requests: done,
  achievedRps: Math.round(done / ((Date.now() - start) / 1000)),
  achievedOfPeak: `${Math.round((100 * done) / ((Date.now() - start) / 1000) / peak)}%`,
  skippedForBackpressure: skipped,
  errors: totalErrors,
  errorKinds: Object.fromEntries(errors),
  latencyMs: { p50: q(0.5), p99: q(0.99), max: q(1) },
  rssMb: { start: rssStart, end: rssEnd, min: rssSeries.length ? Math.min(...rssSeries) : null, max: rssSeries.length ? Math.max(...rssSeries) : null, every30s: rssSeries },
  reqPerSecondEvery30s: rateSeries,
  warmUpErrors: warmErrors,
  settings: { concurrency: CONC, fraction: FRACTION, warmupSeconds: WARMUP_S, measureSeconds: MEASURE_S, clockSpeed: CLOCK_SPEED, matured: MATURE, recent: RECENT, maxInflight: MAX_INFLIGHT },
};
console.log(JSON.stringify(report, null, 2));
child?.kill('SIGTERM');
if (dataDir) setTimeout(() => fs.rmSync(dataDir!, { recursive: true, force: true }), 2000).unref();
process.exitCode = totalErrors === 0 ? 0 : 1;
