/** An HTTP answer the client did not expect (4xx/5xx after retries), with the parsed body. */
export class CeisaHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly method: string,
    readonly url: string,
  ) {
    super(`${method} ${url} answered HTTP ${status}: ${CeisaHttpError.describe(body)}`);
  }

  static describe(body: unknown): string {
    if (body && typeof body === 'object') {
      const b = body as Record<string, unknown>;
      const msg = b.message ?? b.Exception ?? (b.desc as Record<string, unknown> | undefined)?.message;
      if (typeof msg === 'string') return msg.trim();
    }
    return typeof body === 'string' ? body.slice(0, 200) : JSON.stringify(body)?.slice(0, 200) ?? '';
  }
}

/** The network failed (connection refused/reset, timeout) and retries ran out. */
export class CeisaNetworkError extends Error {}
