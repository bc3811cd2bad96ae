import { freePort } from '../test/helpers/server.ts';
/**
 * Shared pieces of the benchmark: processes under test (our server as `npm start` runs it, the
 * bare Fastify baselines, Prism), the load generator (autocannon, loopback only, bounded in time
 * and count, progress on stderr), and the result table.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const PG_ADMIN_URL = process.env.CEISA_BENCH_PG_URL ?? process.env.CEISA_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function log(msg: string): void {
  process.stderr.write(`${msg}\n`);
}


export function tmpDir(tag: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `ceisa-bench-${tag}-`));
}

export interface Proc {
  url: string;
  port: number;
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/** Starts a process that listens on `port` and waits until `readyPath` answers (any HTTP status). */
export async function startProcess(cmd: string, args: string[], opts: { port: number; env?: Record<string, string>; cwd?: string; readyPath?: string; timeoutMs?: number; group?: boolean }): Promise<Proc> {
  const child = spawn(cmd, args, {
    cwd: opts.cwd ?? ROOT,
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: opts.group ?? false,
  });
  let out = '';
  const keep = (d: Buffer) => {
    out += d.toString();
    if (out.length > 20_000) out = out.slice(-10_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const url = `http://127.0.0.1:${opts.port}`;
  const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${cmd} ${args.join(' ')} exited with ${child.exitCode}:\n${out}`);
    try {
      await fetch(`${url}${opts.readyPath ?? '/'}`);
      break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${cmd} did not start in time:\n${out}`);
    }
    await sleep(50);
  }
  return {
    url,
    port: opts.port,
    child,
    output: () => out,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        if (opts.group && child.pid) process.kill(-child.pid, 'SIGTERM');
        else child.kill('SIGTERM');
        const t = setTimeout(() => {
          if (child.exitCode === null) (opts.group && child.pid ? process.kill(-child.pid, 'SIGKILL') : child.kill('SIGKILL'));
        }, 5000);
        await exited;
        clearTimeout(t);
      }
    },
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Extra node flags for our server (e.g. BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=prof"). */
function serverNodeArgs(): string[] {
  return (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
}

/** Our server, started as `npm start` does (node --import tsx src/main.ts), on a fresh or given data dir / database. */
export async function startOurs(o: { dataDir: string; databaseUrl?: string | null; env?: Record<string, string> }): Promise<Proc> {
  const port = await freePort();
  return startProcess(process.execPath, [...serverNodeArgs(), '--import', 'tsx', 'src/main.ts'], {
    port,
    readyPath: '/healthz',
    env: {
      HOST: '127.0.0.1',
      PORT: String(port),
      CEISA_DATA_DIR: o.dataDir,
      ...(o.databaseUrl ? { DATABASE_URL: o.databaseUrl } : { DATABASE_URL: '' }),
      // request logs off on both sides: the figures compare request handling, not stdout piping
      LOG_LEVEL: 'warn',
      CEISA_ACCESS_TOKEN_TTL: '7200',
      ...o.env,
    },
  });
}

export async function startBare(sinkDir: string): Promise<Proc> {
  const port = await freePort();
  return startProcess(process.execPath, ['--import', 'tsx', 'bench/baselines/bare.ts', String(port), sinkDir], { port, readyPath: '/status' });
}

/** Stoplight Prism mocking POST /openapi/document from the official BC 2.0 schema (bench/prism/bc20.openapi.json). */
export async function startPrism(): Promise<Proc> {
  const port = await freePort();
  const bin = path.join(ROOT, 'node_modules/@stoplight/prism-cli/dist/index.js');
  return startProcess(process.execPath, [bin, 'mock', '-p', String(port), '-h', '127.0.0.1', 'bc20.openapi.json'], {
    port,
    cwd: path.join(ROOT, 'bench/prism'),
    readyPath: '/',
    timeoutMs: 60_000,
    group: true,
  });
}

/** A throw-away PostgreSQL database. */
export async function pgDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `ceisa_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(PG_ADMIN_URL);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export async function login(url: string, username = 'demo', password = 'demo', apiKey = 'demo-key'): Promise<Record<string, string>> {
  const r = await fetch(`${url}/v1/openapi-auth/user/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (r.status !== 200) throw new Error(`login failed: ${r.status} ${await r.text()}`);
  const j = (await r.json()) as { item: { access_token: string } };
  return { authorization: `Bearer ${j.item.access_token}`, 'beacukai-api-key': apiKey };
}

export interface LoadOptions {
  label: string;
  url: string;
  method?: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** a fresh body per request (e.g. a new nomorAju) */
  makeBody?: () => string;
  /** a fresh path per request */
  makePath?: () => string;
  connections: number;
  durationSec: number;
  maxRequests: number;
  /** called about every second while the load runs (e.g. to sample memory) */
  onTick?: () => void;
}

export interface LoadResult {
  label: string;
  requests: number;
  ok2xx: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  elapsedSec: number;
  rps: number;
  latencyMeanMs: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  bytesSent: number;
}

/** One autocannon run: bounded by duration and by count, progress on stderr. */
export async function load(o: LoadOptions): Promise<LoadResult> {
  const method = o.method ?? 'GET';
  const headers = { ...(o.body || o.makeBody ? { 'content-type': 'application/json' } : {}), ...o.headers };
  const request: Record<string, unknown> = { method, path: o.path, headers };
  if (o.body) request.body = o.body;
  if (o.makeBody || o.makePath) {
    request.setupRequest = (req: Record<string, unknown>) => {
      if (o.makeBody) req.body = o.makeBody();
      if (o.makePath) req.path = o.makePath();
      return req;
    };
  }
  const started = performance.now();
  let done = 0;
  let bad = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const inst = autocannon(
      {
        url: o.url,
        connections: o.connections,
        duration: o.durationSec,
        maxOverallRequests: Math.max(o.maxRequests, o.connections),
        requests: [request as autocannon.Request],
        timeout: 30,
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    inst.on('response', (_c: unknown, status: number) => {
      done++;
      if (status < 200 || status > 299) bad++;
    });
    const timer = setInterval(() => {
      const s = (performance.now() - started) / 1000;
      process.stderr.write(`\r  ${o.label}: ${s.toFixed(0)}/${o.durationSec}s ${done} requests${bad ? ` (${bad} not 2xx)` : ''}   `);
      o.onTick?.();
    }, 1000);
    inst.on('done', () => clearInterval(timer));
  });
  process.stderr.write('\n');
  const elapsedSec = (performance.now() - started) / 1000;
  const requests = result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx'];
  return {
    label: o.label,
    requests,
    ok2xx: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    elapsedSec,
    rps: requests / Math.max(result.duration, 0.001),
    latencyMeanMs: result.latency.mean,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    bytesSent: 0,
  };
}

/** Resident memory of a process (kB from /proc; 0 where /proc is missing). */
export function rssBytes(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

export interface Row {
  figure: string;
  what: string;
  ours: string;
  baseline: string;
  ratio: string;
  goal: string;
  met: boolean | null;
  notes: string;
}

export function table(rows: Row[]): string {
  const head = ['figure', 'measured', 'ours', 'baseline (same run)', 'ratio', 'goal', 'met'];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const r of rows) lines.push(`| ${[r.figure, r.what, r.ours, r.baseline, r.ratio, r.goal, r.met === null ? '-' : r.met ? 'yes' : 'NO'].join(' | ')} |`);
  return lines.join('\n');
}

export const fmt = (n: number, d = 0) => (Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }) : String(n));

