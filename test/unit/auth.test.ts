import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SignJWT } from 'jose';
import { hashPassword, verifyPassword } from '../../src/auth/passwords.ts';
import { TokenService, TokenError } from '../../src/auth/tokens.ts';

test('passwords: scrypt hash verifies the right password only, salted', async () => {
  const h = await hashPassword('rahasia');
  assert.match(h, /^scrypt\$32768\$8\$1\$/);
  assert.equal(await verifyPassword('rahasia', h), true);
  assert.equal(await verifyPassword('Rahasia', h), false);
  assert.notEqual(await hashPassword('rahasia'), h);
  assert.equal(await verifyPassword('x', 'plain-text'), false);
});

const SECRET = 'x'.repeat(40);
const claims = { sub: 'u1', cid: 'c1', sid: 's1' };

test('tokens: access and refresh verify only as their own kind', async () => {
  const t = new TokenService(SECRET, 300, 86400);
  const now = 1_800_000_000;
  const a = await t.issue('Bearer', claims, now);
  const r = await t.issue('Refresh', claims, now);
  assert.equal((await t.verify(a.token, 'Bearer', now)).sub, 'u1');
  assert.equal(a.exp - now, 300);
  assert.equal(r.exp - now, 86400);
  await assert.rejects(t.verify(r.token, 'Bearer', now), (e: TokenError) => e.reason === 'wrong-kind');
  await assert.rejects(t.verify(a.token, 'Refresh', now), (e: TokenError) => e.reason === 'wrong-kind');
});

test('tokens: expired, tampered, foreign-secret and alg:none tokens are refused', async () => {
  const t = new TokenService(SECRET, 300, 86400);
  const now = 1_800_000_000;
  const a = await t.issue('Bearer', claims, now);
  await assert.rejects(t.verify(a.token, 'Bearer', now + 301), (e: TokenError) => e.reason === 'expired');
  const [h, p, s] = a.token.split('.');
  const payload = JSON.parse(Buffer.from(p!, 'base64url').toString());
  const forged = Buffer.from(JSON.stringify({ ...payload, cid: 'c2' })).toString('base64url');
  await assert.rejects(t.verify(`${h}.${forged}.${s}`, 'Bearer', now), (e: TokenError) => e.reason === 'invalid');
  const other = new TokenService('y'.repeat(40), 300, 86400);
  await assert.rejects(t.verify((await other.issue('Bearer', claims, now)).token, 'Bearer', now), (e: TokenError) => e.reason === 'invalid');
  const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${p}.`;
  await assert.rejects(t.verify(none, 'Bearer', now), (e: TokenError) => e.reason === 'invalid');
  const hs = await new SignJWT({ ...payload }).setProtectedHeader({ alg: 'HS512' }).sign(new TextEncoder().encode(SECRET));
  await assert.rejects(t.verify(hs, 'Bearer', now), (e: TokenError) => e.reason === 'invalid');
});
