import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { ENGINES, createTestStorage, type TestStorage } from '../helpers/db.ts';
import { startServer, ROOT, type RunningServer } from '../helpers/server.ts';

/**
 * The customs-document flow across areas, over real HTTP: the docs' own BC 2.0 example sent
 * with Kirim Dokumen, then walked through its lifecycle by the test clock, read back through
 * Status & Respon, paid through the sandbox billing API.
 */
const EXAMPLE = JSON.parse(fs.readFileSync(`${ROOT}/schemas/bc20/0.5.7.18.example.json`, 'utf8')) as Record<string, unknown>;
const NPWP = '012345678901234';

for (const engine of ENGINES) {
  describe(`pabean flow: send -> lifecycle -> status (${engine})`, () => {
    let storage: TestStorage;
    let srv: RunningServer;
    let h: Record<string, string>;
    const call = async (method: string, path: string, body?: unknown, extra: Record<string, string> = {}) => {
      const res = await fetch(srv.url + path, { method, headers: { ...h, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...extra }, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await res.text();
      return { status: res.status, json: JSON.parse(text) as Record<string, any> };
    };

    before(async () => {
      storage = await createTestStorage(engine);
      // as `npm start` runs it: the compiled build
      srv = await startServer({ CEISA_DATA_DIR: storage.dataDir, ...(storage.databaseUrl ? { DATABASE_URL: storage.databaseUrl } : {}) }, 30_000, { compiled: true });
      const login = await fetch(`${srv.url}/v1/openapi-auth/user/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'demo', password: 'demo' }) });
      h = { authorization: `Bearer ${((await login.json()) as any).item.access_token}`, 'beacukai-api-key': 'demo-key' };
    });
    after(async () => {
      await srv.stop();
      await storage.cleanup();
    });

    test('a bad lifecycle hint rejects the send and stores nothing', async () => {
      const aju = '301017INA9G220220525000031';
      const r = await call('POST', '/openapi/document?isFinal=true', { ...EXAMPLE, nomorAju: aju }, { 'x-ceisa-lane': 'purple' });
      assert.equal(r.status, 400, JSON.stringify(r.json));
      assert.equal(r.json.status, 'Failed');
      const s = await call('GET', `/openapi/status/${aju}`);
      assert.equal(s.json.message, 'Data Tidak Ditemukan');
    });

    test('the docs example, sent final on a red lane, walks to SPPB once its billing is paid', async () => {
      await call('POST', '/sandbox/v1/clock/freeze', {});
      const aju = EXAMPLE.nomorAju as string;
      const sent = await call('POST', '/v2/openapi/document?isFinal=true', EXAMPLE, { 'x-ceisa-lane': 'red', 'x-ceisa-billing': 'required' });
      assert.equal(sent.status, 200, JSON.stringify(sent.json));
      assert.equal(sent.json.status, 'OK');
      assert.equal(sent.json.message, 'Sukses, Data Berhasil Ditambahkan');
      assert.match(sent.json.idHeader, /^[0-9a-f-]{36}$/);

      const first = await call('GET', `/openapi/status?idPerusahaan=${NPWP}`);
      assert.equal(first.json.status, 'Success');
      assert.ok(first.json.dataStatus.length >= 1, 'receipt is due at once');
      assert.ok(first.json.dataStatus.every((s: any) => s.nomorAju === aju));

      await call('POST', '/sandbox/v1/clock/advance', { by: '1d' });
      const waiting = await call('GET', `/openapi/status/${aju}`);
      const billing = waiting.json.dataRespon.find((r: any) => Array.isArray(r.billingPungutans) && r.billingPungutans.length);
      assert.ok(billing, `a billing response is due: ${JSON.stringify(waiting.json.dataRespon.map((r: any) => r.kodeRespon))}`);
      assert.ok(!waiting.json.dataRespon.some((r: any) => r.keterangan === 'SPPB'), 'no release before payment');

      const kodeBilling = billing.billingPungutans[0].kodeBilling as string;
      const paid = await call('POST', `/sandbox/v1/billing/${kodeBilling}/pay`);
      assert.equal(paid.status, 200, JSON.stringify(paid.json));
      await call('POST', '/sandbox/v1/clock/advance', { by: '3d' });

      const done = await call('GET', `/openapi/status/${aju}`);
      const keterangan = done.json.dataRespon.map((r: any) => r.keterangan);
      assert.ok(keterangan.includes('SPPB'), `released: ${JSON.stringify(keterangan)}`);
      assert.ok(done.json.dataRespon.some((r: any) => /SPJM|JALUR MERAH/i.test(r.keterangan)), `red-lane letter: ${JSON.stringify(keterangan)}`);
      const sppb = done.json.dataRespon.find((r: any) => r.keterangan === 'SPPB');
      assert.equal(Buffer.from(sppb.Pdf, 'base64').subarray(0, 4).toString(), '%PDF');
      const pdf = await fetch(`${srv.url}/openapi/download-respon?path=${encodeURIComponent(sppb.pdf)}`, { headers: h });
      assert.equal(pdf.status, 200);
      assert.equal(Buffer.from(await pdf.arrayBuffer()).subarray(0, 4).toString(), '%PDF');

      const queue = await call('GET', `/openapi/status?idPerusahaan=${NPWP}`);
      const pulledCodes = queue.json.dataRespon.map((r: any) => r.keterangan);
      assert.ok(pulledCodes.includes('SPPB'), 'the release reaches the queue once');
      const again = await call('GET', `/openapi/status?idPerusahaan=${NPWP}`);
      assert.equal(again.json.message, 'Data Tidak Ditemukan', 'each event is delivered once');

      const dup = await call('POST', '/openapi/document?isFinal=true', EXAMPLE);
      assert.equal(dup.status, 409, 'the same nomorAju cannot be sent twice');
    });
  });
}
