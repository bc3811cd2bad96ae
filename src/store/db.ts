import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { createRequire } from 'node:module';
import type pgTypes from 'pg';
import { CompiledQuery, Kysely, Migrator, PostgresDialect, SqliteDialect, SqliteDriver, sql, type DatabaseConnection, type Driver, type KyselyConfig, type MigrationProvider, type SqliteDatabase, type SqliteDialectConfig } from 'kysely';
import type { Config } from '../config.ts';
import type { DB } from './schema.ts';
import { migrations } from './migrations/index.ts';

export type Engine = 'sqlite' | 'postgres';
export type Db = Kysely<DB>;

/** The pg driver, loaded on first use: a SQLite server never pays for loading it. */
let pgModule: typeof pgTypes | undefined;
function loadPg(): typeof pgTypes {
  if (!pgModule) {
    pgModule = createRequire(import.meta.url)('pg') as typeof pgTypes;
    // int8 (bigint, count(*)) as JS numbers: every such value here is far below 2^53.
    pgModule.types.setTypeParser(20, (v) => Number(v));
    // numeric stays a string (exact decimals); callers convert where they mean to.
  }
  return pgModule;
}

export interface Database {
  db: Db;
  engine: Engine;
  /** SQLite: PRAGMA data_version (changes when another connection commits); null on PostgreSQL */
  changeSignal: (() => number) | null;
  close(): Promise<void>;
  ping(): Promise<boolean>;
}

/** Called for each query at least `slowQueryMs` long (config CEISA_SLOW_QUERY_MS). */
export type SlowQueryLog = (sql: string, ms: number) => void;

function queryLog(config: Partial<Pick<Config, 'slowQueryMs'>>, onSlow?: SlowQueryLog): KyselyConfig['log'] {
  const limit = config.slowQueryMs ?? 0;
  if (!limit || !onSlow) return undefined;
  return (e) => {
    if (e.queryDurationMillis >= limit) onSlow(e.query.sql, Math.round(e.queryDurationMillis * 10) / 10);
  };
}

export function openDatabase(config: Pick<Config, 'databaseUrl' | 'sqliteFile'> & Partial<Pick<Config, 'slowQueryMs'>>, onSlow?: SlowQueryLog): Database {
  if (config.databaseUrl) {
    const pool = new (loadPg().Pool)({ connectionString: config.databaseUrl, max: 10, connectionTimeoutMillis: 5000 });
    // An idle client that loses its server must not crash the process; the pool replaces it.
    pool.on('error', () => {});
    // A checked-out client has no pool listener: a connection lost between two queries of a
    // transaction would emit an unhandled 'error' and end the process. The failing query still
    // rejects, and the pool discards the broken client on release.
    pool.on('connect', (client) => client.on('error', () => {}));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log: queryLog(config, onSlow) });
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
  const db = new Kysely<DB>({ dialect: new ImmediateSqliteDialect({ database: cachedStatements(sqlite) }), log: queryLog(config, onSlow) });
  const dataVersion = sqlite.prepare('pragma data_version').pluck();
  return { db, engine: 'sqlite', changeSignal: () => dataVersion.get() as number, close: () => db.destroy(), ping: () => ping(db) };
}

/**
 * Transactions begin as writers (`begin immediate`). Within one process Kysely already runs one
 * transaction at a time on the single connection, but another process on the same file (the
 * admin CLI next to a running server) may commit between a deferred transaction's first read
 * and its first write: SQLite then refuses the write (SQLITE_BUSY_SNAPSHOT) instead of waiting.
 * An immediate transaction takes the write lock up front and waits for it (busy_timeout), so
 * read-then-write sequences such as appending to a timeline are serialized across processes.
 * Every transaction of the server writes, so nothing is lost by it.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
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
