/**
 * What a hostile client can send below the HTTP API: garbage instead of HTTP, raw invalid
 * UTF-8 in the request line, huge headers, lying Content-Length, broken chunked encoding,
 * many half-open connections. The real server (over TCP) answers or closes each one, keeps
 * serving everyone else, writes nothing and does not crash.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { createTestStorage, type TestStorage } from '../helpers/db.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';

function raw(port: number, chunks: (string | Buffer)[], waitMs = 2000): Promise<string> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    let out = '';
    s.on('data', (d) => (out += d.toString('latin1')));
    s.on('error', () => resolve(out));
    s.on('close', () => resolve(out));
    s.on('connect', async () => {
      for (const c of chunks) {
        s.write(c);
        await new Promise((r) => setTimeout(r, 5));
      }
      setTimeout(() => s.destroy(), waitMs);
    });
  });
}

const statusOf = (res: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(res)?.[1] ?? 0);

describe('hostile HTTP on the wire (real server)', () => {
  let storage: TestStorage;
  let srv: RunningServer;
  let token: string;
  before(async () => {
    storage = await createTestStorage('sqlite');
    srv = await startServer({ CEISA_DATA_DIR: storage.dataDir, LOG_LEVEL: 'warn' });
    const r = await fetch(`${srv.url}/v1/openapi-auth/user/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'demo', password: 'demo' }) });
    token = ((await r.json()) as any).item.access_token;
  });
  after(async () => {
    await srv?.stop();
    await storage?.cleanup();
  });
  const auth = () => `Authorization: Bearer ${token}\r\nbeacukai-api-key: demo-key\r\n`;

  test('garbage, bad request lines, huge headers, lying lengths, broken chunks: answered 4xx or closed', async () => {
    const cases: [string, (string | Buffer)[], (s: number) => boolean][] = [
      ['random bytes', [Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 37) % 256))], (s) => s === 400 || s === 0],
      ['not HTTP', ['HELLO THERE\r\n\r\n'], (s) => s === 400 || s === 0],
      ['raw 0xFF in the path', [Buffer.concat([Buffer.from('GET /openapi/status/'), Buffer.from([0xff, 0xfe]), Buffer.from(` HTTP/1.1\r\nHost: x\r\n${auth()}\r\n`)])], (s) => s >= 400 && s < 500],
      ['a 40 KB header', [`GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(40_000)}\r\n\r\n`], (s) => s === 431 || s === 400 || s === 0],
      ['Content-Length larger than the body, then silence', [`POST /openapi/document?isFinal=true HTTP/1.1\r\nHost: x\r\n${auth()}Content-Type: application/json\r\nContent-Length: 5000\r\n\r\n{"nomorAju":"1"`], (s) => s === 0 || (s >= 400 && s < 500)],
      ['Content-Length smaller than the body', [`POST /sandbox/v1/clock/advance HTTP/1.1\r\nHost: x\r\n${auth()}Content-Type: application/json\r\nContent-Length: 3\r\n\r\n{"by":"1h"}`], (s) => s >= 400 && s < 500],
      ['two Content-Length headers', [`POST /sandbox/v1/clock/advance HTTP/1.1\r\nHost: x\r\n${auth()}Content-Type: application/json\r\nContent-Length: 11\r\nContent-Length: 12\r\n\r\n{"by":"1h"}`], (s) => s === 400 || s === 0],
      ['broken chunked encoding', [`POST /sandbox/v1/clock/advance HTTP/1.1\r\nHost: x\r\n${auth()}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n{"by":"1h"}\r\n0\r\n\r\n`], (s) => s === 400 || s === 0],
      ['chunked and Content-Length (smuggling)', [`POST /sandbox/v1/clock/advance HTTP/1.1\r\nHost: x\r\n${auth()}Content-Type: application/json\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\n\r\n`], (s) => s === 400 || s === 0],
      ['header injection attempt', [`GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: b\rX-Injected: 1\r\n\r\n`], (s) => s === 400 || s === 200 || s === 0],
    ];
    const before = await (await fetch(`${srv.url}/sandbox/v1/clock`, { headers: { authorization: `Bearer ${token}`, 'beacukai-api-key': 'demo-key' } })).json();
    for (const [name, chunks, ok] of cases) {
      const res = await raw(srv.port, chunks);
      const s = statusOf(res);
      assert.ok(ok(s), `${name}: got ${s || 'no answer'}: ${res.slice(0, 200)}`);
      assert.equal(srv.proc.exitCode, null, `server died on: ${name}`);
      assert.equal((await fetch(`${srv.url}/healthz`)).status, 200, `healthz after ${name}`);
    }
    const after = await (await fetch(`${srv.url}/sandbox/v1/clock`, { headers: { authorization: `Bearer ${token}`, 'beacukai-api-key': 'demo-key' } })).json();
    assert.deepEqual((after as any).frozen ?? null, (before as any).frozen ?? null, 'no clock change through a malformed request');
    const docs = await fetch(`${srv.url}/openapi/status/1`, { headers: { authorization: `Bearer ${token}`, 'beacukai-api-key': 'demo-key' } });
    assert.ok(docs.status < 500);
  });

  test('200 half-open connections (slowloris) do not stop the server serving others', async () => {
    const sockets: net.Socket[] = [];
    for (let i = 0; i < 200; i++) {
      const s = net.connect(srv.port, '127.0.0.1');
      s.on('error', () => {});
      s.write('GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ');
      sockets.push(s);
    }
    await new Promise((r) => setTimeout(r, 300));
    const t = Date.now();
    const r = await fetch(`${srv.url}/healthz`, { signal: AbortSignal.timeout(5000) });
    assert.equal(r.status, 200);
    assert.ok(Date.now() - t < 2000, 'served promptly');
    for (const s of sockets) s.destroy();
    assert.equal(srv.proc.exitCode, null);
  });
});
