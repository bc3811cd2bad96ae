/**
 * Tenant isolation, swept over every route: company A has data in every area (customs
 * documents draft + final with a lifecycle and a billing code, consignments with X-ray photos,
 * the excise demo data: CK-4 reports, NPPBKC, merk); company B, with its own user and key,
 * tries A's identifiers on each route. The answer must be the one a non-existent identifier of
 * the same format gets (status and body, identifiers and times masked), must not contain A's
 * data, and nothing may change. Every endpoint of allEndpoints() must be classified here, so a
 * new route fails this test until it is swept.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { ENGINES } from '../helpers/db.ts';
import { testApp, type TestApp } from '../helpers/app.ts';
import { ROOT } from '../helpers/server.ts';
import { consignment, png, SEED_DATA, xrayForm } from '../barang-kiriman/fixtures.ts';
import { allEndpoints } from '../../src/app.ts';
import { assertSameSnapshot, snapshot } from './harness.ts';

const EXAMPLE27 = JSON.parse(fs.readFileSync(`${ROOT}/schemas/bc27/0.9.example.json`, 'utf8')) as Record<string, unknown>;
const EXAMPLE = JSON.parse(fs.readFileSync(`${ROOT}/schemas/bc20/0.5.7.18.example.json`, 'utf8')) as Record<string, unknown>;
const EXAMPLE30 = JSON.parse(fs.readFileSync(`${ROOT}/schemas/bc30/0.5.28.example.json`, 'utf8')) as Record<string, unknown>;

interface Ids {
  aju: string; // final customs document
  draftAju: string;
  aju27: string; // a final BC 2.7 (the detail endpoint serves 2.3 and 2.7)
  kantor27: string;
  kodeKantor: string;
  kodeBilling: string; // customs billing
  pdfPath: string; // a response PDF path of the final document
  npeDate: string; // YYYY-MM-DD of the NPE of A's BC 3.0
  kodeGudang: string; // that BC 3.0's warehouse (kodeTps)
  barkirAju: string;
  barkirBilling: string;
  blAwb: string;
  tanggalBlAwb: string;
  kantorBarkir: string;
  namaFile: string; // an X-ray photo's name
  idCk4: string;
  idCk4Ea: string;
  idCk4Mmea: string;
  nppbkc: string;
  nppbkcId: string;
}

interface Call {
  method: 'GET' | 'POST';
  url: string;
  json?: unknown;
  form?: { payload: Buffer; headers: Record<string, string> };
}

/** Per route (its first path), the requests carrying tenant identifiers. */
const SWEEP: Record<string, (i: Ids) => Call[]> = {
  '/openapi/document': (i) => [
    // a draft may be replaced by its owner only: B sending A's nomorAju as draft/final creates B's own, which is fine;
    // the sweep checks that A's documents stay untouched (snapshot of A's rows below)
  ],
  '/openapi/document/detail/:jenisDokumen/:nomorAju/:kodeKantor': (i) => [
    { method: 'GET', url: `/openapi/document/detail/27/${i.aju27}/${i.kantor27}` },
    { method: 'GET', url: `/v2/openapi/document/detail/27/${i.aju27}/${i.kantor27}` },
  ],
  '/openapi/status': (i) => [{ method: 'GET', url: `/openapi/status?idPerusahaan=012345678901234` }],
  '/openapi/status/:nomorAju': (i) => [
    { method: 'GET', url: `/openapi/status/${i.aju}` },
    { method: 'GET', url: `/v2/openapi/status/${i.draftAju}` },
  ],
  '/openapi/download-respon': (i) => [{ method: 'GET', url: `/openapi/download-respon?path=${encodeURIComponent(i.pdfPath)}` }],
  '/openapi/respon/pdf': (i) => [{ method: 'GET', url: `/openapi/respon/pdf?kodeRespon=1&nomorAju=${i.aju}` }],
  '/openapi/respon/billing': (i) => [{ method: 'GET', url: `/openapi/respon/billing?kodeBilling=${i.kodeBilling}` }],
  '/openapi/respon/cetak-formulir': (i) => [{ method: 'GET', url: `/openapi/respon/cetak-formulir?nomorAju=${i.aju}` }],
  '/openapi/respon/cetak-formulir/draft': (i) => [{ method: 'GET', url: `/openapi/respon/cetak-formulir/draft?nomorAju=${i.draftAju}` }],
  '/openapi/respon/cetak-formulir/final': (i) => [{ method: 'GET', url: `/openapi/respon/cetak-formulir/final?nomorAju=${i.aju}` }],
  '/openapi/respon/npe-bc33/:kodeDokumen/:tanggalDokumen': (i) => [
    { method: 'GET', url: `/openapi/respon/npe-bc33/30/${i.npeDate}?kodeGudang=${i.kodeGudang}` },
    { method: 'GET', url: `/v2/openapi/respon/npe-bc33/30/${i.npeDate}` },
  ],
  '/sandbox/v1/billing/:kodeBilling/pay': (i) => [{ method: 'POST', url: `/sandbox/v1/billing/${i.kodeBilling}/pay` }],
  '/sandbox/v1/pabean/:nomorAju/timeline': (i) => [{ method: 'GET', url: `/sandbox/v1/pabean/${i.aju}/timeline` }],
  '/api/getlog/statusrespon': (i) => [{ method: 'POST', url: '/api/getlog/statusrespon', json: { nomorAju: i.aju } }, { method: 'POST', url: '/api/getlog/statusrespon', json: { car: i.aju } }],
  '/getresbycar/bc30': (i) => [{ method: 'POST', url: '/getresbycar/bc30', json: { car: i.aju } }],
  '/portal/ck4/detail-ea': (i) => [{ method: 'GET', url: `/portal/ck4/detail-ea?idCk4=${i.idCk4Ea}` }],
  '/portal/ck4/detail-mmea': (i) => [{ method: 'GET', url: `/portal/ck4/detail-mmea?idCk4=${i.idCk4Mmea}` }],
  '/portal/ck4/detail-ht': (i) => [{ method: 'GET', url: `/portal/ck4/detail-ht?idCk4=${i.idCk4}` }],
  '/portal/ck4/perbaikan-ht': (i) => [{ method: 'POST', url: '/portal/ck4/perbaikan-ht', form: perbaikanForm(i.idCk4) }],
  '/portal/ck4/perbaikan-ea': (i) => [{ method: 'POST', url: '/portal/ck4/perbaikan-ea', form: perbaikanForm(i.idCk4Ea) }],
  '/portal/ck4/perbaikan-mmea': (i) => [{ method: 'POST', url: '/portal/ck4/perbaikan-mmea', form: perbaikanForm(i.idCk4Mmea) }],
  '/portal/ck4/rekam-ht': (i) => [{ method: 'POST', url: '/portal/ck4/rekam-ht', json: { nppbkc: i.nppbkc, idNppbkc: i.nppbkcId } }],
  '/portal/ck4/rekam-ea': (i) => [{ method: 'POST', url: '/portal/ck4/rekam-ea', json: { nppbkc: i.nppbkc, idNppbkc: i.nppbkcId } }],
  '/portal/ck4/rekam-mmea': (i) => [{ method: 'POST', url: '/portal/ck4/rekam-mmea', json: { nppbkc: i.nppbkc, idNppbkc: i.nppbkcId } }],
  '/portal/ck4/browse': (i) => [{ method: 'GET', url: `/portal/ck4/browse?nppbkc=${i.nppbkc}` }, { method: 'GET', url: '/portal/ck4/browse' }],
  '/data-merk/getDataMerkSwitchingH2h': (i) => [{ method: 'GET', url: `/data-merk/getDataMerkSwitchingH2h?nppbkc=${i.nppbkc}&tanggalAwal=2000-01-01&tanggalAkhir=2099-12-31` }],
  '/data-merk/browse': (i) => [{ method: 'GET', url: `/data-merk/browse?nppbkc=${i.nppbkc}` }],
  '/portal/tarif-merk/browse-ea': (i) => [{ method: 'GET', url: `/portal/tarif-merk/browse-ea?nppbkc=${i.nppbkc}` }],
  '/portal/tarif-merk/browse-mmea': (i) => [{ method: 'GET', url: `/portal/tarif-merk/browse-mmea?nppbkc=${i.nppbkc}` }],
  '/portal/tarif-merk/browse-ht': (i) => [{ method: 'GET', url: `/portal/tarif-merk/browse-ht?nppbkc=${i.nppbkc}` }],
  '/sandbox/v1/cukai/ck4/:idCk4/versions': (i) => [{ method: 'GET', url: `/sandbox/v1/cukai/ck4/${i.idCk4}/versions` }],
  '/sandbox/v1/cukai/ck4/:idCk4/versions/:version/dokumen': (i) => [{ method: 'GET', url: `/sandbox/v1/cukai/ck4/${i.idCk4}/versions/1/dokumen` }],
  '/referensi/ck1/getKuasa': (i) => [{ method: 'GET', url: `/referensi/ck1/getKuasa?nppbkc=${i.nppbkc}` }],
  '/getAllTrNppbkc': (i) => [{ method: 'GET', url: `/getAllTrNppbkc?nppbkc=${i.nppbkc}` }, { method: 'GET', url: `/getAllTrNppbkc?idNppbkc=${i.nppbkcId}` }],
  '/nppbkc/browseNppbkc': (i) => [{ method: 'GET', url: `/nppbkc/browseNppbkc?nppbkc=${i.nppbkc}` }],
  '/kode-kantor/by-nppbkc': (i) => [{ method: 'GET', url: `/kode-kantor/by-nppbkc?nppbkc=${i.nppbkc}` }],
  '/openapi/cnpibk/respon/tarik-respon': (i) => [{ method: 'GET', url: `/openapi/cnpibk/respon/tarik-respon?nomorAju=${i.barkirAju}` }, { method: 'GET', url: `/openapi/cnpibk/respon/tarik-respon-by-aju?nomorAju=${i.barkirAju}` }],
  '/openapi/cnpibk/billing-konsolidasi/tarik-billing': (i) => [{ method: 'GET', url: `/openapi/cnpibk/billing-konsolidasi/tarik-billing?kodeBilling=${i.barkirBilling}` }],
  '/openapi/cnpibk/billing-konsolidasi/tarik-billing/:kodeBilling': (i) => [{ method: 'GET', url: `/openapi/cnpibk/billing-konsolidasi/tarik-billing/${i.barkirBilling}` }],
  '/openapi/cnpibk/download-respon': (i) => [{ method: 'GET', url: `/openapi/cnpibk/download-respon?path=${encodeURIComponent(`report_barkir/billing/x-${i.barkirBilling}_303_billing.pdf`)}` }],
  '/openapi/cnpibk/bc11/update-bc11': (i) => [{ method: 'POST', url: '/openapi/cnpibk/bc11/update-bc11', json: { nomorAju: i.barkirAju, nomorBC11: '09999', posBC11: '000100050001', tanggalBC11: '2024-02-29' } }],
  '/openapi/cnpibk/xray/kirim-foto-xray': (i) => [{ method: 'POST', url: '/openapi/cnpibk/xray/kirim-foto-xray', form: xrayForm(xrayData(i), [{ name: 'b.png', bytes: png(3, 3) }]) }],
  '/openapi/cnpibk/xray/add-foto-xray': (i) => [{ method: 'POST', url: '/openapi/cnpibk/xray/add-foto-xray', form: xrayForm(xrayData(i), [{ name: 'b.png', bytes: png(3, 3) }]) }],
  '/openapi/cnpibk/xray/get-foto-xray': (i) => [{ method: 'GET', url: `/openapi/cnpibk/xray/get-foto-xray?${new URLSearchParams(xrayData(i))}` }],
  '/openapi/cnpibk/xray/download-foto-xray': (i) => [
    { method: 'GET', url: `/openapi/cnpibk/xray/download-foto-xray?${new URLSearchParams({ ...xrayData(i), urutan: '1' })}` },
    { method: 'GET', url: `/openapi/cnpibk/xray/download-foto-xray?${new URLSearchParams({ ...xrayData(i), namaFile: i.namaFile })}` },
  ],
  '/openapi/cnpibk/bc14/cek-status-bc14': (i) => [{ method: 'GET', url: `/openapi/cnpibk/bc14/cek-status-bc14?noAju=${i.barkirAju}` }],
  '/h2h-ebk-parser-service/openapi/respon-per-dokumen': (i) => [{ method: 'GET', url: `/h2h-ebk-parser-service/openapi/respon-per-dokumen?nomorAju=${i.barkirAju}&nomorBarang=${i.blAwb}` }],
};

