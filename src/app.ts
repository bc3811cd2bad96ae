import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { Config } from './config.ts';
import type { AppContext } from './context.ts';
import { authEndpoints } from './auth/routes.ts';
import { clockEndpoints } from './lifecycle/routes.ts';
import { healthEndpoints } from './health/routes.ts';
import { areas } from './services/index.ts';
import { openCore } from './core.ts';
import type { Database } from './store/db.ts';
import { mountEndpoints, type Endpoint, type RouteConfig } from './http/registry.ts';
import { compileRouteSchema, findInTree, nonFinite } from './http/validation.ts';
import { errorHandler } from './http/error-handler.ts';
import { authenticate } from './http/auth.ts';
import { ApiError } from './http/errors.ts';
import { errorEnvelope, type Family } from './http/families.ts';

export interface BuiltApp {
  app: FastifyInstance;
  ctx: AppContext;
  database: Database;
}

/** The family of the route a raw URL path belongs to (`:param` matching any segment); gateway when none. */
function familyOfPath(url: string): Family {
  const p = url.split('?')[0] ?? '';
  for (const ep of allEndpoints()) {
    for (const path of ep.paths) {
      const re = new RegExp('^' + path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:\w+/g, '[^/]+') + '/?$');
      if (re.test(p)) return ep.family;
    }
  }
  return 'gateway';
}

function routerError(err: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  const family = familyOfPath(req.raw.url ?? '');
  const [status, message] =
    err.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? [414, 'Request-URI Too Long: a path parameter is longer than 2048 characters']
      : err.code === 'FST_ERR_BAD_URL'
        ? [400, 'Malformed request path: invalid percent-encoding']
        : [400, `Malformed request: ${err.message}`];
  req.log.info({ status, reason: message }, 'request refused');
  void reply.code(status).send(family === 'gateway' ? { Exception: message } : errorEnvelope[family](status, message, []));
}

/** The JSON pointer of the first string (value or key) containing U+0000, or null. Iterative: deep bodies cannot overflow the stack. */
export function findNul(value: unknown, root: string): string | null {
  return findInTree(value, (v) => typeof v === 'string' && v.includes('\u0000'), root);
}

export function allEndpoints(): Endpoint[] {
  return [...healthEndpoints, ...authEndpoints, ...clockEndpoints, ...areas.flatMap((a) => a.endpoints)];
}

/** Builds the HTTP app from a config: opens storage, migrates, seeds the sandbox demo. Does not listen. */
export async function buildApp(config: Config, opts: { logger?: FastifyServerOptions['logger'] } = {}): Promise<BuiltApp> {
  const app = Fastify({
    logger: opts.logger ?? { level: config.logLevel },
    bodyLimit: config.bodyLimitBytes,
    // path parameters carry lists (e.g. 25 comma-separated nomorAju in GET /status/{nomorAju})
    routerOptions: { maxParamLength: 2048 },
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    return503OnClosing: true,
    forceCloseConnections: false,
    // a path the router cannot take apart (bad percent-encoding, an over-long parameter) is
    // refused in the envelope of the family its path belongs to, naming the problem
    frameworkErrors: (err, req, reply) => routerError(err, req, reply),
  });
  const { ctx, database, close } = await openCore(config, app.log);
  app.addHook('onClose', close);

  // Bodies are validated without coercion; responses go out exactly as handlers build them.
  app.setValidatorCompiler(({ schema, httpPart }) => compileRouteSchema(schema, httpPart));
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((req, reply) => {
    void reply.code(404).send({ Exception: `No resources match requested URI : ${req.method} ${req.url.split('?')[0]}` });
  });

  await app.register(multipart, {
    limits: { fileSize: config.upload.maxFileBytes, files: config.upload.maxFiles, fields: 50, parts: config.upload.maxFiles + 50, fieldSize: 1024 * 1024 },
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'ceisa40 — CEISA 4.0 host-to-host API', version: '0.1.0', description: 'Sandbox implementation of the PIA-CEISA40 catalogue.' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
          apiKey: { type: 'apiKey', in: 'header', name: 'beacukai-api-key' },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  // Authentication before anything is parsed; JSON routes insist on a JSON content type.
  app.addHook('onRequest', async (req) => {
    const cfg = req.routeOptions.config as unknown as Partial<RouteConfig>;
    if (cfg?.auth === 'api') await authenticate(req, ctx);
  });
  app.addHook('preValidation', async (req) => {
    const cfg = req.routeOptions.config as unknown as Partial<RouteConfig>;
    // U+0000 cannot be stored by PostgreSQL (and is never meaningful in this API): refused on
    // both engines alike, naming the field, before any handler sees it
    const nul = findNul(req.params, '/params') ?? findNul(req.query, '/querystring') ?? (!cfg?.multipart && req.body !== null && typeof req.body === 'object' ? findNul(req.body, '') : null);
    if (nul !== null) throw new ApiError(400, `${nul || '(body)'} contains the NUL character (U+0000)`, [{ field: nul, rule: 'noNul', message: `${nul || '(body)'} contains the NUL character (U+0000)` }]);
    // 1e309 parses to Infinity (and would be stored as null): refused on bodies that routes read without a route schema too
    const inf = !cfg?.multipart && req.body !== null && typeof req.body === 'object' ? nonFinite(req.body) : null;
    if (inf !== null) throw new ApiError(400, `${inf || '(body)'} must be a finite number`, [{ field: inf, rule: 'type', message: `${inf || '(body)'} must be a finite number` }]);
    if (!cfg?.jsonBody || req.method === 'GET') return;
    const type = String(req.headers['content-type'] ?? '');
    if (req.body !== undefined && !/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
      throw new ApiError(415, `Content-Type must be application/json (got "${type || 'none'}")`);
    }
  });

  mountEndpoints(app, ctx, allEndpoints());
  app.get('/openapi.json', { schema: { hide: true } as object }, async () => app.swagger());
  return { app, ctx, database };
}
