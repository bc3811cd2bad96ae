import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorObject } from 'ajv';
import { ApiError } from './errors.ts';
import { errorEnvelope, type Family, type FieldError } from './families.ts';
import type { RouteConfig } from './registry.ts';
import { summarize, toFieldErrors } from './validation.ts';

export function familyOf(req: FastifyRequest): Family {
  const cfg = req.routeOptions?.config as unknown as Partial<RouteConfig> | undefined;
  return cfg?.family ?? 'gateway';
}

/** Turns any error into the route family's envelope; 5xx are logged with their cause. */
export function classify(err: unknown, req: FastifyRequest): { status: number; message: string; errors: FieldError[]; body?: unknown } {
  if (err instanceof ApiError) return { status: err.status, message: err.message, errors: err.errors, body: err.body };
  const fe = err as FastifyError & { validation?: ErrorObject[]; validationContext?: string };
  if (fe.validation) {
    const where = fe.validationContext ?? 'body';
    const prefix = where === 'body' ? '' : `/${where}`;
    const errors = toFieldErrors(fe.validation, prefix);
    return { status: 400, message: summarize(errors, where === 'body' ? 'Request body' : `Request ${where}`), errors };
  }
  switch (fe.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { status: 400, message: `Malformed JSON body: ${fe.message}`, errors: [{ field: '', rule: 'json', message: fe.message }] };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, message: 'Request body is empty but Content-Type is application/json', errors: [{ field: '', rule: 'required', message: 'body is required' }] };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_PARTS_LIMIT':
    case 'FST_FILES_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return { status: 413, message: `Request too large: ${fe.message}`, errors: [] };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return { status: 415, message: `Unsupported Content-Type "${req.headers['content-type'] ?? ''}"`, errors: [] };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { status: 400, message: 'Content-Length does not match the body', errors: [] };
  }
  // the multipart parser (busboy/dicer) throws plain errors on a truncated or broken form
  if (!fe.code && /^(Unexpected end of (multipart data|form)|Malformed part header|Part terminated early|Multipart: Boundary not found)/.test(fe.message ?? '')) {
    return { status: 400, message: `Malformed multipart body: ${fe.message}`, errors: [{ field: '', rule: 'multipart', message: fe.message }] };
  }
  // PostgreSQL refusing text it cannot store (a NUL in a multipart value, bytes invalid in UTF-8)
  if (fe.code === '22021' || fe.code === '22P05') {
    return { status: 400, message: 'Request contains characters that cannot be stored (NUL or invalid UTF-8)', errors: [{ field: '', rule: 'encoding', message: fe.message }] };
  }
  if (fe.code === 'ERR_SYNTAX' || (fe.statusCode === 400 && /Unexpected|JSON/.test(fe.message))) {
    return { status: 400, message: `Malformed JSON body: ${fe.message}`, errors: [] };
  }
  if (databaseUnavailable(err)) {
    return { status: 503, message: 'Service unavailable: the database cannot be reached, try again shortly', errors: [] };
  }
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return { status: fe.statusCode, message: fe.message, errors: [] };
  }
  return { status: 500, message: 'Internal server error', errors: [] };
}

const DB_DOWN_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', 'SQLITE_BUSY']);

/** The database is down, restarting or unreachable (not a fault of the request): HTTP 503. */
export function databaseUnavailable(err: unknown): boolean {
  const e = err as { code?: string; message?: string; errors?: unknown[] } | null;
  if (!e || e instanceof ApiError) return false;
  if (e.code && DB_DOWN_CODES.has(e.code)) return true;
  if (Array.isArray(e.errors) && e.errors.some((x) => databaseUnavailable(x))) return true;
  return /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection terminated unexpectedly)/.test(e.message ?? '');
}

export function errorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  const c = classify(err, req);
  if (c.status >= 500) req.log.error({ err }, 'request failed');
  else req.log.info({ status: c.status, reason: c.message }, 'request refused');
  const family = (err instanceof ApiError && err.family) || familyOf(req);
  if (c.status === 503) void reply.header('retry-after', '1');
  void reply.code(c.status).send(c.body ?? errorEnvelope[family](c.status, c.message, c.errors));
}