/**
 * Routes without identifiers of another tenant (reference data, the caller's own clock and
 * lists, sends that create the caller's own records). Their answers are scoped by the token
 * and checked for leaks of A's identifiers below.
 */
const OWN_SCOPE = new Set([
  '/healthz', '/v1/openapi-auth/user/login', '/v1/openapi-auth/user/update-token',
  '/sandbox/v1/clock', '/sandbox/v1/clock/freeze', '/sandbox/v1/clock/advance', '/sandbox/v1/clock/resume', '/sandbox/v1/clock/reset',
  '/openapi/kurs/:kodeValuta', '/openapi/hs-lartas', '/openapi/tarif-hs', '/openapi/manifes-bc11', '/openapi/pelabuhan/kata/:kata',
  '/openapi/referensi/pelabuhan-luar-negeri/:kata', '/openapi/pelabuhan/kodeKantor/:kodeKantor', '/openapi/referensi/pelabuhan-dalam-negeri/:kodeKantor',
  '/openapi/gudangTPS/kodeKantor/:kodeKantor', '/openapi/referensi/tps-gudang/:kodeKantor', '/openapi/referensi/kantor', '/sandbox/v1/referensi',
  '/sandbox/v1/referensi/:name', '/openapi/document/check', '/cekBatasTanggalP3c', '/jenis-produksi/portal/getJenisProduksiByKodeJenisProduksi',
  '/openapi/cnpibk/kirim-data-cnpibk', '/openapi/cnpibk/respon/tarik-respon-by-status', '/openapi/cnpibk/bc14/kirim-data', '/openapi/cnpibk/bc14/pecah-pos',
  '/openapi/cnpibk/daftar-tertentu/kirim-data', '/openapi/cnpibk/daftar-tertentu/request-respon', '/openapi/cnpibk/e-catalogue/send-data',
  '/openapi/cnpibk/e-catalogue/getResponse', '/openapi/cnpibk/e-invoice/send-data', '/openapi/cnpibk/e-invoice/getResponse',
  '/h2h-ebk-parser-service/openapi/cn', '/h2h-ebk-parser-service/openapi/pkbk', '/h2h-ebk-parser-service/openapi/excel',
  '/h2h-ebk-parser-service/openapi/excel/template',
  '/h2h-ebk-parser-service/openapi/respon-per-tanggal', '/h2h-ebk-parser-service/openapi/respon-tanggal-barang', '/openapi/cnpibk/respon/ekspor-by-tanggal-submit',
]);

