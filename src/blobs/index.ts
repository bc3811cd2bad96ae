import path from 'node:path';
import type { Readable } from 'node:stream';
import type { Config, S3Config } from '../config.ts';
import { FsBlobStore } from './fs.ts';
import type { BlobStore, PutResult } from './store.ts';

export type { BlobStore, PutResult } from './store.ts';
export { assertKey, BlobKeyError } from './store.ts';

/**
 * The S3 store, its SDK loaded on first use: the AWS SDK is hundreds of modules, about half a
 * second of CPU at every start (bench/README.md, cold-start) for servers that never use S3.
 */
class LazyS3BlobStore implements BlobStore {
  readonly kind = 's3' as const;
  private store?: Promise<BlobStore>;
  constructor(private readonly cfg: S3Config) {}
  private s(): Promise<BlobStore> {
    return (this.store ??= import('./s3.ts').then((m) => new m.S3BlobStore(this.cfg)));
  }
  async put(key: string, body: Readable | Buffer, opts?: { contentType?: string }): Promise<PutResult> {
    return (await this.s()).put(key, body, opts);
  }
  async get(key: string): Promise<Readable | null> {
    return (await this.s()).get(key);
  }
  async delete(key: string): Promise<void> {
    return (await this.s()).delete(key);
  }
  async list(prefix: string): Promise<string[]> {
    return (await this.s()).list(prefix);
  }
  async health(): Promise<boolean> {
    return (await this.s()).health();
  }
  async pending(): Promise<string[]> {
    return (await this.s()).pending();
  }
  async sweep(graceMs?: number): Promise<number> {
    return (await this.s()).sweep(graceMs);
  }
}

export function openBlobStore(config: Pick<Config, 's3' | 'dataDir'>): BlobStore {
  if (config.s3) return new LazyS3BlobStore(config.s3);
  return new FsBlobStore(path.join(config.dataDir, 'blobs'));
}
