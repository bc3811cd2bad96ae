/**
 * The performance fixes of the benchmark issue must not change behaviour: the per-request
 * look-up caches (api key, tenant, company clock) see writes of other connections at once (the
 * admin CLI is another process), and a cached verified token still expires.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES } from '../helpers/db.ts';
import { testApp } from '../helpers/app.ts';
import { openDatabase } from '../../src/store/db.ts';
import { AccountRepo } from '../../src/auth/repo.ts';
import { Clock } from '../../src/lifecycle/clock.ts';
import { TokenService, TokenError } from '../../src/auth/tokens.ts';

for (const engine of ENGINES) {
  test(`read caches (${engine}): a key revoked and a clock moved by another connection take effect on the next request`, async () => {
    const t = await testApp(engine);
    const other = openDatabase({ databaseUrl: t.storage.databaseUrl, sqliteFile: t.config.sqliteFile });
    try {
      const headers = await t.login();
      const url = '/openapi/status?idPerusahaan=012345678901234';
      for (let i = 0; i < 3; i++) assert.equal((await t.inject({ method: 'GET', url, headers })).statusCode, 200, 'warm: key and tenant cached');
      const company = (await t.ctx.accounts.findCompany('012345678901234'))!;
      const before = await t.ctx.clock.now(company.id);

      // another connection (as the admin CLI): move the clock, then revoke the key
      await new Clock(other.db).freeze(company.id, new Date('2030-01-02T03:04:05.000Z'));
      assert.equal((await t.ctx.clock.now(company.id)).toISOString(), '2030-01-02T03:04:05.000Z');
      assert.ok(before.getTime() < Date.parse('2030-01-01'));
      assert.equal(await new AccountRepo(other.db).revokeApiKey('demo-key'), true);
      const refused = await t.inject({ method: 'GET', url, headers });
      assert.equal(refused.statusCode, 401, 'the revoked key is refused at once');

      // this process's own clock writes are seen too
      await t.ctx.clock.reset(company.id);
      assert.ok((await t.ctx.clock.now(company.id)).getTime() < Date.parse('2030-01-01'));
    } finally {
      await other.close();
      await t.close();
    }
  });
}

test('token cache: a verified token, once cached, still expires and keeps its kind', async () => {
  const tokens = new TokenService('x'.repeat(40), 300, 3600);
  const now = Math.floor(Date.now() / 1000);
  const { token } = await tokens.issue('Bearer', { sub: 'u1', cid: 'c1', sid: 's1' }, now);
  assert.equal((await tokens.verify(token, 'Bearer', now)).sub, 'u1');
  assert.equal((await tokens.verify(token, 'Bearer', now + 10)).cid, 'c1', 'served from the cache');
  await assert.rejects(tokens.verify(token, 'Refresh', now + 10), (e: TokenError) => e.reason === 'wrong-kind');
  await assert.rejects(tokens.verify(token, 'Bearer', now + 300), (e: TokenError) => e.reason === 'expired');
  await assert.rejects(tokens.verify(`${token.slice(0, -2)}xx`, 'Bearer', now), (e: TokenError) => e.reason === 'invalid');
});