function xrayData(i: Ids): Record<string, string> {
  return { nomorAju: i.barkirAju, nomorBlAwb: i.blAwb, tanggalBlAwb: i.tanggalBlAwb, kodeKantor: i.kantorBarkir };
}

function perbaikanForm(idCk4: string) {
  const b = 'sweepBoundary';
  const parts = [['idCk4Header', idCk4], ['nomorSurat', 'S-1/2024'], ['tanggalSurat', '2024-08-21'], ['alasan', 'koreksi']];
  const body = parts.map(([k, v]) => `--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join('') + `--${b}--\r\n`;
  return { payload: Buffer.from(body), headers: { 'content-type': `multipart/form-data; boundary=${b}` } };
}

/** The same identifiers, changed to ones no company has (same length and alphabet). */
function fakeIds(i: Ids): Ids {
  const flip = (s: string) => s.replace(/\d(?=\D*$)/, (d) => String((Number(d) + 5) % 10)).replace(/^(.*)(\d{3})(\D*)$/, (_m, a, b, c) => `${a}${String((Number(b) + 477) % 1000).padStart(3, '0')}${c}`);
  const uuid = (s: string) => (/^[0-9a-f-]{36}$/i.test(s) ? `${s.slice(0, 24)}${'ab12cd34ef56'}` : flip(s));
  return {
    npeDate: `${String(Number(i.npeDate.slice(0, 4)) - 3)}${i.npeDate.slice(4)}`, kodeGudang: `${i.kodeGudang}Z`,
    aju: flip(i.aju), draftAju: flip(i.draftAju), aju27: flip(i.aju27), kantor27: i.kantor27, kodeKantor: i.kodeKantor, kodeBilling: flip(i.kodeBilling), pdfPath: i.pdfPath.replace(i.aju, flip(i.aju)).replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, (u) => uuid(u)),
    barkirAju: flip(i.barkirAju), barkirBilling: flip(i.barkirBilling), blAwb: `${i.blAwb}Z`, tanggalBlAwb: i.tanggalBlAwb, kantorBarkir: i.kantorBarkir,
    namaFile: `zz${i.namaFile}`, idCk4: uuid(i.idCk4), idCk4Ea: uuid(i.idCk4Ea), idCk4Mmea: uuid(i.idCk4Mmea), nppbkc: flip(i.nppbkc), nppbkcId: uuid(i.nppbkcId),
  };
}

/** A comparable form of an answer: identifiers of either variant and times masked. */
function normalize(status: number, type: string, body: string, ids: Ids): string {
  let text = /json/.test(type) ? body : `<${type.split(';')[0]} ${body.length > 0 ? 'non-empty' : 'empty'}>`;
  // dates are no identifiers (and would clash with timestamps): only the rest is masked
  const values = Object.values(ids).filter((v) => v.length >= 4 && !/^\d{4}-\d{2}-\d{2}$/.test(v)).sort((a, b) => b.length - a.length);
  for (const v of values) text = text.split(v).join('<ID>');
  for (const v of values) text = text.split(encodeURIComponent(v)).join('<ID>');
  text = text
    .replace(/\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d+)?Z?([+-]\d{2}:?\d{2})?/g, '<TS>')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<UUID>');
  return `${status} ${text}`;
}

for (const engine of ENGINES) {
  describe(`tenant isolation sweep (${engine})`, () => {
    let app: TestApp;
    let a: Record<string, string>;
    let b: Record<string, string>;
    let ids: Ids;
    const secrets: string[] = [];

    before(async () => {
      app = await testApp(engine);
      a = await app.login();
      b = (await app.otherCompany()).headers;
      const call = async (method: 'GET' | 'POST', url: string, json?: unknown, extra: Record<string, string> = {}) => {
        const r = await app.inject({ method, url, headers: { ...a, ...extra, ...(json !== undefined ? { 'content-type': 'application/json' } : {}) }, payload: json === undefined ? undefined : JSON.stringify(json) });
        assert.ok(r.statusCode < 300, `${method} ${url}: ${r.statusCode} ${r.body.slice(0, 400)}`);
        return r.json();
      };
      // customs: a final document on a red lane with billing, walked one day; a draft
      await call('POST', '/sandbox/v1/clock/freeze', {});
      const aju = EXAMPLE.nomorAju as string;
      await call('POST', '/openapi/document?isFinal=true', EXAMPLE, { 'x-ceisa-lane': 'red', 'x-ceisa-billing': 'required' });
      const draftAju = `${aju.slice(0, -6)}000777`;
      await call('POST', '/openapi/document?isFinal=false', { ...EXAMPLE, nomorAju: draftAju });
      await call('POST', '/openapi/document?isFinal=true', EXAMPLE27);
      // an export with its NPE (green lane: the nomorAju ends in 0-6)
      const aju30 = `${(EXAMPLE30.nomorAju as string).slice(0, -6)}000761`;
      await call('POST', '/openapi/document?isFinal=true', { ...EXAMPLE30, nomorAju: aju30 }, { 'x-ceisa-lane': 'green', 'x-ceisa-outcome': 'accept' });
      await call('POST', '/sandbox/v1/clock/advance', { by: '1d' });
      // B's clock runs as far, so whatever A has that is due would be due for B as well
      for (const [path, json] of [['freeze', {}], ['advance', { by: '1d' }]] as const) {
        const r = await app.inject({ method: 'POST', url: `/sandbox/v1/clock/${path}`, headers: { ...b, 'content-type': 'application/json' }, payload: JSON.stringify(json) });
        assert.equal(r.statusCode, 200, r.body);
      }
      const st = await call('GET', `/openapi/status/${aju}`);
      const billing = st.dataRespon.find((r: any) => Array.isArray(r.billingPungutans) && r.billingPungutans.length);
      const pdf = st.dataRespon.find((r: any) => typeof r.pdf === 'string' && r.pdf);
      const npe = (await call('GET', `/openapi/status/${aju30}`)).dataRespon.find((r: any) => r.keterangan === 'NPE');
      assert.ok(npe, 'A\'s BC 3.0 has its NPE');
      // consignments: the seed's X-ray consignment, photos uploaded
      const sent = await call('POST', '/openapi/cnpibk/kirim-data-cnpibk', [consignment()]);
      const barkirAju = sent.data[0].nomorAju as string;
      const form = xrayForm(SEED_DATA, [{ name: 'image1.png', bytes: png(4, 4) }]);
      const up = await app.inject({ method: 'POST', url: '/openapi/cnpibk/xray/kirim-foto-xray', headers: { ...a, ...form.headers }, payload: form.payload });
      assert.equal(up.json().success, true, up.body);
      const photos = await call('GET', `/openapi/cnpibk/xray/get-foto-xray?${new URLSearchParams(SEED_DATA)}`);
      const companyA = (await app.ctx.accounts.findCompany('012345678901234'))!;
      const barkirDoc = await app.ctx.db.selectFrom('barkir_documents').select(['kode_billing']).where('company_id', '=', companyA.id).where('nomor_aju', '=', barkirAju).executeTakeFirstOrThrow();
      const ck4 = await app.ctx.db.selectFrom('cukai_ck4').selectAll().where('company_id', '=', companyA.id).execute();
      const nppbkc = await app.ctx.db.selectFrom('cukai_nppbkc').selectAll().where('company_id', '=', companyA.id).orderBy('nppbkc').executeTakeFirstOrThrow();
      const kindOf = (k: string) => ck4.find((r: any) => String(r.kind ?? r.jenis ?? '').toUpperCase() === k) as { id: string } | undefined;
      ids = {
        aju, draftAju, aju27: String(EXAMPLE27.nomorAju), kantor27: String(EXAMPLE27.kodeKantor), kodeKantor: String(EXAMPLE.kodeKantor), kodeBilling: billing.billingPungutans[0].kodeBilling, pdfPath: pdf.pdf,
        npeDate: (npe.tanggalRespon as string).split('-').reverse().join('-'), kodeGudang: String(EXAMPLE30.kodeTps),
        barkirAju, barkirBilling: barkirDoc.kode_billing ?? '123456789012345', blAwb: SEED_DATA.nomorBlAwb, tanggalBlAwb: SEED_DATA.tanggalBlAwb, kantorBarkir: SEED_DATA.kodeKantor,
        namaFile: JSON.stringify(photos).match(/"namaFile":"([^"]+)"/)?.[1] ?? 'image1.png',
        idCk4: (kindOf('HT') ?? ck4[0]!).id, idCk4Ea: (kindOf('EA') ?? ck4[0]!).id, idCk4Mmea: (kindOf('MMEA') ?? ck4[0]!).id,
        nppbkc: nppbkc.nppbkc, nppbkcId: nppbkc.id,
      };
      secrets.push(aju30, ids.aju, ids.draftAju, ids.kodeBilling, ids.barkirAju, ids.idCk4, ids.nppbkc, ids.nppbkcId, 'PT DEMO CEISA', 'MIL MILAH', ids.namaFile);
    });
    after(async () => app?.close());

    test('every route is either swept with A\'s identifiers or scoped to the caller only', () => {
      const unclassified = allEndpoints().map((e) => e.paths[0]!).filter((p) => !(p in SWEEP) && !OWN_SCOPE.has(p) && !p.startsWith('/openapi/cnpibk/referensi'));
      assert.deepEqual(unclassified, [], 'classify new routes in test/robustness/tenancy.test.ts');
    });

    test('company B with A\'s identifiers gets exactly the answer of unknown identifiers; nothing leaks, nothing changes', async () => {
      const fake = fakeIds(ids);
      let compared = 0;
      let ownDiffers = 0;
      const sameForOwner: string[] = [];
      for (const [route, make] of Object.entries(SWEEP)) {
        const real = make(ids);
        const other = make(fake);
        for (let k = 0; k < real.length; k++) {
          const send = async (c: Call) => {
            const headers: Record<string, string> = { ...b, ...(c.json !== undefined ? { 'content-type': 'application/json' } : {}), ...(c.form?.headers ?? {}) };
            const s0 = await snapshot(app.ctx);
            const r = await app.inject({ method: c.method, url: c.url, headers, payload: c.form ? c.form.payload : c.json === undefined ? undefined : JSON.stringify(c.json) });
            const s1 = await snapshot(app.ctx);
            return { r, s0, s1 };
          };
          const x = await send(real[k]!);
          const y = await send(other[k]!);
          const what = `${route} #${k}: ${real[k]!.method} ${real[k]!.url.slice(0, 160)}`;
          assert.ok(x.r.statusCode < 500, `${what}: ${x.r.statusCode} ${x.r.body.slice(0, 300)}`);
          assert.equal(
            normalize(x.r.statusCode, String(x.r.headers['content-type'] ?? ''), x.r.body, ids),
            normalize(y.r.statusCode, String(y.r.headers['content-type'] ?? ''), y.r.body, fake),
            `${what}: A's identifier answered differently from an unknown one`,
          );
          assertSameSnapshot(x.s0, x.s1, `B with A's identifiers: ${what}`);
          // the identifiers are real: A itself gets another answer on reads
          if (real[k]!.method === 'GET') {
            const own = await app.inject({ method: 'GET', url: real[k]!.url, headers: a });
            if (normalize(own.statusCode, String(own.headers['content-type'] ?? ''), own.body, ids) !== normalize(x.r.statusCode, String(x.r.headers['content-type'] ?? ''), x.r.body, ids)) ownDiffers++;
            else sameForOwner.push(`${what} -> ${own.statusCode} ${own.body.slice(0, 120)}`);
          }
          assertSameSnapshot(y.s0, y.s1, `B with unknown identifiers: ${what}`);
          compared++;
        }
      }
      assert.ok(compared >= 40, `compared ${compared}`);
      if (process.env.SWEEP_DEBUG) console.log(sameForOwner.join('\n'));
      // reads whose answer for the owner equals a stranger's (e.g. the once-only queue already pulled) are few
      assert.ok(ownDiffers >= 25, `only ${ownDiffers} reads answer A differently from B:\n${sameForOwner.join('\n')}`);
    });

    test('B sending documents with A\'s nomorAju (final and draft) gets what a fresh nomorAju gets; A\'s documents are untouched', async () => {
      const companyA = (await app.ctx.accounts.findCompany('012345678901234'))!;
      const rowsOfA = async () => JSON.stringify(await app.ctx.db.selectFrom('pabean_documents').selectAll().where('company_id', '=', companyA.id).orderBy('id').execute());
      const before = await rowsOfA();
      const fake = fakeIds(ids);
      const send = async (q: string, aju: string) => {
        const r = await app.inject({ method: 'POST', url: `/openapi/document?${q}`, headers: { ...b, 'content-type': 'application/json' }, payload: JSON.stringify({ ...EXAMPLE, nomorAju: aju, namaTtd: 'ORANG B' }) });
        return r;
      };
      for (const [q, real, unknown] of [['isFinal=false', ids.draftAju, fake.draftAju], ['isFinal=true', ids.aju, fake.aju]] as const) {
        const x = await send(q, real);
        const y = await send(q, unknown);
        assert.equal(x.statusCode, 200, x.body);
        assert.equal(normalize(x.statusCode, 'application/json', x.body, ids), normalize(y.statusCode, 'application/json', y.body, fake), `${q}: A's nomorAju answered differently`);
      }
      assert.equal(await rowsOfA(), before, 'A\'s documents changed');
    });

    test('B\'s own lists and queues never contain A\'s data', async () => {
      const lists = ['/openapi/status?idPerusahaan=012345678901234', '/openapi/cnpibk/respon/tarik-respon-by-status', '/openapi/cnpibk/billing-konsolidasi/tarik-billing', '/portal/ck4/browse', '/nppbkc/browseNppbkc', '/getAllTrNppbkc',
        '/openapi/cnpibk/e-catalogue/getResponse?page=1&limit=10', '/openapi/cnpibk/e-invoice/getResponse', '/openapi/cnpibk/bc14/pecah-pos', '/openapi/cnpibk/daftar-tertentu/request-respon',
        '/h2h-ebk-parser-service/openapi/respon-per-tanggal?tanggal=2024-02-28', '/openapi/cnpibk/respon/ekspor-by-tanggal-submit?tanggal=2024-02-28', '/sandbox/v1/clock'];
      for (const url of lists) {
        const r = await app.inject({ method: 'GET', url, headers: b });
        assert.ok(r.statusCode < 500, `${url}: ${r.statusCode}`);
        for (const s of secrets) assert.ok(!r.body.includes(s), `${url} leaks "${s}": ${r.body.slice(0, 300)}`);
      }
    });
  });
}
