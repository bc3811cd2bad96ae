import { test, describe, before, after } from 'node:test';
import { ENGINES } from '../../helpers/db.ts';
import { testApp, type TestApp } from '../../helpers/app.ts';
import { mutateRuns } from '../mutate.ts';

// The long run of near-valid bodies: 10,000 cases (ROBUST_RUNS), split over the engines.
const TOTAL = Number(process.env.ROBUST_RUNS ?? 10_000);
const RUNS = Math.ceil(TOTAL / ENGINES.length);
const SEED = process.env.ROBUST_SEED ? Number(process.env.ROBUST_SEED) : undefined;

for (const engine of ENGINES) {
  describe(`long run: near-valid bodies with one poisoned field (${engine})`, () => {
    let app: TestApp;
    let h: Record<string, string>;
    before(async () => {
      app = await testApp(engine, {}, { CEISA_ACCESS_TOKEN_TTL: '86400' });
      h = await app.login();
    });
    after(async () => app?.close());
    test(`${RUNS} cases`, { timeout: 3_600_000 }, async () => {
      const s = await mutateRuns(app, h, RUNS, SEED);
      console.log(`mutate-long ${engine}: ${s.cases} cases, ${s.accepted} accepted (undeclared fields) ${JSON.stringify(s.byTarget)}`);
    });
  });
}
