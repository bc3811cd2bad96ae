/**
 * A PostgreSQL connection lost while it is checked out of the pool (between two queries of a
 * transaction) must fail that transaction only. It used to emit an unhandled 'error' on the pg
 * client and end the whole server process (seen when PostgreSQL restarted under load).
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { sql } from 'kysely';
import { ENGINES, PG_ADMIN_URL, createTestStorage } from '../helpers/db.ts';
import { openDatabase } from '../../src/store/db.ts';

describe('PostgreSQL connection lost mid-transaction', { skip: !ENGINES.includes('postgres') && 'PostgreSQL not among CEISA_TEST_ENGINES' }, () => {
  test('the transaction fails, the process lives, the next query gets a fresh connection', async () => {
    const storage = await createTestStorage('postgres');
    const database = openDatabase({ databaseUrl: storage.databaseUrl, sqliteFile: '' });
    const uncaught: unknown[] = [];
    const onUncaught = (err: unknown) => uncaught.push(err);
    process.on('uncaughtException', onUncaught);
    try {
      const tx = database.db.transaction().execute(async (trx) => {
        const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
        const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
        await admin.connect();
        await admin.query('select pg_terminate_backend($1)', [rows[0]!.pid]);
        await admin.end();
        // the backend is gone while this client is checked out and idle
        await new Promise((r) => setTimeout(r, 300));
        await sql`select 1`.execute(trx);
      });
      await assert.rejects(tx);
      assert.deepEqual(uncaught, [], 'no uncaught error event');
      const { rows } = await sql<{ x: number }>`select 1 as x`.execute(database.db);
      assert.equal(rows[0]!.x, 1);
      assert.equal(await database.ping(), true);
    } finally {
      process.off('uncaughtException', onUncaught);
      await database.close();
      await storage.cleanup();
    }
  });
});
