import { test, describe, before, after } from 'node:test';
import { ENGINES } from '../helpers/db.ts';
import { testApp, type TestApp } from '../helpers/app.ts';
import { runsPerFamily } from './harness.ts';
import { mutateRuns } from './mutate.ts';

const RUNS = runsPerFamily(Math.ceil(300 / ENGINES.length));

for (const engine of ENGINES) {
  describe(`near-valid bodies with one poisoned field (${engine})`, () => {
    let app: TestApp;
    let h: Record<string, string>;
    before(async () => {
      app = await testApp(engine);
      h = await app.login();
    });
    after(async () => app?.close());
    test(`${RUNS} cases: refused in the family envelope, nothing written`, async () => {
      const s = await mutateRuns(app, h, RUNS);
      console.log(`mutate ${engine}: ${s.cases} cases, ${s.accepted} accepted (undeclared fields) ${JSON.stringify(s.byTarget)}`);
    });
  });
}
