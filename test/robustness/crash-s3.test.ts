/**
 * Crashes with the S3 blob store: the server (blobs in a bucket of a real local S3 server) is
 * killed with SIGKILL in the middle of an X-ray upload whose first image is stored and whose
 * second, a large one, is halfway through a multipart upload; and after a CK-4 correction, with
 * the dokumen a killed request would have left. After a restart on the same database and bucket:
 * no photo rows, no orphan object, no incomplete multipart upload, and the same upload succeeds
 * whole with every object recorded and every record having its object.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { S3Client, ListObjectsV2Command, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { ENGINES, createTestStorage, type TestStorage } from '../helpers/db.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';
import { startS3, type TestS3 } from '../helpers/s3.ts';
import { consignment, jpeg, png, SEED_AJU, SEED_DATA } from '../barang-kiriman/fixtures.ts';
import { multipart as ck4Form, perbaikanHtParts } from '../cukai/helpers.ts';
import type { Database } from '../../src/store/db.ts';
import { withDatabase } from './harness.ts';

async function until(what: string, cond: () => boolean | Promise<boolean>, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

for (const engine of ENGINES) {
  describe(`kill -9 and restart with the S3 blob store (${engine})`, () => {
    let storage: TestStorage;
    let s3: TestS3;
    let client: S3Client;
    let srv: RunningServer;
    let h: Record<string, string>;
    let env: Record<string, string>;
    /** the bucket's objects, listed through the S3 API */
    const objects = async (prefix = ''): Promise<string[]> => {
      const out: string[] = [];
      let token: string | undefined;
      do {
        const r = await client.send(new ListObjectsV2Command({ Bucket: s3.config.bucket, Prefix: prefix, ContinuationToken: token }));
        for (const o of r.Contents ?? []) out.push(o.Key!);
        token = r.IsTruncated ? r.NextContinuationToken : undefined;
      } while (token);
      return out.sort();
    };
    /** incomplete multipart uploads that have at least one part fully received */
    const uploadsWithAPart = () => s3.uploads().filter((id) => fs.existsSync(path.join(s3.uploadsDir, id, '1.md5')));
    const withDb = <T>(fn: (d: Database) => Promise<T>): Promise<T> => withDatabase(storage, fn);
    const restart = async () => {
      // the compiled build, as `npm start` runs it (a start in a second rather than five)
      srv = await startServer(env, 30_000, { compiled: true });
      const r = await fetch(`${srv.url}/v1/openapi-auth/user/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'demo', password: 'demo' }) });
      h = { authorization: `Bearer ${((await r.json()) as any).item.access_token}`, 'beacukai-api-key': 'demo-key' };
    };
    const kill = async () => {
      srv.proc.kill('SIGKILL');
      await srv.stop();
    };

    before(async () => {
      s3 = await startS3();
      client = new S3Client({ endpoint: s3.config.endpoint, region: s3.config.region, forcePathStyle: true, credentials: { accessKeyId: s3.config.accessKeyId, secretAccessKey: s3.config.secretAccessKey } });
      storage = await createTestStorage(engine);
      // a single node: leftovers of interrupted uploads are swept at once
      env = { CEISA_DATA_DIR: storage.dataDir, CEISA_ORPHAN_GRACE_SEC: '0', ...s3.env, ...(storage.databaseUrl ? { DATABASE_URL: storage.databaseUrl } : {}) };
      await restart();
    });
    after(async () => {
      await srv?.stop();
      client?.destroy();
      await s3?.stop();
      await storage?.cleanup();
    });

    test('killed during an X-ray upload: after restart no photo rows, no orphan object, no incomplete multipart upload; the upload then succeeds whole', async () => {
      const c = await fetch(`${srv.url}/openapi/cnpibk/kirim-data-cnpibk`, { method: 'POST', headers: { ...h, 'content-type': 'application/json' }, body: JSON.stringify([consignment()]) });
      assert.equal(c.status, 200, await c.text());
      assert.deepEqual(await objects(), [], 'the bucket starts empty');
      const small = png(8, 8);
      // above the 5 MiB part size: the store streams it as a multipart upload
      const big = jpeg(8 * 1024 * 1024);
      const boundary = 'crashBoundary';
      const req = http.request(`${srv.url}/openapi/cnpibk/xray/kirim-foto-xray`, { method: 'POST', headers: { ...h, 'content-type': `multipart/form-data; boundary=${boundary}` } });
      req.on('error', () => {}); // the server dies under it
      req.write(`--${boundary}\r\nContent-Disposition: form-data; name="data"\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(SEED_DATA)}\r\n`);
      req.write(`--${boundary}\r\nContent-Disposition: form-data; name="images"; filename="one.png"\r\nContent-Type: image/png\r\n\r\n`);
      req.write(small);
      req.write(`\r\n--${boundary}\r\nContent-Disposition: form-data; name="images"; filename="two.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`);
      req.write(big.subarray(0, 6 * 1024 * 1024)); // the second image is still arriving
      await until('the first image stored and a part of the second uploaded', async () => (await objects('xray/')).length === 1 && uploadsWithAPart().length === 1);
      await kill();
      req.destroy();
      assert.equal((await objects('xray/')).length, 1, 'a complete but unrecorded photo object exists before the restart');
      assert.equal(s3.uploads().length, 1, 'an incomplete multipart upload exists before the restart');

      await restart();
      assert.match(srv.output(), /"swept":1,.*removed leftovers of interrupted uploads/);
      assert.match(srv.output(), /removed X-ray photo blobs left by interrupted requests/);
      assert.deepEqual(s3.uploads(), [], 'the incomplete multipart upload was aborted on start');
      const rows = await withDb((d) => d.db.selectFrom('barkir_xray_photos').select('blob_key').execute());
      assert.deepEqual(rows, [], 'nothing was answered, nothing is recorded');
      assert.deepEqual(await objects('xray/'), [], 'no orphan photo object');
      const get = await fetch(`${srv.url}/openapi/cnpibk/xray/get-foto-xray?${new URLSearchParams(SEED_DATA)}`, { headers: h });
      const gb = (await get.json()) as any;
      assert.notEqual(gb.success, true, JSON.stringify(gb));

      // the same upload again, whole this time
      const form = new FormData();
      form.append('data', new Blob([JSON.stringify(SEED_DATA)], { type: 'application/json' }));
      form.append('images', new Blob([new Uint8Array(small)], { type: 'image/png' }), 'one.png');
      form.append('images', new Blob([new Uint8Array(big)], { type: 'image/jpeg' }), 'two.jpg');
      const again = await fetch(`${srv.url}/openapi/cnpibk/xray/kirim-foto-xray`, { method: 'POST', headers: h, body: form });
      const ab = (await again.json()) as any;
      assert.equal(ab.success, true, JSON.stringify(ab));
      const recorded = await withDb((d) => d.db.selectFrom('barkir_xray_photos').select('blob_key').execute());
      assert.equal(recorded.length, 2);
      assert.deepEqual(await objects('xray/'), recorded.map((r) => r.blob_key).sort(), 'every object is recorded and every record has its object');
      assert.deepEqual(s3.uploads(), [], 'the completed multipart upload left no parts');
      const d = await fetch(`${srv.url}/openapi/cnpibk/xray/download-foto-xray?nomorAju=${SEED_AJU}&urutan=2`, { headers: h });
      assert.equal(d.status, 200);
      assert.ok(Buffer.from(await d.arrayBuffer()).equals(big), 'the large image is stored byte for byte');
    });

    test('a CK-4 dokumen stored in S3 by a request killed before its commit is swept on restart; recorded ones stay', async () => {
      const form = ck4Form(await perbaikanHtParts());
      const r = await fetch(`${srv.url}/portal/ck4/perbaikan-ht`, { method: 'POST', headers: { ...h, ...form.headers }, body: new Uint8Array(form.payload) });
      assert.equal(r.status, 200, await r.text());
      const recorded = await objects('cukai/');
      assert.equal(recorded.length, 1, 'the correction stored its dokumen');
      await kill();
      // what a request killed between storing the file and committing leaves: an object no version refers to
      const orphan = recorded[0]!.replace(/\/v(\d+)-[0-9a-z]+-[0-9a-f-]{36}\.pdf$/, (_m, v) => `/v${Number(v) + 1}-${(Date.now() - 5000).toString(36)}-00000000-0000-4000-8000-000000000000.pdf`);
      assert.notEqual(orphan, recorded[0]);
      const src = await client.send(new GetObjectCommand({ Bucket: s3.config.bucket, Key: recorded[0] }));
      await client.send(new PutObjectCommand({ Bucket: s3.config.bucket, Key: orphan, Body: await src.Body!.transformToByteArray(), ContentType: 'application/pdf' }));
      assert.deepEqual(await objects('cukai/'), [...recorded, orphan].sort());
      await restart();
      assert.match(srv.output(), /removed CK-4 dokumen blobs left by interrupted requests/);
      assert.deepEqual(await objects('cukai/'), recorded, 'the orphan is gone, the recorded dokumen stays');
      const keys = await withDb((d) => d.db.selectFrom('cukai_ck4_versions').select('dokumen_key').where('dokumen_key', 'is not', null).execute());
      assert.deepEqual(keys.map((k) => k.dokumen_key), recorded);
    });
  });
}
