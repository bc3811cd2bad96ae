/**
 * PostgreSQL stopped and started again under load, on a throw-away cluster of our own (the
 * machine's shared PostgreSQL is never touched): while it is down /healthz answers 503
 * "unhealthy", API calls get prompt error answers (no hang, no crash), and once it is back the
 * server recovers by itself, without a restart.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, startServer, type RunningServer } from '../helpers/server.ts';

const BIN = (() => {
  try {
    const v = fs.readdirSync('/usr/lib/postgresql').sort().at(-1);
    return v && fs.existsSync(`/usr/lib/postgresql/${v}/bin/initdb`) ? `/usr/lib/postgresql/${v}/bin` : null;
  } catch {
    return null;
  }
})();
const AS_ROOT = process.getuid?.() === 0;

/** Runs a PostgreSQL binary; as root through `su postgres` (initdb refuses root). */
function pg(bin: string, args: string[]): string {
  const cmd = [`${BIN}/${bin}`, ...args];
  if (!AS_ROOT) return execFileSync(cmd[0]!, cmd.slice(1), { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const quoted = cmd.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  return execFileSync('su', ['postgres', '-s', '/bin/sh', '-c', quoted], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

const skip = !BIN ? 'no PostgreSQL binaries under /usr/lib/postgresql' : process.env.CEISA_TEST_ENGINES && !process.env.CEISA_TEST_ENGINES.includes('postgres') ? 'PostgreSQL not among CEISA_TEST_ENGINES' : false;

describe('PostgreSQL restarted under load (own throw-away cluster)', { skip }, () => {
  let dir: string;
  let port: number;
  let srv: RunningServer;
  let h: Record<string, string>;
  const ctl = (action: 'start' | 'stop') =>
    action === 'start'
      ? pg('pg_ctl', ['-D', `${dir}/data`, '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`, '-l', `${dir}/log`, '-w', 'start'])
      : pg('pg_ctl', ['-D', `${dir}/data`, '-m', 'fast', '-w', 'stop']);

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ceisa40-pg-'));
    if (AS_ROOT) execFileSync('chown', ['postgres', dir]);
    port = await freePort();
    pg('initdb', ['-D', `${dir}/data`, '-U', 'postgres', '-A', 'trust']);
    ctl('start');
    srv = await startServer({ CEISA_DATA_DIR: path.join(dir, 'app'), DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/postgres`, LOG_LEVEL: 'warn' });
    const r = await fetch(`${srv.url}/v1/openapi-auth/user/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'demo', password: 'demo' }) });
    h = { authorization: `Bearer ${((await r.json()) as any).item.access_token}`, 'beacukai-api-key': 'demo-key' };
  });
  after(async () => {
    await srv?.stop('SIGKILL');
    try {
      ctl('stop');
    } catch {
      /* already down */
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('down: 503 unhealthy and prompt errors; up again: healthy and serving, same process', async () => {
    const results: { phase: string; status: number; ms: number; body: string }[] = [];
    let phase = 'before';
    let running = true;
    const worker = async () => {
      while (running) {
        const t = Date.now();
        try {
          const r = await fetch(`${srv.url}/portal/ck4/browse?page=1`, { headers: h, signal: AbortSignal.timeout(15_000) });
          results.push({ phase, status: r.status, ms: Date.now() - t, body: (await r.text()).slice(0, 200) });
        } catch (err) {
          results.push({ phase, status: -1, ms: Date.now() - t, body: String(err) });
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    const load = Array.from({ length: 6 }, worker);
    try {
      await new Promise((r) => setTimeout(r, 1000));

      phase = 'down';
      ctl('stop');
      const downAt = Date.now();
      let health: Response | undefined;
      for (;;) {
        health = await fetch(`${srv.url}/healthz`, { signal: AbortSignal.timeout(15_000) });
        if (health.status === 503 || Date.now() - downAt > 15_000) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      assert.equal(health.status, 503, 'healthz reports the outage');
      const hb = (await health.json()) as any;
      assert.equal(hb.status, 'unhealthy');
      assert.equal(hb.database, 'down');
      await new Promise((r) => setTimeout(r, 3000));

      phase = 'up';
      ctl('start');
      const upAt = Date.now();
      for (;;) {
        const r = await fetch(`${srv.url}/healthz`);
        if (r.status === 200) break;
        assert.ok(Date.now() - upAt < 30_000, 'healthz recovers');
        await new Promise((r) => setTimeout(r, 200));
      }
      await new Promise((r) => setTimeout(r, 2000));
    } catch (err) {
      (err as Error).message += `\nserver output (tail):\n${srv.output().slice(-4000)}`;
      throw err;
    } finally {
      // the load stops whatever happened; a worker left running would keep the test file alive forever
      running = false;
      await Promise.all(load);
    }

    assert.equal(srv.proc.exitCode, null, 'the server survived');
    const before = results.filter((r) => r.phase === 'before');
    const down = results.filter((r) => r.phase === 'down');
    const upLate = results.filter((r) => r.phase === 'up').slice(-10);
    assert.ok(before.length > 0 && before.every((r) => r.status === 200), JSON.stringify(before.slice(0, 3)));
    assert.ok(down.length > 0, 'requests were made during the outage');
    assert.ok(down.every((r) => r.status !== -1), `no hang or dropped connection: ${JSON.stringify(down.filter((r) => r.status === -1).slice(0, 3))}`);
    const failed = down.filter((r) => r.status !== 200);
    assert.ok(failed.length > 0, 'the outage was felt');
    for (const r of failed) {
      assert.equal(r.status, 503, `an outage answers 503: ${JSON.stringify(r)}`);
      assert.ok(r.ms < 10_000, `answered promptly: ${r.ms} ms`);
      assert.match(r.body, /"status":false/, 'in the family envelope');
    }
    assert.ok(upLate.length > 0 && upLate.every((r) => r.status === 200), `recovered: ${JSON.stringify(upLate.slice(0, 3))}`);
    const ok = await fetch(`${srv.url}/openapi/status?idPerusahaan=012345678901234`, { headers: h });
    assert.equal(ok.status, 200);
    console.log(`pg restart: ${before.length} before, ${down.length} during (${failed.length} errors, max ${Math.max(...failed.map((r) => r.ms))} ms), recovered`);
  });
});
