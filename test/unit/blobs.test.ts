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
    fs.writeFileSync(path.join(dir, '.partial', 'leftover'), 'x');
    assert.equal(await store.sweep(), 1);
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
    const down = new S3BlobStore({ ...s3.config, bucket: 'no-such-bucket' });
    assert.equal(await down.health(), false);
    down.destroy();
  } finally {
    store.destroy();
    await s3.stop();
  }
});
