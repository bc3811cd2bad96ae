import type { FastifyRequest } from 'fastify';
import { ApiError } from '../../http/errors.ts';
import { compileRouteSchema, summarize, toFieldErrors } from '../../http/validation.ts';

/**
 * Some pages document a GET with a JSON body (Fastify does not parse GET bodies): this reads
 * and validates it by hand, with the same rules and error shape as a parsed body.
 */
export async function readJsonBody<T>(req: FastifyRequest, schema: object, limit: number): Promise<T> {
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const c of req.raw as AsyncIterable<Buffer>) {
    n += c.length;
    if (n > limit) throw new ApiError(413, `Request too large: the body exceeds ${limit} bytes`);
    chunks.push(c);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text.trim()) throw new ApiError(400, 'Request body is required', [{ field: '', rule: 'required', message: 'body is required' }]);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (err) {
    throw new ApiError(400, `Malformed JSON body: ${(err as Error).message}`, [{ field: '', rule: 'json', message: (err as Error).message }]);
  }
  const validate = compileRouteSchema(schema, 'body');
  if (!validate(body)) {
    const errors = toFieldErrors(validate.errors);
    throw ApiError.badRequest(summarize(errors, 'Request body'), errors);
  }
  return body as T;
}
