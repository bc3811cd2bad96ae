import path from 'node:path';
import type { Config } from '../config.ts';
import { FsBlobStore } from './fs.ts';
import { S3BlobStore } from './s3.ts';
import type { BlobStore } from './store.ts';

export type { BlobStore, PutResult } from './store.ts';
export { assertKey, BlobKeyError } from './store.ts';

export function openBlobStore(config: Pick<Config, 's3' | 'dataDir'>): BlobStore {
  if (config.s3) return new S3BlobStore(config.s3);
  return new FsBlobStore(path.join(config.dataDir, 'blobs'));
}
