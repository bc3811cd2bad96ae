import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type MigrationProvider, type SqliteDatabase } from 'kysely';
import type { Config } from '../config.ts';
import type { DB } from './schema.ts';
import { migrations } from './migrations/index.ts';

export type Engine = 'sqlite' | 'postgres';
export type Db = Kysely<DB>;

// int8 (bigint, count(*)) as JS numbers: every such value here is far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));
// numeric stays a string (exact decimals); callers convert where they mean to.

export interface Database {
  db: Db;
  engine: Engine;
  /** SQLite: PRAGMA data_version (changes when another connection commits); null on PostgreSQL */
  changeSignal: (() => number) | null;
  close(): Promise<void>;
  ping(): Promise<boolean>;
}

export function openDatabase(config: Pick<Config, 'databaseUrl' | 'sqliteFile'>): Database {
  if (config.databaseUrl) {
    const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 10, connectionTimeoutMillis: 5000 });
    // An idle client that loses its server must not crash the process; the pool replaces it.
    pool.on('error', () => {});
    // A checked-out client has no pool listener: a connection lost between two queries of a
    // transaction would emit an unhandled 'error' and end the process. The failing query still
    // rejects, and the pool discards the broken client on release.
    pool.on('connect', (client) => client.on('error', () => {}));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, engine: 'postgres', changeSignal: null, close: () => db.destroy(), ping: () => ping(db) };
  }
  fs.mkdirSync(path.dirname(config.sqliteFile), { recursive: true });
  const sqlite = new SQLite(config.sqliteFile);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 15000');
  // 64 MiB of page cache instead of SQLite's 2 MB: on a large database (bench/RESULTS.md,
  // large-data) a status read's index and row pages are mostly found in memory
  sqlite.pragma('cache_size = -65536');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: cachedStatements(sqlite) }) });
  const dataVersion = sqlite.prepare('pragma data_version').pluck();
  return { db, engine: 'sqlite', changeSignal: () => dataVersion.get() as number, close: () => db.destroy(), ping: () => ping(db) };
}

/**
 * Kysely's SQLite driver prepares every statement on every execution; preparing was the largest
 * single item of the request profiles (bench/RESULTS.md). Statements are reused per SQL text
 * (better-sqlite3 runs them synchronously, so one statement object serves every caller).
 * Bounded: the cache starts over when it holds too many distinct texts (e.g. IN lists).
 */
function cachedStatements(sqlite: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    prepare(text: string) {
      let s = cache.get(text);
      if (!s) {
        if (cache.size >= 1000) cache.clear();
        s = sqlite.prepare(text);
        cache.set(text, s);
      }
      return s as unknown as ReturnType<SqliteDatabase['prepare']>;
    },
    close: () => sqlite.close(),
  };
}

async function ping(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrate(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider, allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(`migration ${failed?.migrationName ?? '(unknown)'} failed: ${why}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** True when the error is a unique-constraint violation on either engine. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | null;
  if (!e) return false;
  return e.code === '23505' || e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
