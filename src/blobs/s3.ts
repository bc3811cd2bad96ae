import { Readable } from 'node:stream';
import {
  S3Client,
  GetObjectCommand,
  DeleteObjectCommand,
  ListObjectsV2Command,
  HeadBucketCommand,
  ListMultipartUploadsCommand,
  AbortMultipartUploadCommand,
  NoSuchKey,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { S3Config } from '../config.ts';
import { assertKey, type BlobStore, type PutResult } from './store.ts';

/** Blobs in an S3-compatible bucket (path-style; checksums only when the server requires them). */
export class S3BlobStore implements BlobStore {
  readonly kind = 's3' as const;
  private readonly client: S3Client;
  constructor(private readonly cfg: S3Config) {
    this.client = new S3Client({
      endpoint: cfg.endpoint || undefined,
      region: cfg.region,
      forcePathStyle: true,
      credentials: cfg.accessKeyId ? { accessKeyId: cfg.accessKeyId, secretAccessKey: cfg.secretAccessKey } : undefined,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  private k(key: string): string {
    return this.cfg.prefix + assertKey(key);
  }

  async put(key: string, body: Readable | Buffer, opts?: { contentType?: string }): Promise<PutResult> {
    let size = 0;
    const source = Buffer.isBuffer(body) ? Readable.from([body]) : body;
    source.on('data', (c: Buffer) => (size += c.length));
    // Upload streams in parts (multipart above 5 MiB) and aborts the multipart upload on failure,
    // so a failed source leaves no object behind.
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.cfg.bucket, Key: this.k(key), Body: source, ContentType: opts?.contentType },
      queueSize: 2,
      leavePartsOnError: false,
    });
    await upload.done();
    return { key, size };
  }

  async get(key: string): Promise<Readable | null> {
    try {
      const res = await this.client.send(new GetObjectCommand({ Bucket: this.cfg.bucket, Key: this.k(key) }));
      return res.Body as Readable;
    } catch (err) {
      if (err instanceof NoSuchKey || (err as { name?: string }).name === 'NoSuchKey') return null;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.cfg.bucket, Key: this.k(key) }));
  }

  async list(prefix: string): Promise<string[]> {
    const out: string[] = [];
    let token: string | undefined;
    do {
      const res = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.cfg.bucket, Prefix: this.cfg.prefix + prefix, ContinuationToken: token }),
      );
      for (const o of res.Contents ?? []) if (o.Key) out.push(o.Key.slice(this.cfg.prefix.length));
      token = res.IsTruncated ? res.NextContinuationToken : undefined;
    } while (token);
    return out.sort();
  }

  async health(): Promise<boolean> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.cfg.bucket }));
      return true;
    } catch {
      return false;
    }
  }

  /** The bucket's incomplete multipart uploads under the prefix, page after page. */
  private async *incompleteUploads(): AsyncGenerator<{ key: string; uploadId: string; initiated?: Date }> {
    let keyMarker: string | undefined;
    let uploadIdMarker: string | undefined;
    for (;;) {
      const res = await this.client.send(new ListMultipartUploadsCommand({ Bucket: this.cfg.bucket, Prefix: this.cfg.prefix, KeyMarker: keyMarker, UploadIdMarker: uploadIdMarker }));
      for (const u of res.Uploads ?? []) if (u.Key && u.UploadId) yield { key: u.Key, uploadId: u.UploadId, initiated: u.Initiated };
      if (!res.IsTruncated || (res.NextKeyMarker === keyMarker && res.NextUploadIdMarker === uploadIdMarker)) return;
      keyMarker = res.NextKeyMarker;
      uploadIdMarker = res.NextUploadIdMarker;
    }
  }

  async pending(): Promise<string[]> {
    const out: string[] = [];
    for await (const u of this.incompleteUploads()) out.push(u.key.slice(this.cfg.prefix.length));
    return out.sort();
  }

  /**
   * Aborts the bucket's incomplete multipart uploads (under the prefix) begun at least `graceMs`
   * ago: the parts a process killed in the middle of a large upload left behind. Younger ones may
   * be uploads in flight on another node sharing the bucket and are left alone.
   */
  async sweep(graceMs = 0, now = Date.now()): Promise<number> {
    let removed = 0;
    try {
      for await (const u of this.incompleteUploads()) {
        if (u.initiated && now - u.initiated.getTime() < graceMs) continue;
        try {
          await this.client.send(new AbortMultipartUploadCommand({ Bucket: this.cfg.bucket, Key: u.key, UploadId: u.uploadId }));
          removed++;
        } catch {
          // gone meanwhile, or not allowed: the others are still swept
        }
      }
    } catch {
      // Some S3-compatible servers do not list multipart uploads; nothing (more) to sweep there.
    }
    return removed;
  }

  destroy(): void {
    this.client.destroy();
  }
}
