import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES } from '../helpers/db.ts';
import { testApp, type TestApp } from '../helpers/app.ts';
import { FAMILIES, runsPerFamily } from './harness.ts';
import { fuzzFamily, fuzzUploads } from './fuzz.ts';

// A few hundred malformed requests per family in `npm test` (split over the engines);
// `npm run test:robustness` runs test/robustness/long with 10,000 per family.
const RUNS = runsPerFamily(Math.ceil(300 / ENGINES.length));

for (const engine of ENGINES) {
  describe(`malformed requests, every route of every family (${engine})`, () => {
    let app: TestApp;
    let h: Record<string, string>;
    before(async () => {
      app = await testApp(engine, { upload: { maxFileBytes: 64 * 1024, maxFiles: 3 } });
      h = await app.login();
    });
    after(async () => app?.close());
    for (const family of FAMILIES.filter((f) => f !== 'gateway')) {
      test(`${family}: ${RUNS} cases, 4xx in the family envelope, nothing written`, async () => {
        const s = await fuzzFamily(app, h, family, RUNS);
        console.log(`fuzz ${engine} ${family}: ${s.cases} cases, statuses ${JSON.stringify(s.byStatus)}`);
      });
    }
    test(`uploads reaching the blob store: ${RUNS} cases, a refusal takes back what it stored, every blob recorded`, async () => {
      const s = await fuzzUploads(app, h, RUNS);
      console.log(`fuzz ${engine} uploads: ${s.cases} cases, ${s.accepted} accepted, ${s.takenBack} blobs taken back by refusals, statuses ${JSON.stringify(s.byStatus)}`);
      assert.ok(s.accepted > 0 && s.takenBack > 0, 'the cases reached the blob store, both ways');
    });
  });
}
