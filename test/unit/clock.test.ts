import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES } from '../helpers/db.ts';
import { testApp } from '../helpers/app.ts';
import { Clock } from '../../src/lifecycle/clock.ts';

for (const engine of ENGINES) {
  test(`clock (${engine}): real time by default, freeze, advance, resume, reset, per company`, async () => {
    const t = await testApp(engine);
    try {
      let real = Date.parse('2026-01-01T00:00:00Z');
      const clock = new Clock(t.ctx.db, () => real);
      const demo = (await t.ctx.accounts.findCompany('012345678901234'))!.id;
      const other = (await t.otherCompany()).companyId;
      assert.equal((await clock.now(demo)).toISOString(), '2026-01-01T00:00:00.000Z');
      await clock.freeze(demo);
      real += 60_000;
      assert.equal((await clock.now(demo)).toISOString(), '2026-01-01T00:00:00.000Z', 'frozen clock stands still');
      assert.equal((await clock.now(other)).toISOString(), '2026-01-01T00:01:00.000Z', 'other company keeps real time');
      await clock.advance(demo, 3_600_000);
      assert.equal((await clock.now(demo)).toISOString(), '2026-01-01T01:00:00.000Z');
      await clock.resume(demo);
      real += 1000;
      assert.equal((await clock.now(demo)).toISOString(), '2026-01-01T01:00:01.000Z', 'resumed clock runs from where it stood');
      await clock.advance(demo, 1000);
      assert.equal((await clock.state(demo)).offsetMs, 3_600_000 - 60_000 + 1000);
      await clock.reset(demo);
      assert.equal((await clock.now(demo)).getTime(), real);
      await assert.rejects(clock.advance(demo, -1), RangeError);
    } finally {
      await t.close();
    }
  });
}
