import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestStorage } from '../helpers/db.ts';
import { startServer } from '../helpers/server.ts';
import { CeisaClientCore } from '../../src/client/client.ts';
import type { Session } from '../../src/client/session.ts';

test('client session: login, refresh across an expiry, re-login after a refused token, api key header', async () => {
  const storage = await createTestStorage('sqlite');
  const srv = await startServer({ CEISA_DATA_DIR: storage.dataDir, CEISA_ACCESS_TOKEN_TTL: '2' });
  try {
    const sessions: Session[] = [];
    const c = new CeisaClientCore({ baseUrl: srv.url, username: 'demo', password: 'demo', apiKey: 'demo-key', refreshSkewSec: 0, onSession: (s) => void sessions.push(s) });
    const first = await c.call<{ frozen: boolean }>('GET', '/sandbox/v1/clock');
    assert.equal(first.frozen, false);
    assert.equal(sessions.length, 1, 'logged in once');
    await new Promise((r) => setTimeout(r, 2200));
    await c.call('GET', '/sandbox/v1/clock');
    assert.equal(sessions.length, 2, 'refreshed after the access token expired');
    assert.notEqual(sessions[1]!.accessToken, sessions[0]!.accessToken);
    assert.equal(sessions[1]!.refreshToken !== sessions[0]!.refreshToken, true);

    // a token the server refuses (e.g. signed before a secret change): one re-login, then success
    c.session = { ...c.session!, accessToken: `${c.session!.accessToken}x`, accessExpiresAt: Date.now() + 60_000 };
    await c.call('GET', '/sandbox/v1/clock');
    assert.equal(sessions.length, 3);

    const legacy = new CeisaClientCore({ baseUrl: srv.url, username: 'demo', password: 'demo', apiKey: 'demo-key', legacyApiKeyHeader: true, authPrefix: '/nle-oauth/v1' });
    assert.equal((await legacy.call<{ frozen: boolean }>('GET', '/sandbox/v1/clock')).frozen, false);

    const badKey = new CeisaClientCore({ baseUrl: srv.url, username: 'demo', password: 'demo', apiKey: 'wrong' });
    await assert.rejects(badKey.call('GET', '/sandbox/v1/clock'), (e: Error & { status?: number }) => e.status === 401 && /Unauthorized application request/.test(e.message));
    const badPw = new CeisaClientCore({ baseUrl: srv.url, username: 'demo', password: 'nope', apiKey: 'demo-key' });
    await assert.rejects(badPw.call('GET', '/sandbox/v1/clock'), /Username atau password salah/);
  } finally {
    await srv.stop();
    await storage.cleanup();
  }
});
