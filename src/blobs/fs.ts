import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertKey, type BlobStore, type PutResult } from './store.ts';

const PARTIAL = '.partial';

/** Blobs as files under one root; writes go to `<root>/.partial/` first and are renamed in. */
export class FsBlobStore implements BlobStore {
  readonly kind = 'fs' as const;
  constructor(private readonly root: string) {
    fs.mkdirSync(path.join(root, PARTIAL), { recursive: true });
  }

  private file(key: string): string {
    return path.join(this.root, ...assertKey(key).split('/'));
  }

  async put(key: string, body: Readable | Buffer, _opts?: { contentType?: string }): Promise<PutResult> {
    const dest = this.file(key);
    const tmp = path.join(this.root, PARTIAL, randomUUID());
    let size = 0;
    const source = Buffer.isBuffer(body) ? Readable.from([body]) : body;
    source.on('data', (c: Buffer) => (size += c.length));
    // 1 MiB of buffering: the writes of a streamed upload go out batched (writev) rather than one thread-pool round trip per 64 KiB chunk
    const out = fs.createWriteStream(tmp, { flags: 'wx', highWaterMark: 1024 * 1024 });
    try {
      await pipeline(source, out);
      await fsp.mkdir(path.dirname(dest), { recursive: true });
      await fsp.rename(tmp, dest);
    } catch (err) {
      // the file is opened asynchronously: a source that fails at once (a cut-off upload) can
      // reject the pipeline before the open, which then still creates the file. Wait for the
      // stream to close before removing it, or an empty partial file stays behind.
      if (!out.closed) await new Promise<void>((resolve) => out.once('close', () => resolve()));
      await fsp.rm(tmp, { force: true });
      throw err;
    }
    return { key, size };
  }

  async get(key: string): Promise<Readable | null> {
    const file = this.file(key);
    try {
      const handle = await fsp.open(file, 'r');
      return handle.createReadStream();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    await fsp.rm(this.file(key), { force: true });
  }

  async list(prefix: string): Promise<string[]> {
    const out: string[] = [];
    const walk = async (dir: string, rel: string): Promise<void> => {
      let entries: fs.Dirent[];
      try {
        entries = await fsp.readdir(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) {
        if (e.name === PARTIAL) continue;
        const r = rel ? `${rel}/${e.name}` : e.name;
        if (e.isDirectory()) await walk(path.join(dir, e.name), r);
        else if (r.startsWith(prefix)) out.push(r);
      }
    };
    await walk(this.root, '');
    return out.sort();
  }

  async health(): Promise<boolean> {
    try {
      await fsp.access(path.join(this.root, PARTIAL), fs.constants.W_OK);
      return true;
    } catch {
      return false;
    }
  }

  async pending(): Promise<string[]> {
    return (await fsp.readdir(path.join(this.root, PARTIAL)).catch(() => [] as string[])).sort();
  }

  async sweep(_graceMs?: number): Promise<number> {
    const dir = path.join(this.root, PARTIAL);
    const names = await fsp.readdir(dir).catch(() => [] as string[]);
    await Promise.all(names.map((n) => fsp.rm(path.join(dir, n), { force: true })));
    return names.length;
  }
}
