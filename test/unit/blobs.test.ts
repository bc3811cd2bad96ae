import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { FsBlobStore } from '../../src/blobs/fs.ts';
import { S3BlobStore } from '../../src/blobs/s3.ts';
import type { BlobStore } from '../../src/blobs/store.ts';
import { startS3 } from '../helpers/s3.ts';
import { S3Client, CreateMultipartUploadCommand, UploadPartCommand } from '@aws-sdk/client-s3';

async function text(s: Readable | null): Promise<string | null> {
  if (!s) return null;
  const chunks: Buffer[] = [];
  for await (const c of s) chunks.push(Buffer.from(c));
  return Buffer.concat(chunks).toString();
}

function failing(after: Buffer): Readable {
  let sent = false;
  return new Readable({
    read() {
      if (!sent) {
        sent = true;
        this.push(after);
      } else this.destroy(new Error('client went away'));
    },
  });
}

async function contract(store: BlobStore): Promise<void> {
  const r = await store.put('a/b/one.bin', Readable.from([Buffer.from('hello '), Buffer.from('world')]));
  assert.deepEqual(r, { key: 'a/b/one.bin', size: 11 });
  assert.equal(await text(await store.get('a/b/one.bin')), 'hello world');
  assert.equal(await store.get('a/b/missing'), null);
  await store.put('a/c/two.bin', Buffer.from('2'));
  assert.deepEqual(await store.list('a/'), ['a/b/one.bin', 'a/c/two.bin']);
  await assert.rejects(store.put('a/broken.bin', failing(Buffer.alloc(1024, 1))), /client went away/);
  assert.equal(await store.get('a/broken.bin'), null, 'a failed upload leaves nothing under its key');
  assert.deepEqual(await store.list('a/'), ['a/b/one.bin', 'a/c/two.bin']);
  await store.delete('a/b/one.bin');
  assert.equal(await store.get('a/b/one.bin'), null);
  assert.equal(await store.health(), true);
  for (const bad of ['../etc/passwd', '/abs', 'a/../../x', 'UPPER', 'a//b', 'a/b\0c']) {
    await assert.rejects(store.put(bad, Buffer.from('x')), /invalid blob key/, bad);
  }
}

test('filesystem blob store: contract, atomic writes, keys confined to the root', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ceisa40-blobs-'));
  try {
    const store = new FsBlobStore(dir);
    await contract(store);
    assert.deepEqual(await store.pending(), []);
    fs.writeFileSync(path.join(dir, '.partial', 'leftover'), 'x');
    assert.deepEqual(await store.pending(), ['leftover']);
    assert.equal(await store.sweep(), 1);
    assert.deepEqual(await store.pending(), []);
    assert.deepEqual(fs.readdirSync(path.join(dir, '.partial')), []);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('S3 blob store against a real local S3 server: same contract', async () => {
  const s3 = await startS3();
  const store = new S3BlobStore(s3.config);
  try {
    await contract(store);
    const big = Buffer.alloc(6 * 1024 * 1024, 7);
    const r = await store.put('big/six-mib.bin', Readable.from([big.subarray(0, 3_000_000), big.subarray(3_000_000)]));
    assert.equal(r.size, big.length);
    const back = await text(await store.get('big/six-mib.bin'));
    assert.equal(back?.length, big.length);
    assert.deepEqual(s3.uploads(), [], 'a completed multipart upload leaves no parts');
    await assert.rejects(store.put('big/broken.bin', failing(big)), /client went away/);
    assert.equal(await store.get('big/broken.bin'), null);
    assert.deepEqual(s3.uploads(), [], 'a failed multipart upload is aborted: no parts left');
    const down = new S3BlobStore({ ...s3.config, bucket: 'no-such-bucket' });
    assert.equal(await down.health(), false);
    down.destroy();
  } finally {
    store.destroy();
    await s3.stop();
  }
});

test('S3 blob store sweep: aborts incomplete multipart uploads older than the grace period, page after page; young ones stay', async () => {
  const s3 = await startS3('ceisa-test', { listPageSize: 2 });
  const store = new S3BlobStore(s3.config);
  const client = new S3Client({ endpoint: s3.config.endpoint, region: s3.config.region, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
  try {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const key = `xray/c/${i}`;
      const up = await client.send(new CreateMultipartUploadCommand({ Bucket: s3.config.bucket, Key: key }));
      await client.send(new UploadPartCommand({ Bucket: s3.config.bucket, Key: key, UploadId: up.UploadId, PartNumber: 1, Body: Buffer.alloc(1000, i) }));
      ids.push(up.UploadId!);
    }
    // three begun two hours ago (a crashed process's), two just now (another node's, in flight)
    const old = new Date(Date.now() - 2 * 3_600_000);
    for (const id of ids.slice(0, 3)) fs.utimesSync(path.join(s3.uploadsDir, id, 'key'), old, old);
    assert.deepEqual(s3.uploads(), [...ids].sort());
    assert.deepEqual(await store.pending(), ['xray/c/0', 'xray/c/1', 'xray/c/2', 'xray/c/3', 'xray/c/4'], 'every page listed');
    assert.equal(await store.sweep(3_600_000), 3);
    assert.deepEqual(s3.uploads(), ids.slice(3).sort(), 'the young uploads stay');
    assert.deepEqual(await store.pending(), ['xray/c/3', 'xray/c/4']);
    assert.equal(await store.sweep(0), 2);
    assert.deepEqual(s3.uploads(), []);
    assert.deepEqual(await store.pending(), []);
    assert.equal(await store.sweep(0), 0);
  } finally {
    client.destroy();
    store.destroy();
    await s3.stop();
  }
});

test('filesystem blob store: a source that fails at once leaves no partial file, even when the file opens after the failure', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ceisa40-blobs-'));
  try {
    const store = new FsBlobStore(root);
    for (let i = 0; i < 20; i++) {
      const failing = new Readable({ read() { this.destroy(new Error('cut off')); } });
      await assert.rejects(store.put(`k/${i}`, failing), /cut off/);
    }
    await new Promise((r) => setTimeout(r, 50)); // any late open would have created its file by now
    assert.deepEqual(await store.pending(), []);
    assert.deepEqual(await store.list(''), []);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
