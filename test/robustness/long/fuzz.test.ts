import { test, describe, before, after } from 'node:test';
import { ENGINES } from '../../helpers/db.ts';
import { testApp, type TestApp } from '../../helpers/app.ts';
import { startS3, type TestS3 } from '../../helpers/s3.ts';
import { FAMILIES } from '../harness.ts';
import { fuzzFamily, fuzzUploads } from '../fuzz.ts';

// The long run (`npm run test:robustness`): 10,000 malformed requests per family, split over
// the engines, then the file-storing families and the uploads reaching the store again with the
// blobs in S3. ROBUST_RUNS sets the total per family; ROBUST_SEED replays a run.
const TOTAL = Number(process.env.ROBUST_RUNS ?? 10_000);
const RUNS = Math.ceil(TOTAL / ENGINES.length);
const SEED = process.env.ROBUST_SEED ? Number(process.env.ROBUST_SEED) : undefined;
const LIMITS = { upload: { maxFileBytes: 64 * 1024, maxFiles: 3 } };

for (const engine of ENGINES) {
  for (const store of ['fs', 's3'] as const) {
    describe(`long run: malformed requests (${engine}, ${store} blobs)`, () => {
      let s3: TestS3 | undefined;
      let app: TestApp;
      let h: Record<string, string>;
      before(async () => {
        if (store === 's3') s3 = await startS3();
        app = await testApp(engine, { ...LIMITS, ...(s3 ? { s3: s3.config } : {}) }, { CEISA_ACCESS_TOKEN_TTL: '86400' });
        h = await app.login();
      });
      after(async () => {
        await app?.close();
        await s3?.stop();
      });
      const families = store === 'fs' ? FAMILIES.filter((f) => f !== 'gateway') : (['xray', 'cukai'] as const);
      for (const family of families) {
        test(`${family}: ${RUNS} cases`, { timeout: 3_600_000 }, async () => {
          // tokens live 5 minutes: log in again per family
          h = await app.login();
          const s = await fuzzFamily(app, h, family, RUNS, SEED);
          console.log(`fuzz-long ${engine} ${store} ${family}: ${s.cases} cases, statuses ${JSON.stringify(s.byStatus)}`);
        });
      }
      test(`uploads reaching the store: ${RUNS} cases`, { timeout: 3_600_000 }, async () => {
        h = await app.login();
        const s = await fuzzUploads(app, h, RUNS, SEED);
        console.log(`fuzz-long ${engine} ${store} uploads: ${s.cases} cases, ${s.accepted} accepted, ${s.takenBack} blobs taken back, statuses ${JSON.stringify(s.byStatus)}`);
      });
    });
  }
}
