import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES, createTestStorage, type TestStorage } from '../helpers/db.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';
import { pageExample, synthesizeDocument, sampleNomorAju } from '../../src/schemas/index.ts';

type Doc = Record<string, any>;

for (const engine of ENGINES) {
  describe(`Kirim Dokumen over HTTP (${engine})`, () => {
    let storage: TestStorage;
    let srv: RunningServer;
    let headers: Record<string, string>;
    before(async () => {
      storage = await createTestStorage(engine);
      srv = await startServer({ CEISA_DATA_DIR: storage.dataDir, ...(storage.databaseUrl ? { DATABASE_URL: storage.databaseUrl } : {}) });
      const login = await fetch(`${srv.url}/v1/openapi-auth/user/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'demo', password: 'demo' }),
      });
      const token = ((await login.json()) as Doc).item.access_token;
      headers = { authorization: `Bearer ${token}`, 'beacukai-api-key': 'demo-key', 'content-type': 'application/json' };
    });
    after(async () => {
      await srv.stop();
      await storage.cleanup();
    });

    const post = async (path: string, body: unknown, extra: Record<string, string> = {}) => {
      const res = await fetch(srv.url + path, { method: 'POST', headers: { ...headers, ...extra }, body: JSON.stringify(body) });
      return { status: res.status, schema: res.headers.get('x-ceisa-schema-version'), json: (await res.json()) as Doc };
    };

    test('schemas are compiled at start (in the background), and the log says so', async () => {
      for (let i = 0; i < 100 && !/document schemas compiled/.test(srv.output()); i++) await new Promise((r) => setTimeout(r, 100));
      assert.match(srv.output(), /document schemas compiled/);
    });

    test("the BC 2.0 page example, sent final on /v2/openapi, is accepted and can't be sent twice", async () => {
      const r = await post('/v2/openapi/document?isFinal=true', pageExample('bc20'));
      assert.equal(r.status, 200, JSON.stringify(r.json));
      assert.deepEqual(Object.keys(r.json), ['status', 'message', 'idHeader']);
      assert.equal(r.json.message, 'Sukses, Data Berhasil Ditambahkan');
      assert.equal(r.schema, 'bc20@0.5.7.18');
      const again = await post('/openapi/document?isFinal=true', pageExample('bc20'));
      assert.equal(again.status, 409);
      assert.equal(again.json.status, 'Failed');
    });

    test('a BC 2.7 draft, finalized, then read back with the detail look-up', async () => {
      const aju = sampleNomorAju('27', 777);
      const doc = synthesizeDocument('bc27', { nomorAju: aju }) as Doc;
      doc.catatanInternal = 'kept as sent';
      assert.equal((await post('/openapi/document', doc)).status, 200);
      const fin = await post('/openapi/document?isFinal=true', doc, { 'x-ceisa-lane': 'green' });
      assert.equal(fin.status, 200);
      const res = await fetch(`${srv.url}/openapi/document/detail/27/${aju}/${doc.kodeKantor}`, { headers });
      assert.equal(res.status, 200);
      const body = (await res.json()) as Doc;
      assert.equal(body.status, 'OK');
      assert.equal(body.idHeader, fin.json.idHeader);
      assert.deepEqual(body.data, doc);
    });

    test('an invalid document: HTTP 400, every error with its DJBC code and pointer, nothing stored', async () => {
      const aju = sampleNomorAju('30', 888);
      const doc = synthesizeDocument('bc30', { nomorAju: aju }) as Doc;
      doc.kodeDokumen = '30';
      doc.asalData = 'Q';
      delete doc.barang[1].uraian;
      doc.kontainer[0].kodeUkuranKontainer = 'XX';
      const r = await post('/openapi/document/check', doc);
      assert.equal(r.status, 400);
      const codes = r.json.errors.map((e: Doc) => `${e.code} ${e.field}`).sort();
      assert.ok(codes.includes('1042 /asalData'), codes.join(', '));
      assert.ok(codes.includes('1028 /barang/1/uraian'), codes.join(', '));
      assert.ok(codes.includes('1008 /kontainer/0/kodeUkuranKontainer'), codes.join(', '));
      const sent = await post('/openapi/document?isFinal=true', doc);
      assert.equal(sent.status, 400);
      assert.deepEqual(sent.json.errors, r.json.errors);
      const detail = await fetch(`${srv.url}/openapi/document/detail/27/${aju}/${doc.kodeKantor}`, { headers });
      assert.equal(detail.status, 404);
    });
  });
}
