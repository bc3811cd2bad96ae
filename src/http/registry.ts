import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Static, TSchema } from '@sinclair/typebox';
import type { AppContext } from '../context.ts';
import type { Family } from './families.ts';
import type { Tenant } from '../auth/repo.ts';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
export const ALL_METHODS: readonly string[] = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'];

export interface Schemas {
  body?: TSchema;
  querystring?: TSchema;
  params?: TSchema;
  headers?: TSchema;
  /** documentation only (OpenAPI): responses are serialized as handlers return them */
  response?: Record<number, TSchema>;
  /**
   * A body published in the OpenAPI document but validated by the handler itself (multipart
   * forms, or bodies with documented leniencies that need more than one schema pass).
   */
  documentedBody?: TSchema;
}

/** Marks a body schema that the route validator skips because the handler validates it. */
export const HANDLER_VALIDATED = 'x-validated-by-handler';

type S<T> = T extends TSchema ? Static<T> : unknown;

export type ApiRequest<Sc extends Schemas> = FastifyRequest<{
  Body: S<Sc['body']>;
  Querystring: S<Sc['querystring']>;
  Params: S<Sc['params']>;
}> & { tenant: Tenant };

/**
 * One endpoint, declared: where it lives, which family shapes its envelopes, how it
 * authenticates, what it accepts, and the thin handler calling domain code. The handler's
 * return value is the body (HTTP 200 unless the handler set another code on `reply`).
 */
export interface Endpoint<Sc extends Schemas = Schemas> {
  method: Method;
  /** every full path the endpoint answers on (e.g. both `/openapi/...` and `/v2/openapi/...`) */
  paths: string[];
  family: Family;
  /** 'api' (default): api key + bearer token; 'none': public; 'refresh': bearer refresh token */
  auth?: 'api' | 'none' | 'refresh';
  summary: string;
  description?: string;
  tags?: string[];
  schema?: Sc;
  /** multipart/form-data endpoint: the handler reads `req.parts()` itself */
  multipart?: boolean;
  bodyLimit?: number;
  handler(req: ApiRequest<Sc>, reply: FastifyReply, ctx: AppContext): Promise<unknown>;
}

/** Declares an endpoint with request types inferred from its schemas. */
export function endpoint<Sc extends Schemas>(def: Endpoint<Sc>): Endpoint {
  return def as unknown as Endpoint;
}

/** Expands a path under each prefix: `under(['/openapi', '/v2/openapi'], '/status')`. */
export function under(prefixes: readonly string[], path: string): string[] {
  return prefixes.map((p) => p + path);
}

export const PABEAN_PREFIXES = ['/openapi', '/v2/openapi'] as const;

export interface RouteConfig {
  family: Family;
  auth: 'api' | 'none' | 'refresh';
  multipart: boolean;
  jsonBody: boolean;
}

function routeSchemas(sc: Schemas | undefined): Omit<Schemas, 'documentedBody'> {
  if (!sc) return {};
  const { documentedBody, ...rest } = sc;
  return documentedBody && !rest.body ? { ...rest, body: { ...documentedBody, [HANDLER_VALIDATED]: true } as TSchema } : rest;
}

/** Mounts endpoints, then answers every other method on their paths with the gateway's 405. */
export function mountEndpoints(app: FastifyInstance, ctx: AppContext, endpoints: Endpoint[]): void {
  const methodsByPath = new Map<string, Set<string>>();
  for (const ep of endpoints) {
    for (const url of ep.paths) {
      const set = methodsByPath.get(url) ?? new Set<string>();
      if (set.has(ep.method)) throw new Error(`endpoint declared twice: ${ep.method} ${url}`);
      set.add(ep.method);
      if (ep.method === 'GET') set.add('HEAD');
      methodsByPath.set(url, set);
      const config: RouteConfig = {
        family: ep.family,
        auth: ep.auth ?? 'api',
        multipart: ep.multipart ?? false,
        jsonBody: Boolean(ep.schema?.body) && !ep.multipart,
      };
      app.route({
        method: ep.method,
        url,
        config,
        bodyLimit: ep.bodyLimit,
        schema: {
          summary: ep.summary,
          description: ep.description,
          tags: ep.tags,
          ...routeSchemas(ep.schema),
          ...(ep.multipart ? { consumes: ['multipart/form-data'] } : {}),
          ...(config.auth === 'api' ? { security: [{ bearer: [], apiKey: [] }] } : config.auth === 'refresh' ? { security: [{ bearer: [] }] } : {}),
        },
        handler: (req, reply) => ep.handler(req as ApiRequest<Schemas>, reply, ctx),
      });
    }
  }
  for (const [url, methods] of methodsByPath) {
    const others = ALL_METHODS.filter((m) => !methods.has(m));
    if (!others.length) continue;
    app.route({
      method: others as Method[],
      url,
      config: { family: 'gateway', auth: 'none', multipart: false, jsonBody: false } satisfies RouteConfig,
      schema: { hide: true } as object,
      handler: async (req, reply) => reply.code(405).send({ Exception: `Method not allowed : ${req.method.toLowerCase()}` }),
    });
  }
}
