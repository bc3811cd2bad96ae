import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { createTestStorage } from '../helpers/db.ts';
import { startServer } from '../helpers/server.ts';

test('SIGTERM lets an in-flight request finish before the process exits', async () => {
  const storage = await createTestStorage('sqlite');
  const srv = await startServer({ CEISA_DATA_DIR: storage.dataDir });
  try {
    const login = await fetch(`${srv.url}/v1/openapi-auth/user/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'demo', password: 'demo' }),
    });
    const token = ((await login.json()) as { item: { access_token: string } }).item.access_token;
    const body = JSON.stringify({ by: '1h' });
    const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(
        `${srv.url}/sandbox/v1/clock/advance`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${token}`, 'beacukai-api-key': 'demo-key' },
        },
        (res) => {
          let text = '';
          res.on('data', (c) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, 5));
      // once connected and the first bytes are on their way, stop the server mid-request
      req.on('socket', (socket) =>
        socket.once('connect', () =>
          setTimeout(() => {
            srv.proc.kill('SIGTERM');
            setTimeout(() => req.end(body.slice(5)), 800);
          }, 500),
        ),
      );
    });
    const r = await answer;
    assert.equal(r.status, 200, r.body);
    assert.equal(JSON.parse(r.body).offsetMs, 3_600_000);
    assert.equal(await srv.stop(), 0);
  } finally {
    await srv.stop();
    await storage.cleanup();
  }
});
