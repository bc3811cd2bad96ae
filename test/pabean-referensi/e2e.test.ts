import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestStorage, type TestStorage } from '../helpers/db.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';

// The look-ups over real HTTP on the server as `npm start` runs it (embedded SQLite): an
// integrator's first session, from login to filling a BC 2.0 header and item from look-ups.
describe('pabean cek referensi end to end (real server, HTTP)', () => {
  let storage: TestStorage;
  let srv: RunningServer;
  let headers: Record<string, string>;

  const get = async (path: string) => {
    const res = await fetch(srv.url + path, { headers });
    return { status: res.status, json: (await res.json()) as Record<string, any> };
  };

  before(async () => {
    storage = await createTestStorage('sqlite');
    srv = await startServer({ CEISA_DATA_DIR: storage.dataDir });
    const login = await fetch(`${srv.url}/v1/openapi-auth/user/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'demo', password: 'demo' }),
    });
    assert.equal(login.status, 200);
    const token = ((await login.json()) as { item: { access_token: string } }).item.access_token;
    headers = { authorization: `Bearer ${token}`, 'beacukai-api-key': 'demo-key' };
  });
  after(async () => {
    await srv.stop();
    await storage.cleanup();
  });

  test('manifest, TPS, kurs, tarif and lartas of one import, over HTTP', async () => {
    const m = await get('/v2/openapi/manifes-bc11?nama=PT%20DEMO%20CEISA&tglHostBl=02-11-2026&kodeKantor=070100&noHostBl=DEMOHBL0004');
    assert.equal(m.status, 200);
    assert.equal(m.json.noBc11, '002941');
    assert.equal(m.json.noPos, '000500000000');
    assert.deepEqual(m.json.listContainer, [{ jenisKontainer: '2', noKontainer: 'HDMU5532017', tipeKontainer: '5', ukuranKontainer: '20' }]);

    const tps = await get('/v2/openapi/referensi/tps-gudang/070100');
    assert.ok(tps.json.data.some((g: any) => g.kodeGudang === m.json.kodeGudang));
    const port = await get(`/openapi/pelabuhan/kata/${m.json.pelAsal}`);
    assert.deepEqual(port.json.data, [{ kodePelabuhan: 'KRPUS', namaPelabuhan: 'Busan', kodeKantor: null, namaKantor: null }]);

    const kurs = await get('/v2/openapi/kurs/KRW?tanggal=2026-11-04');
    assert.equal(kurs.status, 200);
    assert.deepEqual(Object.keys(kurs.json), ['status', 'data']);
    assert.equal(kurs.json.status, 'true');
    assert.match(kurs.json.data[0].nilaiKurs, /^\d+\.\d{1,2}$/);

    const tarif = await get('/openapi/tarif-hs?kodeHs=8418101000&tanggal=2026-11-04');
    assert.equal(tarif.json.posTarif[0].kodeHs, '84181010');
    assert.deepEqual(
      tarif.json.posTarif[0].barangTarif.map((b: any) => [b.kodeJenisPungutan, b.tarif]),
      [
        ['BM', 15],
        ['PPN', 11],
        ['PPH', 2.5],
      ],
    );
    const lartas = await get('/openapi/hs-lartas?kodeHs=84181010');
    assert.deepEqual(
      lartas.json.data.map((l: any) => l.kodeIjin),
      ['01520', '17004', '14001'],
    );

    const missing = await get('/openapi/manifes-bc11?nama=PT%20DEMO%20CEISA&tglHostBl=02-11-2026&kodeKantor=070100&noHostBl=NOSUCHBL');
    assert.equal(missing.status, 404);
    assert.deepEqual(missing.json, { status: 'Failed', message: 'Data Tidak Ditemukan' });

    const spec = await fetch(`${srv.url}/openapi.json`);
    const paths = ((await spec.json()) as { paths: Record<string, unknown> }).paths;
    for (const p of ['/openapi/kurs/{kodeValuta}', '/v2/openapi/referensi/tps-gudang/{kodeKantor}', '/openapi/gudangTPS/kodeKantor/{kodeKantor}', '/sandbox/v1/referensi/{name}']) {
      assert.ok(p in paths, `${p} in the OpenAPI document`);
    }
  });
});
