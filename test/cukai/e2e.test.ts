import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { ENGINES, createTestStorage, type TestStorage } from '../helpers/db.ts';
import { startServer, ROOT, type RunningServer } from '../helpers/server.ts';
import { pdf, perbaikanExampleParts, rekamExample, rekamExampleText } from './helpers.ts';

async function call(base: string, method: string, path: string, headers: Record<string, string> = {}, body?: string | FormData) {
  const res = await fetch(base + path, { method, headers, body });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text, headers: res.headers };
}

async function htForm(id: string, det: Record<string, any>, nomor: string): Promise<FormData> {
  const form = new FormData();
  form.append('idCk4Header', id);
  form.append('nomorPemberitahuan', nomor);
  for (const [k, v] of [['totalJumlahKemasan', '110'], ['totalJumlahKemasanDilekatiPita', '110'], ['totalJumlahProduksiHtBtg', '1320'], ['totalJumlahProduksiHtGr', '0'], ['totalJumlahProduksiHtMl', '0']]) form.append(k!, v!);
  form.append('dokumen', new Blob([new Uint8Array(await pdf())], { type: 'application/pdf' }), 'surat.pdf');
  form.append('nomorSurat', 'S-1');
  form.append('tanggalSurat', '2023-11-25');
  const d0 = {
    idCk4Detail: det.idCk4Detail, bahanKemasan: det.bahanKemasan, hje: '20000', idMerkHt: det.idMerkHt, isiPerKemasan: '12', jenisProduksiHt: 'SKM',
    jumlahKemasan: '110', jumlahKemasanDilekatiPita: '110', jumlahProduksi: '1320', nomorProduksi: 'PRD/01/9', tanggalProduksi: '2023-10-02',
  };
  for (const [k, v] of Object.entries(d0)) form.append(`details[0].${k}`, String(v));
  return form;
}

