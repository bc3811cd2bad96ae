import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { TokenError } from '../auth/tokens.ts';
import { ApiError } from './errors.ts';
import { unauthorizedMessage, type Family } from './families.ts';
import type { RouteConfig } from './registry.ts';
import type { Tenant } from '../auth/repo.ts';

declare module 'fastify' {
  interface FastifyRequest {
    tenant: Tenant;
  }
}

export const GATEWAY_REJECTION = { Exception: ' Unauthorized application request' };

export function bearerToken(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  if (!h) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
  return m ? m[1]! : null;
}

export function apiKeyOf(req: FastifyRequest): string | null {
  const v = req.headers['beacukai-api-key'] ?? req.headers['nle-api-key'];
  const s = Array.isArray(v) ? v[0] : v;
  return s && s.trim() ? s.trim() : null;
}

/**
 * Authenticates an API call as the gateway does: first the application (api key), then the
 * user (bearer access token). Both must belong to the same company. Runs before the body is
 * parsed, so an unauthenticated request is never read.
 */
export async function authenticate(req: FastifyRequest, ctx: AppContext): Promise<void> {
  const cfg = req.routeOptions.config as unknown as RouteConfig;
  const key = apiKeyOf(req);
  const keyCompany = key ? await ctx.accounts.companyOfApiKey(key) : undefined;
  if (!keyCompany) throw new ApiError(401, 'unauthorized application request', [], GATEWAY_REJECTION);
  const tenant = await userOfToken(req, ctx, cfg.family);
  if (tenant.companyId !== keyCompany) throw new ApiError(401, 'api key of another company', [], GATEWAY_REJECTION);
  req.tenant = tenant;
}

export async function userOfToken(req: FastifyRequest, ctx: AppContext, family: Family): Promise<Tenant> {
  const token = bearerToken(req);
  if (!token) throw new ApiError(401, unauthorizedMessage[family]);
  try {
    const claims = await ctx.tokens.verify(token, 'Bearer', Math.floor(Date.now() / 1000));
    const tenant = await ctx.accounts.tenantOf(claims.sub);
    if (!tenant || tenant.companyId !== claims.cid) throw new TokenError('unknown user', 'invalid');
    return tenant;
  } catch (err) {
    if (err instanceof TokenError) {
      req.log.info({ reason: err.reason }, 'bearer token refused');
      throw new ApiError(401, unauthorizedMessage[family]);
    }
    throw err;
  }
}
