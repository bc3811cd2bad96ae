import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES } from '../helpers/db.ts';
import { testApp, type TestApp } from '../helpers/app.ts';
import { startS3, type TestS3 } from '../helpers/s3.ts';
import { runsPerFamily } from './harness.ts';
import { fuzzFamily, fuzzUploads } from './fuzz.ts';

// The families that store files (X-ray photos, CK-4 dokumen) with the blobs in an S3 bucket: the
// malformed requests of fuzz.test.ts and the uploads that reach the store, with the same checks;
// "nothing written" covers the bucket's objects and its incomplete multipart uploads.
// 300 cases per family in `npm test` (split over the engines); ROBUST_RUNS overrides.
const RUNS = runsPerFamily(Math.ceil(300 / ENGINES.length));

for (const engine of ENGINES) {
  describe(`malformed requests with the S3 blob store (${engine})`, () => {
    let s3: TestS3;
    let app: TestApp;
    let h: Record<string, string>;
    before(async () => {
      s3 = await startS3();
      app = await testApp(engine, { upload: { maxFileBytes: 64 * 1024, maxFiles: 3 }, s3: s3.config });
      assert.equal(app.ctx.blobs.kind, 's3');
      h = await app.login();
    });
    after(async () => {
      await app?.close();
      await s3?.stop();
    });
    for (const family of ['xray', 'cukai'] as const) {
      test(`${family}: ${RUNS} cases, 4xx in the family envelope, the bucket unchanged`, async () => {
        const s = await fuzzFamily(app, h, family, RUNS);
        console.log(`fuzz s3 ${engine} ${family}: ${s.cases} cases, statuses ${JSON.stringify(s.byStatus)}`);
      });
    }
    test(`uploads reaching the bucket: ${RUNS} cases, a refusal takes back what it stored, every object recorded`, async () => {
      const s = await fuzzUploads(app, h, RUNS);
      console.log(`fuzz s3 ${engine} uploads: ${s.cases} cases, ${s.accepted} accepted, ${s.takenBack} objects taken back by refusals, statuses ${JSON.stringify(s.byStatus)}`);
      assert.ok(s.accepted > 0 && s.takenBack > 0, 'the cases reached the bucket, both ways');
      assert.deepEqual(s3.uploads(), [], 'no incomplete multipart upload on the server');
    });
  });
}
