import fs from 'node:fs';
import path from 'node:path';
import FormData from 'form-data';
import { Transport, type RawRequest, type RawResponse, type TransportOptions } from './transport.ts';
import { CeisaHttpError } from './errors.ts';
import { sessionFrom, type Session, type TokenItem } from './session.ts';

export interface ClientOptions extends TransportOptions {
  username?: string;
  password?: string;
  /** the beacukai-api-key header */
  apiKey: string;
  /** send the key as `nle-api-key` (older gateway) instead of `beacukai-api-key` */
  legacyApiKeyHeader?: boolean;
  /** customs services prefix: '/openapi' (old) or '/v2/openapi' (current); default '/openapi' */
  pabeanPrefix?: '/openapi' | '/v2/openapi';
  /** login/refresh prefix: '/v1/openapi-auth' (current) or '/nle-oauth/v1' (older); default current */
  authPrefix?: '/v1/openapi-auth' | '/nle-oauth/v1';
  /** refresh this many seconds before the access token expires; default 30 */
  refreshSkewSec?: number;
  /** a stored session to start from */
  session?: Session;
  /** called whenever the session changes (login, refresh) */
  onSession?: (s: Session) => void | Promise<void>;
}

export interface CallOptions {
  query?: RawRequest['query'];
  json?: unknown;
  form?: () => FormData;
  headers?: Record<string, string>;
  onProgress?: RawRequest['onProgress'];
  /** return the raw response instead of throwing on 4xx/5xx */
  raw?: boolean;
  binary?: boolean;
}

/** An image (or any file) for a multipart upload: a path, or bytes/stream with a name. */
export type FileInput = string | { name: string; data: Buffer | NodeJS.ReadableStream; contentType?: string; size?: number };

export function appendFile(form: FormData, field: string, file: FileInput): void {
  if (typeof file === 'string') {
    form.append(field, fs.createReadStream(file), { filename: path.basename(file) });
  } else {
    form.append(field, file.data as Buffer, { filename: file.name, contentType: file.contentType, knownLength: file.size });
  }
}

/**
 * The low-level client: a session (login, refresh before expiry, one re-login on a 401), the
 * api-key header, retries/timeouts (Transport). Area helpers (pabean, xray, ck4, sandbox) are
 * built on `call`.
 */
export class CeisaClientCore {
  readonly transport: Transport;
  readonly opts: ClientOptions;
  session: Session | null;
  private pending: Promise<Session> | null = null;

  constructor(opts: ClientOptions) {
    this.opts = opts;
    this.transport = new Transport(opts);
    this.session = opts.session ?? null;
  }

  get pabeanPrefix(): string {
    return this.opts.pabeanPrefix ?? '/openapi';
  }

  private get authPrefix(): string {
    return this.opts.authPrefix ?? '/v1/openapi-auth';
  }

  /** Logs in with username/password; the answer's item becomes the session. */
  async login(): Promise<Session> {
    if (!this.opts.username || this.opts.password === undefined) throw new Error('login needs username and password');
    const res = await this.transport.send({ method: 'POST', path: `${this.authPrefix}/user/login`, json: { username: this.opts.username, password: this.opts.password } });
    if (res.status !== 200) throw new CeisaHttpError(res.status, res.body, 'POST', this.transport.url(`${this.authPrefix}/user/login`));
    return this.adopt((res.body as { item: TokenItem }).item);
  }

  /** Exchanges the refresh token for a new token set. */
  async refresh(): Promise<Session> {
    if (!this.session) throw new Error('no session to refresh');
    const url = `${this.authPrefix}/user/update-token`;
    const res = await this.transport.send({ method: 'POST', path: url, headers: { authorization: `Bearer ${this.session.refreshToken}` } });
    if (res.status !== 200) throw new CeisaHttpError(res.status, res.body, 'POST', this.transport.url(url));
    return this.adopt((res.body as { item: TokenItem }).item);
  }

  private async adopt(item: TokenItem): Promise<Session> {
    this.session = sessionFrom(item, { baseUrl: this.transport.baseUrl, username: this.opts.username ?? this.session?.username ?? '', apiKey: this.opts.apiKey });
    await this.opts.onSession?.(this.session);
    return this.session;
  }

  /** A valid access token: refreshes shortly before expiry, logs in when the refresh token is gone. */
  async accessToken(): Promise<string> {
    const skew = (this.opts.refreshSkewSec ?? 30) * 1000;
    const s = this.session;
    if (s && s.accessExpiresAt - skew > Date.now()) return s.accessToken;
    this.pending ??= (async () => {
      try {
        if (s && (s.refreshExpiresAt === 0 || s.refreshExpiresAt - skew > Date.now())) {
          try {
            return await this.refresh();
          } catch (err) {
            if (!(err instanceof CeisaHttpError) || !this.opts.username) throw err;
          }
        }
        return await this.login();
      } finally {
        this.pending = null;
      }
    })();
    return (await this.pending).accessToken;
  }

  private async headers(extra?: Record<string, string>): Promise<Record<string, string>> {
    return {
      authorization: `Bearer ${await this.accessToken()}`,
      [this.opts.legacyApiKeyHeader ? 'nle-api-key' : 'beacukai-api-key']: this.opts.apiKey,
      ...(extra ?? {}),
    };
  }

  /** An authenticated call; throws CeisaHttpError on 4xx/5xx unless `raw`. One re-login on a 401. */
  async call<T = unknown>(method: string, path: string, o: CallOptions = {}): Promise<T> {
    const res = await this.callRaw(method, path, o);
    if (res.status >= 400 && !o.raw) throw new CeisaHttpError(res.status, res.body, method, this.transport.url(path, o.query));
    return (o.raw ? res : o.binary ? res.bytes : res.body) as T;
  }

  async callRaw(method: string, path: string, o: CallOptions = {}): Promise<RawResponse> {
    const send = async () =>
      this.transport.send({ method, path, query: o.query, json: o.json, form: o.form, onProgress: o.onProgress, headers: await this.headers(o.headers) }, { binary: o.binary });
    let res = await send();
    if (res.status === 401 && this.opts.username && this.opts.password !== undefined && !isGatewayRejection(res.body)) {
      await this.login();
      res = await send();
    }
    return res;
  }
}

function isGatewayRejection(body: unknown): boolean {
  return Boolean(body && typeof body === 'object' && typeof (body as { Exception?: unknown }).Exception === 'string');
}
