import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { ENGINES, createTestStorage, type TestStorage } from '../helpers/db.ts';
import { startServer, ROOT, type RunningServer } from '../helpers/server.ts';
import { startS3 } from '../helpers/s3.ts';

const JSON_HEADERS = { 'content-type': 'application/json' };

async function call(base: string, method: string, path: string, opts: { headers?: Record<string, string>; body?: string } = {}) {
  const res = await fetch(base + path, { method, headers: opts.headers, body: opts.body });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json: json as Record<string, any>, text };
}

async function login(base: string, path = '/v1/openapi-auth/user/login', username = 'demo', password = 'demo') {
  return call(base, 'POST', path, { headers: JSON_HEADERS, body: JSON.stringify({ username, password }) });
}

for (const engine of ENGINES) {
  describe(`server end to end (${engine})`, () => {
    let storage: TestStorage;
    let srv: RunningServer;
    before(async () => {
      storage = await createTestStorage(engine);
      srv = await startServer({
        CEISA_DATA_DIR: storage.dataDir,
        ...(storage.databaseUrl ? { DATABASE_URL: storage.databaseUrl } : {}),
        CEISA_BODY_LIMIT: '4096',
      });
    });
    after(async () => {
      await srv.stop();
      await storage.cleanup();
    });

    test('sandbox demo is created on first start and logged once', () => {
      assert.match(srv.output(), /sandbox demo created/);
      assert.match(srv.output(), /"apiKey":"demo-key"/);
    });

    test('login on both paths answers the Keycloak-like shape', async () => {
      for (const path of ['/v1/openapi-auth/user/login', '/nle-oauth/v1/user/login']) {
        const r = await login(srv.url, path);
        assert.equal(r.status, 200, r.text);
        assert.equal(r.json.status, 'success');
        assert.equal(r.json.message, 'Berhasil masuk ke SSO BeaCukai');
        const item = r.json.item;
        assert.equal(item.token_type, 'bearer');
        assert.equal(item.expires_in, 300);
        assert.equal(item.refresh_expires_in, 86400);
        for (const k of ['access_token', 'refresh_token', 'id_token', 'session_state', 'scope']) assert.equal(typeof item[k], 'string', k);
        assert.equal(typeof item['not-before-policy'], 'number');
      }
    });

    test('wrong credentials: 401 in the login family shape', async () => {
      const r = await login(srv.url, undefined, 'demo', 'wrong');
      assert.equal(r.status, 401);
      assert.deepEqual(r.json, { status: 'failed', message: 'Username atau password salah', item: null });
      const u = await login(srv.url, undefined, 'nobody', 'demo');
      assert.equal(u.status, 401);
      const missing = await call(srv.url, 'POST', '/v1/openapi-auth/user/login', { headers: JSON_HEADERS, body: '{"username":"demo"}' });
      assert.equal(missing.status, 400);
      assert.equal(missing.json.status, 'failed');
      assert.match(missing.json.message, /\/password is required/);
    });

    test('refresh: a refresh token buys a new set once; reuse and access tokens are refused', async () => {
      const first = (await login(srv.url)).json.item;
      const r1 = await call(srv.url, 'POST', '/v1/openapi-auth/user/update-token', { headers: { authorization: `Bearer ${first.refresh_token}` } });
      assert.equal(r1.status, 200, r1.text);
      assert.equal(r1.json.status, 'success');
      assert.notEqual(r1.json.item.access_token, first.access_token);
      const reuse = await call(srv.url, 'POST', '/v1/openapi-auth/user/update-token', { headers: { authorization: `Bearer ${first.refresh_token}` } });
      assert.equal(reuse.status, 401);
      assert.equal(reuse.json.status, 'failed');
      const r2 = await call(srv.url, 'POST', '/nle-oauth/v1/user/update-token', { headers: { authorization: `Bearer ${r1.json.item.refresh_token}` } });
      assert.equal(r2.status, 200, 'the older path refreshes too');
      const asAccess = await call(srv.url, 'POST', '/v1/openapi-auth/user/update-token', { headers: { authorization: `Bearer ${first.access_token}` } });
      assert.equal(asAccess.status, 401, 'an access token is not a refresh token');
      const none = await call(srv.url, 'POST', '/v1/openapi-auth/user/update-token');
      assert.equal(none.status, 401);
      // and a refresh token is not an access token
      const api = await call(srv.url, 'GET', '/sandbox/v1/clock', { headers: { authorization: `Bearer ${r2.json.item.refresh_token}`, 'beacukai-api-key': 'demo-key' } });
      assert.equal(api.status, 401);
    });

    test('api key: missing or unknown gets the gateway rejection; nle-api-key is accepted', async () => {
      const tok = (await login(srv.url)).json.item.access_token;
      const auth = { authorization: `Bearer ${tok}` };
      const missing = await call(srv.url, 'GET', '/sandbox/v1/clock', { headers: auth });
      assert.equal(missing.status, 401);
      assert.deepEqual(missing.json, { Exception: ' Unauthorized application request' });
      const unknown = await call(srv.url, 'GET', '/sandbox/v1/clock', { headers: { ...auth, 'beacukai-api-key': 'nope' } });
      assert.deepEqual(unknown.json, { Exception: ' Unauthorized application request' });
      const old = await call(srv.url, 'GET', '/sandbox/v1/clock', { headers: { ...auth, 'nle-api-key': 'demo-key' } });
      assert.equal(old.status, 200, old.text);
      const noToken = await call(srv.url, 'GET', '/sandbox/v1/clock', { headers: { 'beacukai-api-key': 'demo-key' } });
      assert.equal(noToken.status, 401);
      assert.equal(noToken.json.error, true, 'the route family envelope');
      const bad = await call(srv.url, 'GET', '/sandbox/v1/clock', { headers: { 'beacukai-api-key': 'demo-key', authorization: 'Bearer abc.def.ghi' } });
      assert.equal(bad.status, 401);
    });

    test('companies are isolated; a token with another company key is refused', async () => {
      const admin = (args: string[]) =>
        spawnSync(process.execPath, ['bin/ceisa40.js', '--json', 'admin', ...args], {
          cwd: ROOT,
          encoding: 'utf8',
          env: { ...process.env, CEISA_DATA_DIR: storage.dataDir, ...(storage.databaseUrl ? { DATABASE_URL: storage.databaseUrl } : {}) },
        });
      const npwp = '987654321098765';
      assert.equal(admin(['company', 'add', '--name', 'PT LAIN', '--npwp', npwp, '--nitku', '9876543210987650000000']).status, 0);
      assert.equal(admin(['user', 'add', '--company', npwp, '--username', 'lain', '--password', 'pw-lain']).status, 0);
      const key = JSON.parse(admin(['key', 'add', '--company', npwp]).stdout).apiKey as string;
      const dup = admin(['company', 'add', '--name', 'PT LAIN', '--npwp', npwp, '--nitku', '9876543210987650000000']);
      assert.equal(dup.status, 1);
      assert.match(dup.stderr, /already exists/);

      const a = { authorization: `Bearer ${(await login(srv.url)).json.item.access_token}`, 'beacukai-api-key': 'demo-key', ...JSON_HEADERS };
      const b = { authorization: `Bearer ${(await login(srv.url, undefined, 'lain', 'pw-lain')).json.item.access_token}`, 'beacukai-api-key': key, ...JSON_HEADERS };
      const frozen = await call(srv.url, 'POST', '/sandbox/v1/clock/freeze', { headers: b, body: JSON.stringify({ at: '2030-01-01T00:00:00Z' }) });
      assert.equal(frozen.status, 200, frozen.text);
      assert.equal((await call(srv.url, 'GET', '/sandbox/v1/clock', { headers: b })).json.now, '2030-01-01T00:00:00.000Z');
      const mine = await call(srv.url, 'GET', '/sandbox/v1/clock', { headers: a });
      assert.equal(mine.json.frozen, false, "B's clock change is not visible to A");
      const mixed = await call(srv.url, 'GET', '/sandbox/v1/clock', { headers: { ...a, 'beacukai-api-key': key } });
      assert.equal(mixed.status, 401);
      assert.deepEqual(mixed.json, { Exception: ' Unauthorized application request' });
    });

    test('404, 405, malformed JSON, wrong content type, oversized body', async () => {
      const h = { authorization: `Bearer ${(await login(srv.url)).json.item.access_token}`, 'beacukai-api-key': 'demo-key' };
      assert.equal((await call(srv.url, 'GET', '/no/such/path')).status, 404);
      const m = await call(srv.url, 'GET', '/v1/openapi-auth/user/login');
      assert.equal(m.status, 405);
      assert.deepEqual(m.json, { Exception: 'Method not allowed : get' });
      assert.deepEqual((await call(srv.url, 'PUT', '/sandbox/v1/clock', { headers: h })).json, { Exception: 'Method not allowed : put' });
      const bad = await call(srv.url, 'POST', '/sandbox/v1/clock/advance', { headers: { ...h, ...JSON_HEADERS }, body: '{"by": ' });
      assert.equal(bad.status, 400);
      assert.match(bad.json.message, /Malformed JSON/);
      const type = await call(srv.url, 'POST', '/sandbox/v1/clock/advance', { headers: { ...h, 'content-type': 'text/plain' }, body: 'by=1h' });
      assert.equal(type.status, 415);
      assert.match(type.json.message, /application\/json/);
      const big = await call(srv.url, 'POST', '/sandbox/v1/clock/advance', { headers: { ...h, ...JSON_HEADERS }, body: JSON.stringify({ by: 'x'.repeat(5000) }) });
      assert.equal(big.status, 413);
      assert.equal(big.json.error, true);
      const rule = await call(srv.url, 'POST', '/sandbox/v1/clock/advance', { headers: { ...h, ...JSON_HEADERS }, body: '{"by": true}' });
      assert.equal(rule.status, 400);
      assert.equal(rule.json.errors[0].field, '/by');
      assert.equal((await call(srv.url, 'GET', '/sandbox/v1/clock', { headers: h })).json.offsetMs, 0, 'nothing was written');
    });

    test('healthz, OpenAPI document and the docs page', async () => {
      const h = await call(srv.url, 'GET', '/healthz');
      assert.deepEqual(h.json, { status: 'ok', database: 'up', blobs: 'up', engine, blobStore: 'fs' });
      const doc = await call(srv.url, 'GET', '/openapi.json');
      assert.equal(doc.json.openapi, '3.0.3');
      assert.ok(doc.json.paths['/v1/openapi-auth/user/login'].post);
      assert.ok(doc.json.paths['/nle-oauth/v1/user/update-token'].post);
      const page = await fetch(`${srv.url}/docs`, { redirect: 'follow' });
      assert.equal(page.status, 200);
      assert.match(await page.text(), /swagger/i);
    });

    test('SIGTERM shuts down gracefully', async () => {
      const code = await srv.stop('SIGTERM');
      assert.equal(code, 0);
      assert.match(srv.output(), /shutting down/);
      srv = await startServer({ CEISA_DATA_DIR: storage.dataDir, ...(storage.databaseUrl ? { DATABASE_URL: storage.databaseUrl } : {}) });
      assert.doesNotMatch(srv.output(), /sandbox demo created/, 'the demo is created only once');
    });
  });
}

