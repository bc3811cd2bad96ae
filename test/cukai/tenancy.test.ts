import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES } from '../helpers/db.ts';
import { testApp, type TestApp } from '../helpers/app.ts';
import { MasterRepo } from '../../src/services/cukai/master.ts';
import { multipart, perbaikanExampleParts, perbaikanHtParts, rekamExample, snapshot } from './helpers.ts';

const DEMO_CK4 = ['f9ae018d-77b8-429a-a99f-c07acb813bc3', '834ea982-002a-4862-bf03-bb1fcdad055f', '80ecf32a-6464-499d-8a22-0d25dd96dcc4'];
const MISSING = '0b7c6a1e-1d2e-4f3a-9b8c-7d6e5f4a3b2c';

for (const engine of ENGINES) {
  describe(`cukai: another company's CK-4, NPPBKC and brands are never visible or correctable (${engine})`, () => {
    let app: TestApp;
    let demo: Record<string, string>;
    let other: Record<string, string>;
    let otherCompanyId: string;
    before(async () => {
      app = await testApp(engine);
      demo = await app.login();
      const o = await app.otherCompany();
      other = o.headers;
      otherCompanyId = o.companyId;
      // the other company has its own NPPBKC and HT brand
      const m = new MasterRepo(app.ctx.db);
      const n = await m.createNppbkc(otherCompanyId, { nppbkc: '0999999999999000070613', npwp: '999999999999000', namaPerusahaan: 'PT LAIN', kodeKantor: '070600', namaKantor: 'KPPBC TMC MALANG', kodeJenisBkc: '3' });
      await m.createMerk(otherCompanyId, { id: '5b1e0c8e-3f0a-4d1b-8f55-0a9c1e2d3f40', nppbkcId: n.id, jenisBkc: 'HT', namaMerk: 'MERK LAIN', attrs: { hje: 1000, tarif: 100 } });
    });
    after(async () => app?.close());

    const get = (url: string, headers: Record<string, string>) => app.inject({ method: 'GET', url, headers });

    /** The answer for another company's id is exactly the answer for an id that does not exist. */
    async function sameAsMissing(urlOf: (id: string) => string, id: string) {
      const theirs = await get(urlOf(id), other);
      const missing = await get(urlOf(MISSING), other);
      assert.equal(theirs.statusCode, 404, theirs.body);
      assert.equal(missing.statusCode, 404);
      assert.deepEqual(JSON.parse(theirs.body.replaceAll(id, 'X')), JSON.parse(missing.body.replaceAll(MISSING, 'X')));
    }

    test('Get Detail HT/MMEA/EA of the demo company\'s reports: 404 like a missing id; the owner still sees them', async () => {
      for (const kind of ['ht', 'mmea', 'ea']) {
        for (const id of DEMO_CK4) await sameAsMissing((x) => `/portal/ck4/detail-${kind}?idCk4=${x}`, id);
      }
      assert.equal((await get(`/portal/ck4/detail-ht?idCk4=${DEMO_CK4[0]}`, demo)).statusCode, 200);
    });

    test('Browse CK-4: nothing of the demo company; its NPPBKC answers like an unknown one', async () => {
      const all = await get('/portal/ck4/browse', other);
      assert.equal(all.statusCode, 200);
      assert.equal(all.json().data.totalData, 0);
      const theirs = await get('/portal/ck4/browse?nppbkc=0669986374654000070613', other);
      const unknown = await get('/portal/ck4/browse?nppbkc=0669986374654000070699', other);
      assert.equal(theirs.statusCode, 404);
      assert.deepEqual(JSON.parse(theirs.body.replaceAll('0669986374654000070613', 'X')), JSON.parse(unknown.body.replaceAll('0669986374654000070699', 'X')));
    });

    test('NPPBKC references (Get/Browse NPPBKC, kuasa, kantor, tarif, merk) of another company answer 404 / empty', async () => {
      for (const url of [
        '/getAllTrNppbkc?idNppbkc=fe3c9197-fad5-05e6-e054-0021f60abd54',
        '/getAllTrNppbkc?nppbkc=0018632638003000040441',
        '/referensi/ck1/getKuasa?nppbkc=0014539407415000150312',
        '/kode-kantor/by-nppbkc?nppbkc=0014539407415000150312',
        '/portal/tarif-merk/browse-ht?nppbkc=0669986374654000070613&page=1',
        '/portal/tarif-merk/browse-mmea?nppbkc=0014539407415000150312&page=1',
        '/data-merk/browse?nppbkc=0011335387641000070611&page=1',
        '/data-merk/getDataMerkSwitchingH2h?nppbkc=0014539407415000150312&tanggalAkhir=01-09-2024&tanggalAwal=31-10-2023',
      ]) {
        const r = await get(url, other);
        assert.equal(r.statusCode, 404, url);
        assert.equal(r.json().status, false);
      }
      const browse = await get('/nppbkc/browseNppbkc?pageNumber=0&pageSize=100', other);
      assert.deepEqual(browse.json().data.listData.map((x: any) => x.nppbkc), ['0999999999999000070613']);
    });

    test('Rekam with the demo company\'s NPPBKC or brand: 404 like unknown ones, nothing stored', async () => {
      const before = await snapshot(app);
      const r = await app.inject({ method: 'POST', url: '/portal/ck4/rekam-ht', headers: other, payload: rekamExample('ht') });
      assert.equal(r.statusCode, 404);
      assert.equal(r.json().data.errors[0].field, '/idNppbkc');
      // its own NPPBKC with the demo company's brand
      const own = (await new MasterRepo(app.ctx.db).nppbkcByNumber(otherCompanyId, '0999999999999000070613'))!;
      const body: Record<string, any> = { ...rekamExample('ht'), idNppbkc: own.id, nppbkc: own.nppbkc };
      const r2 = await app.inject({ method: 'POST', url: '/portal/ck4/rekam-ht', headers: other, payload: body });
      assert.equal(r2.statusCode, 404);
      assert.equal(r2.json().data.errors[0].field, '/details/0/idMerkHt');
      assert.equal(await snapshot(app), before);
      // and with its own brand it works, and stays its own
      body.details = [{ ...body.details[0], idMerkHt: '5b1e0c8e-3f0a-4d1b-8f55-0a9c1e2d3f40' }];
      const r3 = await app.inject({ method: 'POST', url: '/portal/ck4/rekam-ht', headers: other, payload: body });
      assert.equal(r3.statusCode, 200, r3.body);
      const id = r3.headers['x-ceisa40-id-ck4'] as string;
      assert.equal((await get(`/portal/ck4/detail-ht?idCk4=${id}`, other)).statusCode, 200);
      assert.equal((await get(`/portal/ck4/detail-ht?idCk4=${id}`, demo)).statusCode, 404);
      assert.equal((await get('/portal/ck4/browse', other)).json().data.totalData, 1);
      // the demo company cannot use the other company's brand either
      const d = rekamExample('ht');
      d.details[0].idMerkHt = '5b1e0c8e-3f0a-4d1b-8f55-0a9c1e2d3f40';
      const r4 = await app.inject({ method: 'POST', url: '/portal/ck4/rekam-ht', headers: demo, payload: d });
      assert.equal(r4.statusCode, 404);
    });

    test('Perbaikan of the demo company\'s reports: 404, nothing changed, no blob kept', async () => {
      const before = await snapshot(app);
      for (const [kind, parts] of [['ht', await perbaikanHtParts()], ['mmea', perbaikanExampleParts('mmea')], ['ea', perbaikanExampleParts('ea')]] as const) {
        const { payload, headers } = multipart(parts);
        const r = await app.inject({ method: 'POST', url: `/portal/ck4/perbaikan-${kind}`, headers: { ...other, ...headers }, payload });
        assert.equal(r.statusCode, 404, `${kind}: ${r.body}`);
        assert.equal(r.json().status, false);
      }
      assert.equal(await snapshot(app), before);
    });

    test('the sandbox history of another company\'s report answers 404', async () => {
      const r = await get(`/sandbox/v1/cukai/ck4/${DEMO_CK4[0]}/versions`, other);
      assert.equal(r.statusCode, 404);
      assert.equal((await get(`/sandbox/v1/cukai/ck4/${DEMO_CK4[0]}/versions`, demo)).statusCode, 200);
    });
  });
}