/** CPU seconds (user + system) used so far by every live process of a process group (Linux /proc; 0 elsewhere). */
export function groupCpuSeconds(pgid: number): number {
  let ticks = 0;
  try {
    for (const d of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(d)) continue;
      try {
        const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        // fields after the name: state(0) ppid(1) pgrp(2) ... utime(11) stime(12)
        if (Number(f[2]) === pgid) ticks += Number(f[11]) + Number(f[12]);
      } catch {
        /* gone */
      }
    }
  } catch {
    return 0;
  }
  return ticks / 100;
}

/** CPU seconds (user + system) used so far by one process (Linux /proc; NaN elsewhere). */
export function processCpuSeconds(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return NaN;
  }
}

/** Several loads of the same read as one: requests summed, mean latency weighted by requests, p99 the worst. */
export function mergeLoads(label: string, parts: LoadResult[]): LoadResult {
  const sum = (f: (r: LoadResult) => number) => parts.reduce((a, r) => a + f(r), 0);
  const requests = sum((r) => r.requests);
  const elapsedSec = sum((r) => r.elapsedSec);
  return {
    label,
    requests,
    ok2xx: sum((r) => r.ok2xx),
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors),
    timeouts: sum((r) => r.timeouts),
    elapsedSec,
    rps: requests / elapsedSec,
    latencyMeanMs: requests ? sum((r) => r.latencyMeanMs * r.requests) / requests : NaN,
    latencyP50Ms: Math.max(...parts.map((r) => r.latencyP50Ms)),
    latencyP99Ms: Math.max(...parts.map((r) => r.latencyP99Ms)),
    bytesSent: sum((r) => r.bytesSent),
  };
}

export { freePort };

/**
 * A partial run (`--only`) re-measures some figures: its table keeps the other figures' rows
 * of the previous RESULTS.md, each marked with the date of the run that measured it.
 */
export function mergeTables(previous: string, current: string): string {
  const rowsOf = (md: string) => md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| figure |'));
  const figureOf = (row: string) => row.split(' | ')[0]!.slice(2).trim();
  const d = /^- date: (\d{4}-\d\d-\d\d)T(\d\d:\d\d)/m.exec(previous);
  const oldDate = d ? `${d[1]} ${d[2]} UTC` : 'in an earlier run';
  const fresh = rowsOf(current);
  const freshFigures = new Set(fresh.map(figureOf));
  const carried = rowsOf(previous)
    .filter((r) => !freshFigures.has(figureOf(r)))
    .map((r) => (r.includes('(measured ') ? r : r.replace(/^\| ([^|]+) \| ([^|]+) \|/, (_m, f: string, w: string) => `| ${f.trim()} | ${w.trim()} (measured ${oldDate}) |`)));
  const order = (row: string) => {
    const i = (FIGURE_ORDER as readonly string[]).indexOf(figureOf(row));
    return i < 0 ? FIGURE_ORDER.length : i;
  };
  const rows = [...fresh, ...carried].sort((a, b) => order(a) - order(b));
  const lines = current.split('\n');
  const first = lines.findIndex((l) => l.startsWith('| ') && !l.startsWith('| figure |') && !l.startsWith('|---'));
  const last = lines.length - 1 - [...lines].reverse().findIndex((l) => l.startsWith('| '));
  if (first < 0) return current;
  return [...lines.slice(0, first), ...rows, ...lines.slice(last + 1)].join('\n');
}

/** The order of the table's rows. */
export const FIGURE_ORDER = ['status', 'send-sqlite', 'send-postgres', 'send-100-barang', 'xray', 'large-data', 'large-data-history', 'cold-start'] as const;
