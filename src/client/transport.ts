import { Readable } from 'node:stream';
import type FormData from 'form-data';
import { CeisaHttpError, CeisaNetworkError } from './errors.ts';

export interface TransportOptions {
  baseUrl: string;
  /** per attempt, ms (default 30 s) */
  timeoutMs?: number;
  /** extra attempts on network errors and 5xx (never on 4xx); default 3 */
  retries?: number;
  /** first backoff delay, doubled per attempt with jitter; default 200 ms */
  backoffMs?: number;
  fetch?: typeof fetch;
}

export interface RawRequest {
  method: string;
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  headers?: Record<string, string>;
  json?: unknown;
  /** a multipart form; rebuilt per attempt by the factory (a stream is consumed once) */
  form?: () => FormData;
  /** bytes sent so far / total (total undefined when unknown) */
  onProgress?: (sent: number, total: number | undefined) => void;
}

export interface RawResponse {
  status: number;
  headers: Headers;
  body: unknown;
  bytes?: Buffer;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** fetch with timeouts, retries with exponential backoff on network errors and 5xx, JSON and multipart bodies. */
export class Transport {
  readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly backoffMs: number;
  private readonly fetchImpl: typeof fetch;

  constructor(o: TransportOptions) {
    this.baseUrl = o.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = o.timeoutMs ?? 30_000;
    this.retries = o.retries ?? 3;
    this.backoffMs = o.backoffMs ?? 200;
    this.fetchImpl = o.fetch ?? fetch;
  }

  url(path: string, query?: RawRequest['query']): string {
    const u = new URL(this.baseUrl + path);
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) u.searchParams.set(k, String(v));
    return u.toString();
  }

  async send(req: RawRequest, opts: { binary?: boolean } = {}): Promise<RawResponse> {
    const url = this.url(req.path, req.query);
    let lastErr: unknown;
    for (let attempt = 0; attempt <= this.retries; attempt++) {
      if (attempt > 0) await sleep(this.backoffMs * 2 ** (attempt - 1) * (0.75 + Math.random() / 2));
      const ac = new AbortController();
      const timer = setTimeout(() => ac.abort(new Error(`timed out after ${this.timeoutMs} ms`)), this.timeoutMs);
      try {
        const init: RequestInit & { duplex?: 'half' } = { method: req.method, headers: { ...(req.headers ?? {}) }, signal: ac.signal };
        if (req.json !== undefined) {
          (init.headers as Record<string, string>)['content-type'] = 'application/json';
          init.body = JSON.stringify(req.json);
        } else if (req.form) {
          const form = req.form();
          const total = await new Promise<number | undefined>((resolve) => form.getLength((err, n) => resolve(err ? undefined : n)));
          Object.assign(init.headers as Record<string, string>, form.getHeaders());
          if (total !== undefined) (init.headers as Record<string, string>)['content-length'] = String(total);
          let sent = 0;
          form.on('data', (c: Buffer | string) => {
            sent += typeof c === 'string' ? Buffer.byteLength(c) : c.length;
            req.onProgress?.(sent, total);
          });
          init.body = Readable.toWeb(form as unknown as Readable) as unknown as BodyInit;
          init.duplex = 'half';
        }
        const res = await this.fetchImpl(url, init);
        const buf = Buffer.from(await res.arrayBuffer());
        const type = res.headers.get('content-type') ?? '';
        let body: unknown = buf;
        if (!opts.binary || /json/.test(type)) {
          const text = buf.toString('utf8');
          try {
            body = text ? JSON.parse(text) : null;
          } catch {
            body = text;
          }
        }
        if (res.status >= 500 && attempt < this.retries) {
          lastErr = new CeisaHttpError(res.status, body, req.method, url);
          continue;
        }
        return { status: res.status, headers: res.headers, body, bytes: opts.binary ? buf : undefined };
      } catch (err) {
        lastErr = err;
        if (attempt === this.retries) break;
      } finally {
        clearTimeout(timer);
      }
    }
    if (lastErr instanceof CeisaHttpError) throw lastErr;
    throw new CeisaNetworkError(`${req.method} ${url} failed: ${(lastErr as Error)?.message ?? lastErr}`, { cause: lastErr });
  }
}
