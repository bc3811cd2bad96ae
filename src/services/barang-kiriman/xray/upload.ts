import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import type { MultipartFile, MultipartValue, Multipart } from '@fastify/multipart';
import { fileTypeFromBuffer } from 'file-type';
import type { AppContext } from '../../../context.ts';
import { ApiError } from '../../../http/errors.ts';
import { drain, drainRemainingParts } from '../../../http/multipart.ts';

/** An image written to the blob store for this request (not yet recorded in the database). */
export interface StoredImage {
  key: string;
  namaFile: string;
  contentType: string;
  size: number;
}

export interface XrayUpload {
  /** the parsed `data` part (validated by the caller) */
  data: unknown;
  images: StoredImage[];
}

const SNIFF_BYTES = 4100;
const DATA_MAX_BYTES = 64 * 1024;

class TooLarge extends Error {}


async function readSmall(stream: Readable, max: number): Promise<string> {
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const c of stream as AsyncIterable<Buffer>) {
    n += c.length;
    if (n > max) {
      await drain(stream);
      throw ApiError.field('/data', 'maxLength', `the "data" part must be at most ${max} bytes`);
    }
    chunks.push(c);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Streams one `images` part into the blob store under a server-generated key: the first bytes
 * are sniffed (they must be an image by content, whatever the client's content type or file
 * name say), then head and rest flow to the store chunk by chunk. A part over the size limit
 * fails the stream, so the store keeps nothing for it.
 */
async function storeImage(ctx: AppContext, companyId: string, part: MultipartFile, index: number): Promise<StoredImage> {
  const label = `images part ${index + 1}${part.filename ? ` ("${part.filename}")` : ''}`;
  const iter = (part.file as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let headLen = 0;
  let ended = false;
  while (headLen < SNIFF_BYTES) {
    const r = await iter.next();
    if (r.done) {
      ended = true;
      break;
    }
    head.push(r.value);
    headLen += r.value.length;
  }
  const headBuf = Buffer.concat(head);
  const field = `/images/${index}`;
  if (part.file.truncated) throw new TooLarge(label);
  if (!headBuf.length) throw ApiError.field(field, 'minLength', `${label} is empty`);
  const type = await fileTypeFromBuffer(headBuf);
  if (!type || !type.mime.startsWith('image/')) {
    if (!ended) await drain(part.file);
    throw ApiError.field(field, 'image', `${label} is not an image (its bytes are ${type ? type.mime : 'of no known file type'}); send JPEG, PNG or another image format`);
  }
  // the creation instant in the key lets a start-up sweep tell a crashed request's leftovers from uploads in flight
  const key = `xray/${companyId.toLowerCase()}/${Date.now().toString(36)}-${randomUUID()}`;
  async function* body(): AsyncGenerator<Buffer> {
    yield headBuf;
    if (!ended) {
      for (;;) {
        const r = await iter.next();
        if (r.done) break;
        yield r.value;
      }
    }
    if (part.file.truncated) throw new TooLarge(label);
  }
  const res = await ctx.blobs.put(key, Readable.from(body()), { contentType: type.mime });
  if (part.file.truncated) {
    await ctx.blobs.delete(key).catch(() => {});
    throw new TooLarge(label);
  }
  return { key, namaFile: part.filename || `image${index + 1}.${type.ext}`, contentType: type.mime, size: res.size };
}

/** Deletes what this request wrote: a failed upload leaves no blob. */
export async function discard(ctx: AppContext, images: StoredImage[]): Promise<void> {
  for (const img of images) {
    try {
      await ctx.blobs.delete(img.key);
    } catch (err) {
      ctx.log.error({ err, key: img.key }, 'could not delete a blob of a failed X-ray upload');
    }
  }
}

function parseData(part: MultipartValue | MultipartFile, raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  try {
    return JSON.parse(raw);
  } catch {
    throw ApiError.field('/data', 'json', `the "data" part is not valid JSON${part.mimetype ? ` (content type ${part.mimetype})` : ''}`);
  }
}

/**
 * Reads the X-ray multipart request: one `data` part (JSON) and one or more `images` parts.
 * `onData` runs as soon as the data part is read (to refuse early); images are streamed to
 * the blob store as they arrive. On any failure every blob written so far is deleted.
 */
export async function receiveXray(req: FastifyRequest, ctx: AppContext, companyId: string, onData: (data: unknown) => Promise<unknown>): Promise<XrayUpload & { checked: unknown }> {
  const { maxFileBytes, maxFiles } = ctx.config.upload;
  if (!req.isMultipart()) {
    throw new ApiError(415, `Content-Type must be multipart/form-data (got "${req.headers['content-type'] ?? 'none'}")`);
  }
  const images: StoredImage[] = [];
  let data: unknown;
  let checked: unknown;
  let sawData = false;
  const parts = req.parts({ limits: { fileSize: maxFileBytes, files: maxFiles + 1 } });
  const iterator = parts[Symbol.asyncIterator]();
  try {
    for (;;) {
      const r = await iterator.next();
      if (r.done) break;
      const part = r.value as Multipart;
      if (part.fieldname === 'data') {
        if (sawData) throw ApiError.field('/data', 'maxItems', 'send exactly one "data" part');
        sawData = true;
        const raw = part.type === 'file' ? await readSmall(part.file, DATA_MAX_BYTES) : part.value;
        data = parseData(part, raw);
        checked = await onData(data);
        continue;
      }
      if (part.fieldname === 'images') {
        if (part.type !== 'file') throw ApiError.field(`/images/${images.length}`, 'type', '"images" parts must be files (multipart parts with a filename)');
        if (images.length >= maxFiles) {
          await drain(part.file);
          throw new ApiError(413, `at most ${maxFiles} images per request`, [{ field: '/images', rule: 'maxItems', message: `/images must have at most ${maxFiles} files` }]);
        }
        images.push(await storeImage(ctx, companyId, part, images.length));
        continue;
      }
      if (part.type === 'file') await drain(part.file);
    }
    if (!sawData) throw ApiError.field('/data', 'required', 'the multipart part "data" (application/json: nomorAju, nomorBlAwb, tanggalBlAwb, kodeKantor) is required');
    if (!images.length) throw ApiError.field('/images', 'required', 'at least one "images" part (an image file) is required');
    return { data, images, checked };
  } catch (err) {
    await discard(ctx, images);
    // Read what is left of the request, so the client gets our answer rather than a reset.
    if (err instanceof ApiError) {
      await drainRemainingParts(iterator as AsyncIterator<Multipart>);
    }
    throw mapError(err, maxFileBytes, maxFiles);
  }
}

function mapError(err: unknown, maxFileBytes: number, maxFiles: number): unknown {
  if (err instanceof TooLarge) {
    return new ApiError(413, `${err.message} is larger than ${maxFileBytes} bytes`, [{ field: '/images', rule: 'maxSize', message: `${err.message} exceeds ${maxFileBytes} bytes` }]);
  }
  const code = (err as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return new ApiError(413, `an uploaded file is larger than ${maxFileBytes} bytes`, [{ field: '/images', rule: 'maxSize', message: `files must be at most ${maxFileBytes} bytes` }]);
  if (code === 'FST_FILES_LIMIT') return new ApiError(413, `at most ${maxFiles} images per request`, [{ field: '/images', rule: 'maxItems', message: `/images must have at most ${maxFiles} files` }]);
  if (code === 'FST_INVALID_JSON_FIELD_ERROR') return ApiError.field('/data', 'json', 'the "data" part is not valid JSON (it was sent as application/json)');
  return err;
}

/**
 * Removes photo blobs that no row refers to and that are older than `graceMs`: what a process
 * that died between writing the images and recording them left behind. Uploads in flight on
 * other nodes are younger than the grace period and are left alone.
 */
export async function sweepOrphanPhotos(ctx: AppContext, graceMs = 3_600_000, now = Date.now()): Promise<number> {
  const keys = await ctx.blobs.list('xray/');
  let removed = 0;
  for (let i = 0; i < keys.length; i += 500) {
    const batch = keys.slice(i, i + 500);
    const known = new Set((await ctx.db.selectFrom('barkir_xray_photos').select('blob_key').where('blob_key', 'in', batch).execute()).map((r) => r.blob_key));
    for (const key of batch) {
      if (known.has(key)) continue;
      const stamp = /^xray\/[^/]+\/([0-9a-z]+)-/.exec(key)?.[1];
      const created = stamp ? parseInt(stamp, 36) : NaN;
      if (Number.isFinite(created) && now - created < graceMs) continue;
      await ctx.blobs.delete(key);
      removed++;
    }
  }
  return removed;
}
