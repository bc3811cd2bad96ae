import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Transport } from '../../src/client/transport.ts';
import { CeisaNetworkError } from '../../src/client/errors.ts';

async function serverAnswering(statuses: number[], delayMs = 0) {
  let hits = 0;
  const srv = http.createServer((_req, res) => {
    const status = statuses[Math.min(hits++, statuses.length - 1)]!;
    setTimeout(() => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status }));
    }, delayMs);
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
  return { url, hits: () => hits, close: () => new Promise<void>((r) => srv.close(() => r())) };
}

test('transport: retries 5xx with backoff, then succeeds', async () => {
  const s = await serverAnswering([503, 502, 200]);
  try {
    const t = new Transport({ baseUrl: s.url, retries: 3, backoffMs: 5 });
    const r = await t.send({ method: 'GET', path: '/x' });
    assert.equal(r.status, 200);
    assert.equal(s.hits(), 3);
  } finally {
    await s.close();
  }
});

test('transport: never retries a 4xx', async () => {
  const s = await serverAnswering([400, 200]);
  try {
    const r = await new Transport({ baseUrl: s.url, retries: 3, backoffMs: 5 }).send({ method: 'POST', path: '/x', json: {} });
    assert.equal(r.status, 400);
    assert.equal(s.hits(), 1);
  } finally {
    await s.close();
  }
});

test('transport: a 5xx after the last retry is returned with its body', async () => {
  const s = await serverAnswering([500]);
  try {
    const r = await new Transport({ baseUrl: s.url, retries: 1, backoffMs: 5 }).send({ method: 'GET', path: '/x' });
    assert.equal(r.status, 500);
    assert.deepEqual(r.body, { status: 500 });
    assert.equal(s.hits(), 2);
  } finally {
    await s.close();
  }
});

test('transport: timeouts and refused connections are network errors after retries', async () => {
  const s = await serverAnswering([200], 500);
  try {
    await assert.rejects(new Transport({ baseUrl: s.url, retries: 1, backoffMs: 5, timeoutMs: 50 }).send({ method: 'GET', path: '/x' }), CeisaNetworkError);
    assert.equal(s.hits(), 2);
  } finally {
    await s.close();
  }
  await assert.rejects(new Transport({ baseUrl: 'http://127.0.0.1:9', retries: 1, backoffMs: 5 }).send({ method: 'GET', path: '/x' }), /failed/);
});
