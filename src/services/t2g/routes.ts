import { Type } from '@sinclair/typebox';
import { endpoint, type Endpoint } from '../../http/registry.ts';
import type { AppContext } from '../../context.ts';
import { T2gService } from './service.ts';

const services = new WeakMap<AppContext, T2gService>();
function svc(ctx: AppContext): T2gService {
  let s = services.get(ctx);
  if (!s) services.set(ctx, (s = new T2gService(ctx)));
  return s;
}

const TAGS = ['Third-party gateway (T2G) log API'];
const edinumber = Type.String({ minLength: 1, description: 'T2G customer identity (required, not otherwise checked: the tenant is the bearer token\'s company)' });
const car = Type.String({ minLength: 1, description: 'Aju number (nomorAju)' });

/** Seed 002: a third-party gateway's status/response log API over the customs lifecycle. */
export const t2gEndpoints: Endpoint[] = [
  endpoint({
    method: 'POST',
    paths: ['/api/getlog/statusrespon'],
    family: 't2g',
    summary: 'Response & Status logs by Aju (statuses and responses of one document)',
    tags: TAGS,
    schema: { body: Type.Object({ edinumber, car, kode_dokumen: Type.String({ minLength: 1, description: 'Document code (kodeDokumen), e.g. 20, 30' }) }) },
    handler: async (req, _reply, ctx) => svc(ctx).statusRespon(req.tenant, req.body.car, req.body.kode_dokumen),
  }),
  endpoint({
    method: 'POST',
    paths: ['/getresbycar/bc30'],
    family: 't2g',
    summary: 'Get Response by CAR Number (responses with headers, PDF and res_encode)',
    tags: TAGS,
    schema: { body: Type.Object({ edinumber, car }) },
    handler: async (req, _reply, ctx) => svc(ctx).responsesByCar(req.tenant, req.body.car),
  }),
];
