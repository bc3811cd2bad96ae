import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../context.ts';
import { endpoint, type Endpoint } from '../http/registry.ts';
import { ApiError } from '../http/errors.ts';
import { bearerToken } from '../http/auth.ts';
import { TokenError } from './tokens.ts';
import { verifyPassword } from './passwords.ts';

const LOGIN_PATHS = ['/v1/openapi-auth/user/login', '/nle-oauth/v1/user/login'];
const REFRESH_PATHS = ['/v1/openapi-auth/user/update-token', '/nle-oauth/v1/user/update-token'];

const TokenItem = Type.Object({
  access_token: Type.String(),
  expires_in: Type.Integer(),
  refresh_expires_in: Type.Integer(),
  refresh_token: Type.String(),
  token_type: Type.Literal('bearer'),
  id_token: Type.String(),
  'not-before-policy': Type.Integer(),
  session_state: Type.String(),
  scope: Type.String(),
});
const TokenAnswer = Type.Object({ status: Type.Literal('success'), message: Type.String(), item: TokenItem });
const Failure = Type.Object({ status: Type.Literal('failed'), message: Type.String(), item: Type.Null() });

/** A fresh access/refresh/id token set for one session of a user. */
async function issueSession(ctx: AppContext, user: { id: string; company_id: string; username: string }, npwp: string, sid: string, message: string) {
  const now = Math.floor(Date.now() / 1000);
  const claims = { sub: user.id, cid: user.company_id, sid, username: user.username, npwp };
  const access = await ctx.tokens.issue('Bearer', claims, now);
  const refresh = await ctx.tokens.issue('Refresh', claims, now);
  const id = await ctx.tokens.issue('ID', claims, now);
  await ctx.accounts.saveRefresh(refresh.jti, user.id, new Date(refresh.exp * 1000));
  return {
    status: 'success' as const,
    message,
    item: {
      access_token: access.token,
      expires_in: ctx.tokens.accessTtlSec,
      refresh_expires_in: ctx.tokens.refreshTtlSec,
      refresh_token: refresh.token,
      token_type: 'bearer' as const,
      id_token: id.token,
      'not-before-policy': 0,
      session_state: sid,
      scope: 'openid profile email offline_access',
    },
  };
}

export const authEndpoints: Endpoint[] = [
  endpoint({
    method: 'POST',
    paths: LOGIN_PATHS,
    family: 'auth',
    auth: 'none',
    summary: 'Request an access token (username/password of the company user)',
    tags: ['Authentication'],
    schema: {
      body: Type.Object({ username: Type.String({ minLength: 1 }), password: Type.String({ minLength: 1 }) }),
      response: { 200: TokenAnswer, 401: Failure },
    },
    async handler(req, _reply, ctx) {
      const user = await ctx.accounts.findUserByName(req.body.username);
      // Verify against a dummy hash for unknown users too, so timing does not reveal who exists.
      const ok = await verifyPassword(req.body.password, user?.password_hash ?? DUMMY_HASH);
      if (!user || !ok) throw new ApiError(401, 'Username atau password salah');
      const tenant = await ctx.accounts.tenantOf(user.id);
      return issueSession(ctx, user, tenant!.npwp, randomUUID(), 'Berhasil masuk ke SSO BeaCukai');
    },
  }),
  endpoint({
    method: 'POST',
    paths: REFRESH_PATHS,
    family: 'auth',
    auth: 'refresh',
    summary: 'Exchange a refresh token (Authorization: Bearer <refresh_token>) for a new token set',
    tags: ['Authentication'],
    schema: { response: { 200: TokenAnswer, 401: Failure } },
    async handler(req, _reply, ctx) {
      const token = bearerToken(req);
      if (!token) throw new ApiError(401, 'Refresh token tidak disertakan');
      let claims;
      try {
        claims = await ctx.tokens.verify(token, 'Refresh', Math.floor(Date.now() / 1000));
      } catch (err) {
        if (err instanceof TokenError) throw new ApiError(401, err.reason === 'expired' ? 'Refresh token sudah kedaluwarsa' : 'Refresh token tidak valid');
        throw err;
      }
      if (!(await ctx.accounts.consumeRefresh(claims.jti, new Date()))) throw new ApiError(401, 'Refresh token sudah digunakan');
      const tenant = await ctx.accounts.tenantOf(claims.sub);
      if (!tenant) throw new ApiError(401, 'Refresh token tidak valid');
      const user = { id: tenant.userId, company_id: tenant.companyId, username: tenant.username };
      return issueSession(ctx, user, tenant.npwp, claims.sid, 'Berhasil memperbarui token');
    },
  }),
];

// scrypt hash of a random password nobody knows; used only to spend the same time on unknown users.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
