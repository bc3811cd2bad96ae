import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES } from '../helpers/db.ts';
import { testApp } from '../helpers/app.ts';
import { timeline } from '../../src/lifecycle/timeline.ts';

for (const engine of ENGINES) {
  test(`timeline (${engine}): events show when due; a pull delivers each once, also concurrently`, async () => {
    const t = await testApp(engine);
    try {
      const db = t.ctx.db;
      const demo = (await t.ctx.accounts.findCompany('012345678901234'))!.id;
      const other = (await t.otherCompany()).companyId;
      const t0 = new Date('2026-01-01T00:00:00Z');
      const at = (min: number) => new Date(t0.getTime() + min * 60_000);
      await timeline.schedule(db, demo, 'doc', 'd1', [
        { kind: 'status', code: '100', dueAt: at(0), payload: { n: 1 } },
        { kind: 'status', code: '200', dueAt: at(10), payload: { n: 2 } },
      ]);
      const more = await timeline.schedule(db, demo, 'doc', 'd1', [{ kind: 'respon', code: '2003', dueAt: at(20), payload: {} }]);
      assert.equal(more[0]!.seq, 3, 'seq continues');
      await timeline.schedule(db, other, 'doc', 'x1', [{ kind: 'status', code: '100', dueAt: at(0), payload: {} }]);

      assert.deepEqual((await timeline.due(db, demo, 'doc', ['d1'], at(5))).map((e) => e.code), ['100']);
      assert.deepEqual((await timeline.due(db, demo, 'doc', ['d1', 'x1'], at(30))).map((e) => e.code), ['100', '200', '2003'], 'never another company');

      const pulls = await Promise.all([1, 2, 3, 4, 5].map(() => timeline.pull(db, demo, 'doc', at(15))));
      const delivered = pulls.flat().map((e) => e.code).sort();
      assert.deepEqual(delivered, ['100', '200'], 'each due event exactly once across concurrent pulls');
      assert.deepEqual(await timeline.pull(db, demo, 'doc', at(15)), []);
      assert.deepEqual((await timeline.pull(db, demo, 'doc', at(25))).map((e) => e.code), ['2003']);

      assert.equal(await timeline.cancelPending(db, 'doc', 'x1', at(-1)), 1);
      assert.deepEqual(await timeline.all(db, 'doc', 'x1'), []);
    } finally {
      await t.close();
    }
  });
}
