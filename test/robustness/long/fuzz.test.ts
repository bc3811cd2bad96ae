import { test, describe, before, after } from 'node:test';
import { ENGINES } from '../../helpers/db.ts';
import { testApp, type TestApp } from '../../helpers/app.ts';
import { FAMILIES } from '../harness.ts';
import { fuzzFamily } from '../fuzz.ts';

// The long run (`npm run test:robustness`): 10,000 malformed requests per family, split over
// the engines. ROBUST_RUNS sets the total per family; ROBUST_SEED replays a run.
const TOTAL = Number(process.env.ROBUST_RUNS ?? 10_000);
const RUNS = Math.ceil(TOTAL / ENGINES.length);
const SEED = process.env.ROBUST_SEED ? Number(process.env.ROBUST_SEED) : undefined;

for (const engine of ENGINES) {
  describe(`long run: malformed requests (${engine})`, () => {
    let app: TestApp;
    let h: Record<string, string>;
    before(async () => {
      app = await testApp(engine, { upload: { maxFileBytes: 64 * 1024, maxFiles: 3 } }, { CEISA_ACCESS_TOKEN_TTL: '86400' });
      h = await app.login();
    });
    after(async () => app?.close());
    for (const family of FAMILIES.filter((f) => f !== 'gateway')) {
      test(`${family}: ${RUNS} cases`, { timeout: 3_600_000 }, async () => {
        // tokens live 5 minutes: log in again per family
        h = await app.login();
        const s = await fuzzFamily(app, h, family, RUNS, SEED);
        console.log(`fuzz-long ${engine} ${family}: ${s.cases} cases, statuses ${JSON.stringify(s.byStatus)}`);
      });
    }
  });
}
