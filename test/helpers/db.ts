import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export type Engine = 'sqlite' | 'postgres';

/** The engines every storage-touching test runs on. CEISA_TEST_ENGINES=sqlite narrows it locally. */
export const ENGINES: Engine[] = ((process.env.CEISA_TEST_ENGINES ?? 'sqlite,postgres').split(',') as Engine[]).filter(Boolean);

export const PG_ADMIN_URL = process.env.CEISA_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestStorage {
  engine: Engine;
  dataDir: string;
  databaseUrl: string | null;
  cleanup(): Promise<void>;
}

/** A fresh data directory and, for PostgreSQL, a fresh database: runs never see each other's rows. */
export async function createTestStorage(engine: Engine): Promise<TestStorage> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ceisa40-test-'));
  if (engine === 'sqlite') {
    return { engine, dataDir, databaseUrl: null, cleanup: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
  }
  const name = `ceisa_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    engine,
    dataDir,
    databaseUrl: url.toString(),
    cleanup: async () => {
      fs.rmSync(dataDir, { recursive: true, force: true });
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