test('expired access token gets 401 (short lifetime configured)', async () => {
  const storage = await createTestStorage('sqlite');
  const srv = await startServer({ CEISA_DATA_DIR: storage.dataDir, CEISA_ACCESS_TOKEN_TTL: '1' });
  try {
    const item = (await login(srv.url)).json.item;
    assert.equal(item.expires_in, 1);
    const h = { authorization: `Bearer ${item.access_token}`, 'beacukai-api-key': 'demo-key' };
    // (that a fresh token works is shown by every other test; a 1-second token may already have
    // expired on a loaded machine by the time a first call arrives)
    await new Promise((r) => setTimeout(r, 2100));
    const r = await call(srv.url, 'GET', '/sandbox/v1/clock', { headers: h });
    assert.equal(r.status, 401);
    const again = await call(srv.url, 'POST', '/v1/openapi-auth/user/update-token', { headers: { authorization: `Bearer ${item.refresh_token}` } });
    assert.equal(again.status, 200, 'the refresh token outlives the access token');
  } finally {
    await srv.stop();
    await storage.cleanup();
  }
});

test('production mode: refuses to start without a signing secret, creates no demo data', async () => {
  const storage = await createTestStorage('sqlite');
  try {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, CEISA_MODE: 'production', CEISA_DATA_DIR: storage.dataDir, CEISA_TOKEN_SECRET: '', PORT: '0' },
      timeout: 20_000,
    });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /CEISA_TOKEN_SECRET/);
    const srv = await startServer({ CEISA_MODE: 'production', CEISA_DATA_DIR: storage.dataDir, CEISA_TOKEN_SECRET: 'p'.repeat(40) });
    try {
      assert.doesNotMatch(srv.output(), /sandbox demo created/);
      assert.equal((await login(srv.url)).status, 401, 'no demo user in production');
    } finally {
      await srv.stop();
    }
  } finally {
    await storage.cleanup();
  }
});

test('S3 blob store: the server keeps blobs in a real S3-compatible server', async () => {
  const s3 = await startS3();
  const storage = await createTestStorage('sqlite');
  // the compiled build (as `npm start` runs it), where the S3 store is a lazily loaded chunk
  const srv = await startServer({ CEISA_DATA_DIR: storage.dataDir, ...s3.env }, 30_000, { compiled: true });
  try {
    const h = await call(srv.url, 'GET', '/healthz');
    assert.equal(h.status, 200);
    assert.equal(h.json.blobStore, 's3');
    assert.equal(h.json.blobs, 'up');
  } finally {
    await srv.stop();
    await s3.stop();
    await storage.cleanup();
  }
});
