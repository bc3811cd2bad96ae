/**
 * Token attacks on one route of every family (picked from allEndpoints(), so new families are
 * covered): expired, tampered, signed with another secret, alg none, a refresh token as an
 * access token and the reverse, a user's token with another company's api key, a forged user.
 * All refused with 401 in the route's envelope (the gateway's for api-key problems), nothing written.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { ENGINES } from '../helpers/db.ts';
import { testApp, type TestApp } from '../helpers/app.ts';
import { TokenService } from '../../src/auth/tokens.ts';
import { unauthorizedMessage } from '../../src/http/families.ts';
import { assertSameSnapshot, envelopeProblem, routes, snapshot } from './harness.ts';

async function hs512(secret: string, claims: Record<string, unknown>): Promise<string> {
  const { SignJWT } = await import('jose');
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS512', typ: 'JWT' }).sign(new TextEncoder().encode(secret));
}

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const decode = (t: string) => JSON.parse(Buffer.from(t.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;

for (const engine of ENGINES) {
  describe(`token attacks (${engine})`, () => {
    let app: TestApp;
    let access: string;
    let refresh: string;
    let other: { headers: Record<string, string>; companyId: string };
    before(async () => {
      app = await testApp(engine);
      const r = await app.inject({ method: 'POST', url: '/v1/openapi-auth/user/login', payload: { username: 'demo', password: 'demo' } });
      access = r.json().item.access_token;
      refresh = r.json().item.refresh_token;
      other = await app.otherCompany();
    });
    after(async () => app?.close());

    const probes = () => {
      const seen = new Set<string>();
      return routes().filter((r) => r.auth === 'api' && !seen.has(r.family) && seen.add(r.family) && r.method === 'GET' && !r.path.includes(':'))
        .concat(routes().filter((r) => r.auth === 'api' && r.method === 'POST' && !r.path.includes(':')).filter((r, i, all) => all.findIndex((x) => x.family === r.family) === i));
    };

    async function attacks(): Promise<[string, Record<string, string>][]> {
      const claims = decode(access);
      const [h, , s] = access.split('.');
      const now = Math.floor(Date.now() / 1000);
      const same = new TokenService(app.config.tokenSecret, 300, 86400);
      const foreign = new TokenService('another-secret-another-secret-another-secret', 300, 86400);
      const base = { sub: String(claims.sub), cid: String(claims.cid), sid: String(claims.sid) };
      return [
        ['expired', { authorization: `Bearer ${(await same.issue('Bearer', base, now - 3600)).token}`, 'beacukai-api-key': 'demo-key' }],
        ['tampered (company id of B, signature of A)', { authorization: `Bearer ${h}.${b64({ ...claims, cid: other.companyId })}.${s}`, 'beacukai-api-key': 'demo-key' }],
        ['tampered (exp extended)', { authorization: `Bearer ${h}.${b64({ ...claims, exp: now + 86400 * 365 })}.${s}`, 'beacukai-api-key': 'demo-key' }],
        ['signed with another secret', { authorization: `Bearer ${(await foreign.issue('Bearer', base, now)).token}`, 'beacukai-api-key': 'demo-key' }],
        ['alg none', { authorization: `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`, 'beacukai-api-key': 'demo-key' }],
        ['alg none, no dot', { authorization: `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}`, 'beacukai-api-key': 'demo-key' }],
        ['HS256 signed with a one-byte key', { authorization: `Bearer ${(await new TokenService('x', 300, 86400).issue('Bearer', base, now)).token}`, 'beacukai-api-key': 'demo-key' }],
        ['alg HS512 with the right secret', { authorization: `Bearer ${await hs512(app.config.tokenSecret, claims)}`, 'beacukai-api-key': 'demo-key' }],
        ['refresh token as access token', { authorization: `Bearer ${refresh}`, 'beacukai-api-key': 'demo-key' }],
        ['a user that does not exist (right secret)', { authorization: `Bearer ${(await same.issue('Bearer', { ...base, sub: randomUUID() }, now)).token}`, 'beacukai-api-key': 'demo-key' }],
        ['A\'s user claiming B\'s company (right secret)', { authorization: `Bearer ${(await same.issue('Bearer', { ...base, cid: other.companyId }, now)).token}`, 'beacukai-api-key': other.headers['beacukai-api-key']! }],
        ['A\'s token with B\'s api key', { authorization: `Bearer ${access}`, 'beacukai-api-key': other.headers['beacukai-api-key']! }],
        ['B\'s token with A\'s api key', { authorization: other.headers.authorization!, 'beacukai-api-key': 'demo-key' }],
        ['no api key', { authorization: `Bearer ${access}` }],
        ['Basic instead of Bearer', { authorization: `Basic ${Buffer.from('demo:demo').toString('base64')}`, 'beacukai-api-key': 'demo-key' }],
      ];
    }

    test('every attack is refused with 401 on a route of every family, nothing written', async () => {
      let n = 0;
      const list = await attacks();
      for (const r of probes()) {
        for (const [name, headers] of list) {
          const s0 = await snapshot(app.ctx);
          const res = await app.inject({ method: r.method as 'GET', url: r.path, headers: { ...headers, ...(r.method === 'POST' ? { 'content-type': 'application/json' } : {}) }, payload: r.method === 'POST' ? '{}' : undefined });
          assert.equal(res.statusCode, 401, `${name} on ${r.method} ${r.path}: ${res.statusCode} ${res.body.slice(0, 200)}`);
          const body = res.json();
          assert.equal(envelopeProblem(r.family, 401, body), null, `${name} on ${r.path}: ${res.body}`);
          if (!('Exception' in body)) assert.ok(JSON.stringify(body).includes(unauthorizedMessage[r.family]), `${name}: ${res.body}`);
          assertSameSnapshot(s0, await snapshot(app.ctx), `${name} on ${r.path}`);
          n++;
        }
      }
      assert.ok(n >= 15 * 7, `probed ${n}`);
      // the genuine token still works
      const ok = await app.inject({ method: 'GET', url: '/sandbox/v1/clock', headers: { authorization: `Bearer ${access}`, 'beacukai-api-key': 'demo-key' } });
      assert.equal(ok.statusCode, 200);
    });

    test('an access token cannot refresh; a refresh token works once; a forged refresh token is refused', async () => {
      const now = Math.floor(Date.now() / 1000);
      const claims = decode(refresh);
      const cases: [string, string][] = [
        ['access token as refresh token', access],
        ['refresh token signed with another secret', (await new TokenService('another-secret-another-secret-another-secret', 300, 86400).issue('Refresh', { sub: String(claims.sub), cid: String(claims.cid), sid: String(claims.sid) }, now)).token],
        ['refresh alg none', `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`],
        ['expired refresh token', (await new TokenService(app.config.tokenSecret, 300, 86400).issue('Refresh', { sub: String(claims.sub), cid: String(claims.cid), sid: String(claims.sid) }, now - 2 * 86400)).token],
      ];
      for (const [name, token] of cases) {
        const s0 = await snapshot(app.ctx);
        const r = await app.inject({ method: 'POST', url: '/v1/openapi-auth/user/update-token', headers: { authorization: `Bearer ${token}` } });
        assert.equal(r.statusCode, 401, `${name}: ${r.body}`);
        assert.equal(envelopeProblem('auth', 401, r.json()), null, `${name}: ${r.body}`);
        assertSameSnapshot(s0, await snapshot(app.ctx), name);
      }
      const first = await app.inject({ method: 'POST', url: '/v1/openapi-auth/user/update-token', headers: { authorization: `Bearer ${refresh}` } });
      assert.equal(first.statusCode, 200, first.body);
      const replay = await app.inject({ method: 'POST', url: '/v1/openapi-auth/user/update-token', headers: { authorization: `Bearer ${refresh}` } });
      assert.equal(replay.statusCode, 401, replay.body);
    });
  });
}
