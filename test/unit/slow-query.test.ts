import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openDatabase } from '../../src/store/db.ts';

test('CEISA_SLOW_QUERY_MS: queries at least that long are reported with their SQL; 0 reports none', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ceisa40-slow-'));
  const slowQuery = sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < 300000) select count(*) as c from n`;
  try {
    const seen: { sql: string; ms: number }[] = [];
    const on = openDatabase({ databaseUrl: null, sqliteFile: path.join(dir, 'a.sqlite'), slowQueryMs: 1 }, (s, ms) => seen.push({ sql: s, ms }));
    await sql`select 1`.execute(on.db);
    await slowQuery.execute(on.db);
    await on.close();
    assert.ok(seen.some((e) => e.sql.includes('with recursive') && e.ms >= 1), JSON.stringify(seen));

    const none: string[] = [];
    const off = openDatabase({ databaseUrl: null, sqliteFile: path.join(dir, 'b.sqlite'), slowQueryMs: 0 }, (s) => none.push(s));
    await slowQuery.execute(off.db);
    await off.close();
    assert.deepEqual(none, []);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
