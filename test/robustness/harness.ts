/**
 * Shared pieces of the robustness tests: the route list (from the app's own endpoint
 * declarations, so new routes are covered automatically), the family envelopes as predicates,
 * and a snapshot of everything stored (row counts of every table on either engine + the
 * blob-store listing) to prove that a refused request wrote nothing.
 */
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { allEndpoints } from '../../src/app.ts';
import type { Endpoint } from '../../src/http/registry.ts';
import type { Family } from '../../src/http/families.ts';
import type { AppContext } from '../../src/context.ts';
import { loadConfig } from '../../src/config.ts';
import { openDatabase, type Database } from '../../src/store/db.ts';

export interface Route {
  method: string;
  /** one of the endpoint's paths (all of them are listed in `paths`) */
  path: string;
  paths: string[];
  family: Family;
  auth: 'api' | 'none' | 'refresh';
  multipart: boolean;
  ep: Endpoint;
}

export function routes(): Route[] {
  return allEndpoints().map((ep) => ({
    method: ep.method,
    path: ep.paths[0]!,
    paths: ep.paths,
    family: ep.family,
    auth: ep.auth ?? 'api',
    multipart: ep.multipart ?? false,
    ep,
  }));
}

export const FAMILIES: Family[] = ['auth', 'pabean', 'cukai', 'xray', 'barkir', 't2g', 'sandbox', 'gateway'];

/** Shape predicates of the error envelopes of src/http/families.ts (and README "Error envelopes"). */
export function envelopeProblem(family: Family, status: number, body: unknown): string | null {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return `body is not an object: ${JSON.stringify(body)?.slice(0, 200)}`;
  const b = body as Record<string, unknown>;
  const msg = (m: unknown) => (typeof m === 'string' && m.trim().length > 0 ? null : `message missing/empty in ${JSON.stringify(b).slice(0, 300)}`);
  // gateway-level answers (unknown/mismatched api key, unknown path, wrong method) are the gateway's on every family
  if ('Exception' in b && Object.keys(b).length === 1) return [400, 401, 404, 405, 414].includes(status) ? msg(b.Exception) : `gateway envelope with HTTP ${status}`;
  switch (family) {
    case 'auth':
      return b.status === 'failed' && b.item === null ? msg(b.message) : `not the auth envelope: ${JSON.stringify(b).slice(0, 300)}`;
    case 'pabean':
      return b.status === 'Failed' ? msg(b.message) : `not the pabean envelope: ${JSON.stringify(b).slice(0, 300)}`;
    case 'cukai':
      return b.status === false && 'data' in b ? msg(b.message) : `not the cukai envelope: ${JSON.stringify(b).slice(0, 300)}`;
    case 'xray':
      return b.success === false && 'data' in b && typeof b.timestamp === 'string' && b.code === status ? msg(b.message) : `not the xray envelope: ${JSON.stringify(b).slice(0, 300)}`;
    case 'barkir':
      return b.status === false && 'data' in b ? msg(b.message) : `not the barkir envelope: ${JSON.stringify(b).slice(0, 300)}`;
    case 't2g':
      return b.status === 'error' && typeof b.desc === 'object' && b.desc !== null ? msg((b.desc as Record<string, unknown>).message) : `not the t2g envelope: ${JSON.stringify(b).slice(0, 300)}`;
    case 'sandbox':
      return b.error === true ? msg(b.message) : `not the sandbox envelope: ${JSON.stringify(b).slice(0, 300)}`;
    case 'gateway':
      return msg(b.Exception);
  }
}

export interface Snapshot {
  rows: Record<string, number>;
  blobs: string[];
  partials: string[];
}

async function tableNames(ctx: AppContext): Promise<string[]> {
  if (ctx.engine === 'sqlite') {
    const r = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(ctx.db);
    return r.rows.map((x) => x.name);
  }
  const r = await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(ctx.db);
  return r.rows.map((x) => x.name);
}

const tablesCache = new WeakMap<object, string[]>();

/**
 * Row counts of every table (one query) and the blob store's contents: its objects and its
 * unfinished uploads (partial files; incomplete S3 multipart uploads).
 */
export async function snapshot(ctx: AppContext): Promise<Snapshot> {
  let names = tablesCache.get(ctx.db);
  if (!names) tablesCache.set(ctx.db, (names = await tableNames(ctx)));
  const union = names.map((n) => `select '${n}' as t, count(*) as c from "${n}"`).join(' union all ');
  const r = await sql<{ t: string; c: number | string }>`${sql.raw(union)}`.execute(ctx.db);
  const rows: Record<string, number> = {};
  for (const x of r.rows) rows[x.t] = Number(x.c);
  const [blobs, partials] = await Promise.all([ctx.blobs.list(''), ctx.blobs.pending()]);
  return { rows, blobs, partials };
}

export function assertSameSnapshot(before: Snapshot, after: Snapshot, what: string): void {
  const changed = Object.keys({ ...before.rows, ...after.rows }).filter((t) => before.rows[t] !== after.rows[t]);
  assert.deepEqual(changed.map((t) => `${t}: ${before.rows[t]} -> ${after.rows[t]}`), [], `rows written by ${what}`);
  assert.deepEqual(after.blobs, before.blobs, `blobs written by ${what}`);
  assert.deepEqual(after.partials, before.partials, `partial uploads left by ${what}`);
}

/** Fills `:param` placeholders of a route path. */
export function fillPath(p: string, values: Record<string, string>): string {
  return p.replace(/:(\w+)/g, (_m, name: string) => values[name] ?? 'X');
}

export function paramNames(p: string): string[] {
  return [...p.matchAll(/:(\w+)/g)].map((m) => m[1]!);
}

/** Numbers of cases per family: ROBUST_RUNS overrides (the long run sets 10,000). */
export function runsPerFamily(defaultRuns: number): number {
  const n = Number(process.env.ROBUST_RUNS ?? '');
  return Number.isFinite(n) && n > 0 ? n : defaultRuns;
}

/** Runs `fn` on a connection of its own to a stopped (or running) server's storage, then closes it. */
export async function withDatabase<T>(storage: { dataDir: string; databaseUrl: string | null }, fn: (d: Database) => Promise<T>): Promise<T> {
  const d = openDatabase(loadConfig({}, { dataDir: storage.dataDir, databaseUrl: storage.databaseUrl }));
  try {
    return await fn(d);
  } finally {
    await d.close();
  }
}
