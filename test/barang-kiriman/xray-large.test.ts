import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES } from '../helpers/db.ts';
import { testApp } from '../helpers/app.ts';
import { startS3 } from '../helpers/s3.ts';
import { consignment, png, SEED_AJU, SEED_DATA, xrayForm } from './fixtures.ts';

// Images above 5 MiB go to S3 as multipart uploads: a complete one is stored byte for byte,
// one cut off by the size limit is aborted and leaves nothing.
for (const engine of ENGINES) {
  for (const store of ['fs', 's3'] as const) {
    describe(`X-ray large images (${engine}, ${store} blobs)`, () => {
      test('an 8 MiB image is streamed and stored whole; a 10 MiB one over the 9 MiB limit leaves nothing', async () => {
        const s3 = store === 's3' ? await startS3() : undefined;
        const app = await testApp(engine, { ...(s3 ? { s3: s3.config } : {}), upload: { maxFileBytes: 9 * 1024 * 1024, maxFiles: 3 } });
        try {
          const h = await app.login();
          await app.inject({ method: 'POST', url: '/openapi/cnpibk/kirim-data-cnpibk', headers: h, payload: [consignment()] });
          const big = png(2, 2, 8 * 1024 * 1024);
          const f = xrayForm(SEED_DATA, [{ name: 'big.png', bytes: big }]);
          const r = await app.inject({ method: 'POST', url: '/openapi/cnpibk/xray/kirim-foto-xray', headers: { ...h, ...f.headers }, payload: f.payload });
          assert.equal(r.statusCode, 200, r.body);
          const d = await app.inject({ method: 'GET', url: `/openapi/cnpibk/xray/download-foto-xray?nomorAju=${SEED_AJU}&urutan=1`, headers: h });
          assert.ok(d.rawPayload.equals(big));
          const over = xrayForm(SEED_DATA, [{ name: 'ok.png', bytes: png() }, { name: 'over.png', bytes: png(2, 2, 10 * 1024 * 1024) }]);
          const r2 = await app.inject({ method: 'POST', url: '/openapi/cnpibk/xray/add-foto-xray', headers: { ...h, ...over.headers }, payload: over.payload });
          assert.equal(r2.statusCode, 413);
          assert.match((r2.json() as { message: string }).message, /over\.png.*larger than 9437184 bytes/);
          assert.equal((await app.ctx.blobs.list('xray/')).length, 1);
          assert.equal((await app.ctx.db.selectFrom('barkir_xray_photos').select('id').execute()).length, 1);
        } finally {
          await app.close();
          await s3?.stop();
        }
      });
    });
  }
}

describe('X-ray orphan sweep', () => {
  test('photo blobs with no row, older than the grace period, are removed at start; recorded and young ones stay', async () => {
    const { sweepOrphanPhotos } = await import('../../src/services/barang-kiriman/xray/upload.ts');
    const app = await testApp(ENGINES[0]!);
    try {
      const h = await app.login();
      await app.inject({ method: 'POST', url: '/openapi/cnpibk/kirim-data-cnpibk', headers: h, payload: [consignment()] });
      const f = xrayForm(SEED_DATA, [{ name: 'a.png', bytes: png() }]);
      assert.equal((await app.inject({ method: 'POST', url: '/openapi/cnpibk/xray/kirim-foto-xray', headers: { ...h, ...f.headers }, payload: f.payload })).statusCode, 200);
      const old = `xray/x/${(Date.now() - 2 * 3_600_000).toString(36)}-00000000-0000-0000-0000-000000000000`;
      const young = `xray/x/${Date.now().toString(36)}-11111111-1111-1111-1111-111111111111`;
      await app.ctx.blobs.put(old, png());
      await app.ctx.blobs.put(young, png());
      assert.equal(await sweepOrphanPhotos(app.ctx), 1);
      const left = await app.ctx.blobs.list('xray/');
      assert.equal(left.length, 2);
      assert.ok(left.includes(young));
      assert.ok(!left.includes(old));
    } finally {
      await app.close();
    }
  });
});
