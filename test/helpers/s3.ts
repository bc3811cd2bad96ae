import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver, { type KoaMiddleware } from 's3rver';
import { freePort } from './server.ts';
import type { S3Config } from '../../src/config.ts';

export interface TestS3 {
  config: S3Config;
  env: Record<string, string>;
  /** s3rver's directory for the bucket's incomplete multipart uploads (one folder per upload) */
  uploadsDir: string;
  /** ids of the incomplete multipart uploads, read from s3rver's directory (not through the API) */
  uploads(): string[];
  stop(): Promise<void>;
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * s3rver (3.7) stores multipart uploads but answers ListMultipartUploads with NotImplemented and
 * AbortMultipartUpload with MethodNotAllowed. These two requests are answered here, per the S3
 * API reference, from s3rver's own upload folders (`<bucket>/._S3rver_uploads/<uploadId>/key`;
 * the `key` file is written at initiation, its mtime is the upload's Initiated time).
 * Path-style requests only, as the blob store sends them.
 */
function multipartUploads(bucket: string, uploadsDir: string, pageSize: number): KoaMiddleware {
  const list = () =>
    (fs.existsSync(uploadsDir) ? fs.readdirSync(uploadsDir) : [])
      .map((id) => {
        const keyFile = path.join(uploadsDir, id, 'key');
        if (!fs.existsSync(keyFile)) return null;
        return { id, key: fs.readFileSync(keyFile, 'utf8'), initiated: fs.statSync(keyFile).mtime };
      })
      .filter((u): u is { id: string; key: string; initiated: Date } => u !== null)
      .sort((a, b) => (a.key === b.key ? (a.id < b.id ? -1 : 1) : a.key < b.key ? -1 : 1));
  return async (ctx, next) => {
    const [, b, ...rest] = ctx.path.split('/');
    if (b !== bucket) return next();
    if (rest.length === 1 && rest[0] === '') rest.pop(); // "/bucket/?uploads"
    const q = ctx.query as Record<string, string | undefined>;
    if (ctx.method === 'GET' && rest.length === 0 && 'uploads' in q) {
      const prefix = q.prefix ?? '';
      const keyMarker = q['key-marker'] ?? '';
      const idMarker = q['upload-id-marker'] ?? '';
      const max = Math.min(Number(q['max-uploads'] ?? pageSize) || pageSize, pageSize);
      const all = list().filter((u) => u.key.startsWith(prefix) && (u.key > keyMarker || (u.key === keyMarker && idMarker !== '' && u.id > idMarker)));
      const page = all.slice(0, max);
      const truncated = all.length > page.length;
      const last = page[page.length - 1];
      ctx.type = 'application/xml';
      ctx.body =
        '<?xml version="1.0" encoding="UTF-8"?>\n<ListMultipartUploadsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
        `<Bucket>${xml(bucket)}</Bucket><KeyMarker>${xml(keyMarker)}</KeyMarker><UploadIdMarker>${xml(idMarker)}</UploadIdMarker>` +
        (truncated && last ? `<NextKeyMarker>${xml(last.key)}</NextKeyMarker><NextUploadIdMarker>${last.id}</NextUploadIdMarker>` : '') +
        `<Prefix>${xml(prefix)}</Prefix><MaxUploads>${max}</MaxUploads><IsTruncated>${truncated}</IsTruncated>` +
        page.map((u) => `<Upload><Key>${xml(u.key)}</Key><UploadId>${u.id}</UploadId><Initiated>${u.initiated.toISOString()}</Initiated><StorageClass>STANDARD</StorageClass></Upload>`).join('') +
        '</ListMultipartUploadsResult>';
      return;
    }
    if (ctx.method === 'DELETE' && rest.length > 0 && typeof q.uploadId === 'string') {
      const key = rest.map((s) => decodeURIComponent(s)).join('/');
      const u = list().find((x) => x.id === q.uploadId && x.key === key);
      if (!u) {
        ctx.status = 404;
        ctx.type = 'application/xml';
        ctx.body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchUpload</Code><Message>The specified upload does not exist.</Message><UploadId>${xml(q.uploadId)}</UploadId></Error>`;
        return;
      }
      fs.rmSync(path.join(uploadsDir, u.id), { recursive: true, force: true });
      ctx.status = 204;
      return;
    }
    return next();
  };
}

/**
 * A real local S3-compatible server (s3rver) with one bucket, for tests of the S3 blob store.
 * `listPageSize` caps a ListMultipartUploads page (to exercise paging).
 */
export async function startS3(bucket = 'ceisa-test', opts: { listPageSize?: number } = {}): Promise<TestS3> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ceisa40-s3-'));
  const port = await freePort();
  const server = new S3rver({ port, address: '127.0.0.1', silent: true, directory: dir, configureBuckets: [{ name: bucket, configs: [] }] });
  const uploadsDir = path.join(dir, bucket, '._S3rver_uploads');
  // first in the chain, before s3rver's router refuses the two requests
  server.middleware.unshift(multipartUploads(bucket, uploadsDir, opts.listPageSize ?? 1000));
  await server.run();
  const config: S3Config = {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    region: 'us-east-1',
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    prefix: '',
  };
  return {
    config,
    env: { S3_ENDPOINT: config.endpoint, S3_BUCKET: bucket, S3_ACCESS_KEY_ID: 'S3RVER', S3_SECRET_ACCESS_KEY: 'S3RVER' },
    uploadsDir,
    uploads: () => (fs.existsSync(uploadsDir) ? fs.readdirSync(uploadsDir).sort() : []),
    async stop() {
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
