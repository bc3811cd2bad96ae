import { endpoint, type Endpoint } from '../http/registry.ts';

export const healthEndpoints: Endpoint[] = [
  endpoint({
    method: 'GET',
    paths: ['/healthz'],
    family: 'sandbox',
    auth: 'none',
    summary: 'Database and blob store reachability (503 when either is down)',
    tags: ['Operations'],
    async handler(_req, reply, ctx) {
      const [database, blobs] = await Promise.all([ctx.ping(), ctx.blobs.health()]);
      const ok = database && blobs;
      reply.code(ok ? 200 : 503);
      return { status: ok ? 'ok' : 'unhealthy', database: database ? 'up' : 'down', blobs: blobs ? 'up' : 'down', engine: ctx.engine, blobStore: ctx.blobs.kind };
    },
  }),
];