for (const engine of ENGINES) {
  describe(`cukai end to end over HTTP, with the admin command (${engine})`, () => {
    let storage: TestStorage;
    let srv: RunningServer;
    const admin = (args: string[]) =>
      spawnSync(process.execPath, ['bin/ceisa40.js', '--json', 'admin', ...args], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, CEISA_DATA_DIR: storage.dataDir, ...(storage.databaseUrl ? { DATABASE_URL: storage.databaseUrl } : {}) },
      });
    const login = async (username = 'demo', password = 'demo', key = 'demo-key') => {
      const r = await call(srv.url, 'POST', '/v1/openapi-auth/user/login', { 'content-type': 'application/json' }, JSON.stringify({ username, password }));
      assert.equal(r.status, 200, r.text);
      return { authorization: `Bearer ${r.json.item.access_token}`, 'beacukai-api-key': key };
    };

    before(async () => {
      storage = await createTestStorage(engine);
      srv = await startServer({ CEISA_DATA_DIR: storage.dataDir, ...(storage.databaseUrl ? { DATABASE_URL: storage.databaseUrl } : {}) });
    });
    after(async () => {
      await srv?.stop();
      await storage?.cleanup();
    });

    test('Rekam HT (JSON) and Perbaikan HT (FormData from fetch, PDF dokumen) on the real server, then Browse and Get Detail', async () => {
      const h = await login();
      const r = await call(srv.url, 'POST', '/portal/ck4/rekam-ht', { ...h, 'content-type': 'application/json' }, rekamExampleText('ht'));
      assert.equal(r.status, 200, r.text);
      assert.equal(r.text, '{"message":"Success","status":true,"data":null}');
      const id = r.headers.get('x-ceisa40-id-ck4')!;
      const browse = await call(srv.url, 'GET', '/portal/ck4/browse?idJenisBkc=3&jenisLaporan=bulan&nppbkc=0669986374654000070613&page=1', h);
      assert.equal(browse.json.data.listData[0].idCk4, id);

      // correct the report just recorded: a browser-style multipart body
      const detail = await call(srv.url, 'GET', `/portal/ck4/detail-ht?idCk4=${id}`, h);
      const det = detail.json.data.details[0];
      const form = await htForm(id, det, 'TEST/2024/01/22/03-REV');
      const p = await call(srv.url, 'POST', '/portal/ck4/perbaikan-ht', h, form);
      assert.equal(p.status, 200, p.text);
      const after = await call(srv.url, 'GET', `/portal/ck4/detail-ht?idCk4=${id}`, h);
      assert.equal(after.json.data.nomorPemberitahuan, 'TEST/2024/01/22/03-REV');
      assert.equal(after.json.data.details[0].jumlahProduksi, 1320);
      assert.equal(after.json.data.status, 'Selesai (Perbaikan)');

      // the MMEA example as the page writes it, on the wire
      const mmea = new FormData();
      for (const part of perbaikanExampleParts('mmea')) mmea.append(part.name, String(part.value));
      assert.equal((await call(srv.url, 'POST', '/portal/ck4/perbaikan-mmea', h, mmea)).status, 200);

      // history through the admin command
      const hist = admin(['cukai', 'ck4', 'history', id, '--company', '012345678901234']);
      assert.equal(hist.status, 0, hist.stderr);
      const versions = JSON.parse(hist.stdout).versions;
      assert.deepEqual(versions.map((v: any) => v.kind), ['rekam', 'perbaikan']);
      assert.equal(versions[0].report.header.nomorPemberitahuan, 'TEST/2024/01/22/03');
    });

    test('a company set up with `admin cukai` records its own CK-4; cancelling it through admin stops corrections', async () => {
      const npwp = '876543210987654';
      assert.equal(admin(['company', 'add', '--name', 'PT ROKOK BARU', '--npwp', npwp, '--nitku', '8765432109876540000000']).status, 0);
      assert.equal(admin(['user', 'add', '--company', npwp, '--username', 'rokok', '--password', 'pw']).status, 0);
      const key = JSON.parse(admin(['key', 'add', '--company', npwp]).stdout).apiKey as string;
      const n = admin(['cukai', 'nppbkc', 'add', '--company', npwp, '--nppbkc', '0876543210987654070613', '--npwp', npwp, '--nama', 'PT ROKOK BARU', '--kantor', '070600', '--nama-kantor', 'KPPBC TMC MALANG', '--jenis-bkc', '3']);
      assert.equal(n.status, 0, n.stderr);
      const idNppbkc = JSON.parse(n.stdout).idNppbkc as string;
      const bad = admin(['cukai', 'nppbkc', 'add', '--company', npwp, '--nppbkc', '123', '--npwp', npwp, '--nama', 'X', '--kantor', '070600', '--jenis-bkc', '3']);
      assert.equal(bad.status, 1);
      assert.match(bad.stderr, /nppbkc must be 22 digits/);
      const m = admin(['cukai', 'merk', 'add', '--company', npwp, '--nppbkc', '0876543210987654070613', '--jenis', 'HT', '--nama', 'KRETEK BARU', '--jenis-produksi', 'SKM', '--id-jenis-produksi', '12', '--hje', '2000', '--tarif', '100', '--isi', '12', '--awal-berlaku', '2024-01-01']);
      assert.equal(m.status, 0, m.stderr);
      const idMerk = JSON.parse(m.stdout).idMerk as string;
      const list = JSON.parse(admin(['cukai', 'merk', 'list', '--company', npwp]).stdout);
      assert.deepEqual(list.map((x: any) => x.namaMerk), ['KRETEK BARU']);
      assert.deepEqual(JSON.parse(admin(['cukai', 'nppbkc', 'list', '--company', npwp]).stdout).map((x: any) => x.nppbkc), ['0876543210987654070613']);

      const h = await login('rokok', 'pw', key);
      const body: Record<string, any> = { ...rekamExample('ht'), idNppbkc, nppbkc: '0876543210987654070613', namaPerusahaan: 'PT ROKOK BARU' };
      body.details = [{ ...body.details[0], idMerkHt: idMerk, namaMerkHt: 'KRETEK BARU' }];
      const r = await call(srv.url, 'POST', '/portal/ck4/rekam-ht', { ...h, 'content-type': 'application/json' }, JSON.stringify(body));
      assert.equal(r.status, 200, r.text);
      const id = r.headers.get('x-ceisa40-id-ck4')!;
      const tarif = await call(srv.url, 'GET', '/portal/tarif-merk/browse-ht?nppbkc=0876543210987654070613&page=1', h);
      assert.equal(tarif.json.data.listData[0].namaMerk, 'KRETEK BARU');
      assert.equal(tarif.json.data.listData[0].tarif, 100);
      assert.equal((await call(srv.url, 'GET', `/portal/ck4/detail-ht?idCk4=${id}`, await login())).status, 404, 'the demo company does not see it');

      const c = admin(['cukai', 'ck4', 'cancel', id, '--company', npwp, '--nomor', 'BTL-1']);
      assert.equal(c.status, 0, c.stderr);
      const det = (await call(srv.url, 'GET', `/portal/ck4/detail-ht?idCk4=${id}`, h)).json.data.details[0];
      const p = await call(srv.url, 'POST', '/portal/ck4/perbaikan-ht', h, await htForm(id, det, 'REV'));
      assert.equal(p.status, 400, p.text);
      assert.equal(p.json.status, false);
      assert.match(p.json.message, /Batal/);
      const d = await call(srv.url, 'GET', `/portal/ck4/detail-ht?idCk4=${id}`, h);
      assert.equal(d.json.data.status, 'Batal');
      assert.equal(d.json.data.nomorPembatalan, 'BTL-1');
    });
  });
}
