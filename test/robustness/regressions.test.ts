import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES } from '../helpers/db.ts';
import { testApp, type TestApp } from '../helpers/app.ts';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../helpers/server.ts';
import { assertSameSnapshot, snapshot } from './harness.ts';

/** One test per defect the robustness runs found (each failed before its fix). */
for (const engine of ENGINES) {
  describe(`robustness regressions (${engine})`, () => {
    let app: TestApp;
    let h: Record<string, string>;
    before(async () => {
      app = await testApp(engine);
      h = await app.login();
    });
    after(async () => app?.close());

    test('an over-long path parameter: HTTP 414 in the route family envelope (was fastify\'s own body)', async () => {
      const res = await app.inject({ method: 'GET', url: `/openapi/status/${'A'.repeat(3000)}`, headers: h });
      assert.equal(res.statusCode, 414);
      assert.deepEqual(res.json(), { status: 'Failed', message: 'Request-URI Too Long: a path parameter is longer than 2048 characters' });
      const c = await app.inject({ method: 'GET', url: `/sandbox/v1/cukai/ck4/${'A'.repeat(3000)}/versions`, headers: h });
      assert.equal(c.statusCode, 414);
      assert.equal(c.json().error, true);
    });

    test('a path with broken percent-encoding: HTTP 400 in the family envelope', async () => {
      const res = await app.inject({ method: 'GET', url: '/openapi/kurs/%zz', headers: h });
      assert.equal(res.statusCode, 400);
      assert.deepEqual(res.json(), { status: 'Failed', message: 'Malformed request path: invalid percent-encoding' });
      const gw = await app.inject({ method: 'GET', url: '/no/such/%zz', headers: h });
      assert.equal(gw.statusCode, 400);
      assert.ok(gw.json().Exception);
    });

    test('a truncated multipart form: HTTP 400 naming the problem (was 500), nothing stored', async () => {
      const s0 = await snapshot(app.ctx);
      const payload = '--b\r\nContent-Disposition: form-data; name="data"\r\n\r\n{"a":1}\r\n';
      const x = await app.inject({ method: 'POST', url: '/openapi/cnpibk/xray/add-foto-xray', headers: { ...h, 'content-type': 'multipart/form-data; boundary=b' }, payload });
      assert.equal(x.statusCode, 400, x.body);
      assert.equal(x.json().success, false);
      assert.equal(x.json().code, 400);
      assert.match(x.json().message, /Malformed multipart body/);
      const truncatedFile = '--b\r\nContent-Disposition: form-data; name="dokumen"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 xxxx';
      const c = await app.inject({ method: 'POST', url: '/portal/ck4/perbaikan-ht', headers: { ...h, 'content-type': 'multipart/form-data; boundary=b' }, payload: truncatedFile });
      assert.equal(c.statusCode, 400, c.body);
      assert.equal(c.json().status, false);
      assert.match(c.json().message, /Malformed multipart body/);
      assertSameSnapshot(s0, await snapshot(app.ctx), 'truncated multipart');
    });

    test('U+0000 in a path, query or body value: HTTP 400 naming the field on both engines (was 500 on PostgreSQL)', async () => {
      const p = await app.inject({ method: 'GET', url: '/openapi/cnpibk/billing-konsolidasi/tarik-billing/a%00b', headers: h });
      assert.equal(p.statusCode, 400, p.body);
      assert.deepEqual(p.json(), { message: '/params/kodeBilling contains the NUL character (U+0000)', status: false, data: { errors: [{ field: '/params/kodeBilling', rule: 'noNul', message: '/params/kodeBilling contains the NUL character (U+0000)' }] } });
      const q = await app.inject({ method: 'GET', url: '/openapi/status?idPerusahaan=01234%00', headers: h });
      assert.equal(q.statusCode, 400, q.body);
      assert.equal(q.json().errors[0].field, '/querystring/idPerusahaan');
      const s0 = await snapshot(app.ctx);
      const b = await app.inject({ method: 'POST', url: '/openapi/cnpibk/kirim-data-cnpibk', headers: { ...h, 'content-type': 'application/json' }, payload: JSON.stringify([{ nomorBarang: 'X\u0000' }]) });
      assert.equal(b.statusCode, 400, b.body);
      assert.equal(b.json().data.errors[0].field, '/0/nomorBarang');
      // a route reading its JSON body without a route schema (CK-4 rekam)
      const rekam = JSON.parse(fs.readFileSync(path.join(ROOT, 'test/cukai/fixtures/rekam-ht.json'), 'utf8'));
      const c = await app.inject({ method: 'POST', url: '/portal/ck4/rekam-ht', headers: { ...h, 'content-type': 'application/json' }, payload: JSON.stringify({ ...rekam, nomorPemberitahuan: 'A\u0000B' }) });
      assert.equal(c.statusCode, 400, c.body);
      assert.equal(c.json().data.errors[0].field, '/nomorPemberitahuan');
      assertSameSnapshot(s0, await snapshot(app.ctx), 'NUL body');
    });

    test('Infinity and numbers beyond 2^53 in a query: HTTP 400 naming the field (was 500 "datatype mismatch")', async () => {
      for (const url of ['/portal/ck4/browse?page=Infinity', '/portal/ck4/browse?page=1e300', '/nppbkc/browseNppbkc?pageNumber=1e20&pageSize=5']) {
        const r = await app.inject({ method: 'GET', url, headers: h });
        assert.equal(r.statusCode, 400, `${url}: ${r.body}`);
        assert.equal(r.json().status, false);
        assert.match(r.json().data.errors[0].field, /^\/querystring\/(page|pageNumber)$/);
      }
      const ok = await app.inject({ method: 'GET', url: '/portal/ck4/browse?page=2', headers: h });
      assert.equal(ok.statusCode, 200, ok.body);
    });

    test('1e309 (Infinity) in a JSON body: HTTP 400 naming the field', async () => {
      const r = await app.inject({ method: 'POST', url: '/sandbox/v1/clock/advance', headers: { ...h, 'content-type': 'application/json' }, payload: '{"by":1e309}' });
      assert.equal(r.statusCode, 400, r.body);
      assert.equal(r.json().errors[0].field, '/by');
      // a route reading its JSON body without a route schema: CK-4 rekam accepted it and stored null
      const s0 = await snapshot(app.ctx);
      const text = fs.readFileSync(path.join(ROOT, 'test/cukai/fixtures/rekam-ht.json'), 'utf8').replace(/("totalJumlahKemasan"\s*:\s*)[^,}]+/, '$11e309');
      const c = await app.inject({ method: 'POST', url: '/portal/ck4/rekam-ht', headers: { ...h, 'content-type': 'application/json' }, payload: text });
      assert.equal(c.statusCode, 400, c.body);
      assert.equal(c.json().data.errors[0].field, '/totalJumlahKemasan');
      assertSameSnapshot(s0, await snapshot(app.ctx), 'Infinity in a CK-4');
    });

    test('a CK-4 quantity sent as a string of 400 digits: HTTP 400 naming the field (was accepted and stored as null)', async () => {
      const s0 = await snapshot(app.ctx);
      const mm = JSON.parse(fs.readFileSync(path.join(ROOT, 'test/cukai/fixtures/rekam-mmea.json'), 'utf8'));
      mm.details[0].jumlahKemasan = '9'.repeat(400);
      const r = await app.inject({ method: 'POST', url: '/portal/ck4/rekam-mmea', headers: { ...h, 'content-type': 'application/json' }, payload: JSON.stringify(mm) });
      assert.equal(r.statusCode, 400, r.body);
      assert.equal(r.json().data.errors[0].field, '/details/0/jumlahKemasan');
      assertSameSnapshot(s0, await snapshot(app.ctx), 'huge digit string');
      mm.details[0].jumlahKemasan = '12';
      const ok = await app.inject({ method: 'POST', url: '/portal/ck4/rekam-mmea', headers: { ...h, 'content-type': 'application/json' }, payload: JSON.stringify(mm) });
      assert.equal(ok.statusCode, 200, ok.body);
    });
  });
}
