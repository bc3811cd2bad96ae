/**
 * A second process writing lifecycle timelines (as the admin CLI paying a billing next to a
 * running server on one SQLite file, or another node on one PostgreSQL database). Used by
 * concurrency.test.ts:
 *   node --import tsx test/robustness/timeline-writer.ts <databaseUrl|-> <sqliteFile> <companyId> <subjectId> <transactions>
 * Prints "ready", waits for a line on stdin, then runs its transactions (each reads the
 * subject's events, pauses a moment as real writers do, and appends two events) and prints
 * one JSON line {appended, errors}.
 */
import readline from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { openDatabase } from '../../src/store/db.ts';
import { timeline } from '../../src/lifecycle/timeline.ts';

const [url, sqliteFile, companyId, subjectId, count] = process.argv.slice(2) as [string, string, string, string, string];
const { db, close } = openDatabase({ databaseUrl: url === '-' ? null : url, sqliteFile });
await new Promise<void>((resolve) => {
  console.log('ready');
  readline.createInterface({ input: process.stdin }).once('line', () => resolve());
});
let appended = 0;
const errors: string[] = [];
for (let i = 0; i < Number(count); i++) {
  try {
    await db.transaction().execute(async (trx) => {
      await trx.selectFrom('lifecycle_events').select('id').where('subject_kind', '=', 'test').where('subject_id', '=', subjectId).execute();
      await sleep(Math.floor(Math.random() * 3));
      const at = new Date();
      await timeline.schedule(trx, companyId, 'test', subjectId, [
        { kind: 'status', code: '1', dueAt: at, payload: { pid: process.pid, i } },
        { kind: 'status', code: '2', dueAt: at, payload: { pid: process.pid, i } },
      ]);
    });
    appended += 2;
  } catch (err) {
    const e = err as { code?: string; message?: string };
    errors.push(`${e.code ?? ''} ${e.message ?? String(err)}`.trim());
  }
}
console.log(JSON.stringify({ appended, errors }));
await close();
process.exit(0);
