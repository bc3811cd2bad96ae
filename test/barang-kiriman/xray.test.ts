import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ENGINES } from '../helpers/db.ts';
import { testApp, type TestApp } from '../helpers/app.ts';
import { startS3 } from '../helpers/s3.ts';
import { consignment, jpeg, multipart, png, SEED_AJU, SEED_DATA, xrayForm } from './fixtures.ts';

const TS = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const MAX_FILE = 64 * 1024;
const MAX_FILES = 3;

function body(res: { json(): unknown }): Record<string, any> {
  return res.json() as Record<string, any>;
}

for (const engine of ENGINES) {
  for (const store of ['fs', 's3'] as const) {
    describe(`X-ray photos (${engine}, ${store} blobs)`, () => {
      let app: TestApp;
      let h: Record<string, string>;
      let s3: Awaited<ReturnType<typeof startS3>> | undefined;
      const img1 = jpeg(3000);
      const img2 = png(4, 4);
      const img3 = png(8, 8);

      before(async () => {
        if (store === 's3') s3 = await startS3();
        app = await testApp(engine, { upload: { maxFileBytes: MAX_FILE, maxFiles: MAX_FILES }, ...(s3 ? { s3: s3.config } : {}) });
        assert.equal(app.ctx.blobs.kind, store);
        h = await app.login();
      });
      after(async () => {
        await app.close();
        await s3?.stop();
      });

      const blobs = () => app.ctx.blobs.list('xray/');
      const photoRows = async () => (await app.ctx.db.selectFrom('barkir_xray_photos').select('id').execute()).length;
      const xrayRows = async () => (await app.ctx.db.selectFrom('barkir_xray').select('id').execute()).length;
      const partials = () => (store === 'fs' ? fs.readdirSync(path.join(app.storage.dataDir, 'blobs', '.partial')) : []);
      async function nothingStoredBeyond(expectBlobs: number, expectPhotos: number) {
        assert.equal((await blobs()).length, expectBlobs, 'blob count');
        assert.equal(await photoRows(), expectPhotos, 'photo rows');
        assert.deepEqual(partials(), [], 'no partial uploads left');
      }
      const post = (op: string, form: { payload: Buffer; headers: Record<string, string> }, headers = h, base = '/openapi/cnpibk/xray') =>
        app.inject({ method: 'POST', url: `${base}/${op}`, headers: { ...headers, ...form.headers }, payload: form.payload });

      test('kirim before the consignment was sent: HTTP 200 with code 404, nothing stored', async () => {
        const res = await post('kirim-foto-xray', xrayForm(SEED_DATA, [{ name: 'image1.jpg', bytes: img1, type: 'image/jpeg' }]));
        assert.equal(res.statusCode, 200);
        const b = body(res);
        assert.match(b.timestamp, TS);
        assert.deepEqual({ ...b, timestamp: 'x' }, { success: false, data: null, timestamp: 'x', code: 404, message: 'Gagal Kirim Foto Xray, Data BL/AWB CN tidak ditemukan' });
        await nothingStoredBeyond(0, 0);
      });

      test('the consignment the seed refers to gets the seed nomorAju', async () => {
        const res = await app.inject({ method: 'POST', url: '/openapi/cnpibk/kirim-data-cnpibk', headers: h, payload: [consignment()] });
        assert.equal(res.statusCode, 200, res.body);
        assert.equal(body(res).data[0].nomorAju, SEED_AJU);
      });

      test('kirim: two images, the seed answer', async () => {
        const res = await post('kirim-foto-xray', xrayForm(SEED_DATA, [
          { name: 'image1.jpg', bytes: img1, type: 'image/jpeg' },
          { name: 'image2.png', bytes: img2 },
        ]));
        assert.equal(res.statusCode, 200, res.body);
        const b = body(res);
        assert.match(b.timestamp, TS);
        assert.deepEqual({ ...b, timestamp: 'x' }, {
          success: true,
          data: {
            nomorAju: SEED_AJU, nomorBlAwb: 'CNTESTXRAY3', tanggalBlAwb: '2025-09-30', kodeKantor: '009000',
            npwpPemberitahu: '0123456789012345000000', jumlahFotoTerupload: 2, keterangan: 'Sukses Upload Foto',
          },
          timestamp: 'x', code: 200, message: 'Sukses Kirim Foto Xray',
        });
        await nothingStoredBeyond(2, 2);
        // keys are server-made, never the client's names
        for (const k of await blobs()) assert.doesNotMatch(k, /image/);
      });

      test('second kirim for the same declaration: HTTP 409, nothing more stored', async () => {
        const res = await post('kirim-foto-xray', xrayForm(SEED_DATA, [{ name: 'image9.png', bytes: img3 }]));
        assert.equal(res.statusCode, 409);
        assert.deepEqual({ ...body(res), timestamp: 'x' }, { success: false, data: null, timestamp: 'x', code: 409, message: 'Data X-Ray sudah ada, silahkan gunakan API add untuk menambah foto' });
        await nothingStoredBeyond(2, 2);
      });

      test('add: one more image on the development base path', async () => {
        const res = await post('add-foto-xray', xrayForm(SEED_DATA, [{ name: 'image3.png', bytes: img3 }]), h, '/kirim-cn-pibk-barkir-public/kirim-cn-pibk-barkir/xray');
        assert.equal(res.statusCode, 200, res.body);
        const b = body(res);
        assert.equal(b.message, 'Sukses Menambah Foto Xray');
        assert.equal(b.data.jumlahFotoTerupload, 1);
        assert.equal(b.code, 200);
        await nothingStoredBeyond(3, 3);
      });

      test('add on a declaration with no photos: HTTP 200 with code 404', async () => {
        const res = await post('add-foto-xray', xrayForm({ ...SEED_DATA, nomorAju: 'NOPE' }, [{ name: 'a.png', bytes: img2 }]));
        assert.equal(res.statusCode, 200);
        assert.deepEqual({ ...body(res), timestamp: 'x' }, { success: false, data: null, timestamp: 'x', code: 404, message: 'Data Foto Xray tidak ditemukan' });
        await nothingStoredBeyond(3, 3);
      });

      test('get by nomorAju and by BL/AWB: the seed shape with every photo', async () => {
        for (const url of [
          `/openapi/cnpibk/xray/get-foto-xray?nomorAju=${SEED_AJU}`,
          '/v2/openapi/cnpibk/xray/get-foto-xray?nomorBlAwb=CNTESTXRAY3&tanggalBlAwb=2025-09-30&kodeKantor=009000',
        ]) {
          const res = await app.inject({ method: 'GET', url, headers: h });
          assert.equal(res.statusCode, 200, res.body);
          const b = body(res);
          assert.equal(b.message, 'Sukses Mengambil Data Foto X-Ray');
          assert.equal(b.data.totalFotoTerupload, 3);
          assert.equal(b.data.keterangan, null);
          assert.equal(b.data.npwpPemberitahu, '0123456789012345000000');
          assert.deepEqual(b.data.detail.map((d: any) => d.namaFile), ['image1.jpg', 'image2.png', 'image3.png']);
          for (const d of b.data.detail) assert.match(d.waktuRekam, TS);
          assert.deepEqual(Object.keys(b.data.detail[0]), ['namaFile', 'waktuRekam']);
        }
      });

      test('get of nothing: HTTP 404 with the seed body; bad queries name the field', async () => {
        const res = await app.inject({ method: 'GET', url: '/openapi/cnpibk/xray/get-foto-xray?nomorAju=NOPE', headers: h });
        assert.equal(res.statusCode, 404);
        assert.deepEqual({ ...body(res), timestamp: 'x' }, { success: false, data: null, timestamp: 'x', code: 404, message: 'Data Foto Xray tidak ditemukan atas request yang diminta' });
        const none = await app.inject({ method: 'GET', url: '/openapi/cnpibk/xray/get-foto-xray', headers: h });
        assert.equal(none.statusCode, 400);
        assert.equal(body(none).code, 400);
        const partial = await app.inject({ method: 'GET', url: '/openapi/cnpibk/xray/get-foto-xray?nomorBlAwb=CNTESTXRAY3&tanggalBlAwb=30-09-2025', headers: h });
        assert.equal(partial.statusCode, 400);
        const fields = body(partial).data.errors.map((e: any) => e.field);
        assert.deepEqual(fields.sort(), ['/querystring/kodeKantor', '/querystring/tanggalBlAwb']);
      });

      test('download a stored photo: the same bytes and type', async () => {
        const res = await app.inject({ method: 'GET', url: `/openapi/cnpibk/xray/download-foto-xray?nomorAju=${SEED_AJU}&urutan=1`, headers: h });
        assert.equal(res.statusCode, 200);
        assert.equal(res.headers['content-type'], 'image/jpeg');
        assert.deepEqual(res.rawPayload, img1);
        const byName = await app.inject({ method: 'GET', url: `/openapi/cnpibk/xray/download-foto-xray?nomorAju=${SEED_AJU}&namaFile=image2.png`, headers: h });
        assert.deepEqual(byName.rawPayload, img2);
        const missing = await app.inject({ method: 'GET', url: `/openapi/cnpibk/xray/download-foto-xray?nomorAju=${SEED_AJU}&urutan=9`, headers: h });
        assert.equal(missing.statusCode, 404);
      });

      test('bad inputs are refused with the field named, and nothing is stored', async () => {
        const cases: { name: string; form: { payload: Buffer; headers: Record<string, string> }; status: number; field: RegExp; op?: string }[] = [
          { name: 'non-image bytes', form: xrayForm(SEED_DATA, [{ name: 'fake.png', bytes: Buffer.from('this is not an image at all'.repeat(20)) }]), status: 400, field: /^\/images\/0$/, op: 'add-foto-xray' },
          { name: 'a pdf named .jpg', form: xrayForm(SEED_DATA, [{ name: 'ok.png', bytes: img2 }, { name: 'doc.jpg', bytes: Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n'), type: 'image/jpeg' }]), status: 400, field: /^\/images\/1$/, op: 'add-foto-xray' },
          { name: 'oversize image after a good one', form: xrayForm(SEED_DATA, [{ name: 'ok.png', bytes: img2 }, { name: 'big.png', bytes: png(2, 2, MAX_FILE + 10) }]), status: 413, field: /^\/images$/, op: 'add-foto-xray' },
          { name: 'too many images', form: xrayForm(SEED_DATA, [1, 2, 3, 4].map((i) => ({ name: `i${i}.png`, bytes: img2 }))), status: 413, field: /^\/images$/, op: 'add-foto-xray' },
          { name: 'missing data part', form: multipart([{ name: 'images', value: img2, filename: 'a.png', type: 'image/png' }]), status: 400, field: /^\/data$/, op: 'add-foto-xray' },
          { name: 'data after the images, missing a field', form: multipart([{ name: 'images', value: img2, filename: 'a.png', type: 'image/png' }, { name: 'data', value: JSON.stringify({ ...SEED_DATA, nomorBlAwb: undefined }), type: 'application/json' }]), status: 400, field: /^\/data\/nomorBlAwb$/, op: 'add-foto-xray' },
          { name: 'bad date', form: xrayForm({ ...SEED_DATA, tanggalBlAwb: '30-09-2025' }, [{ name: 'a.png', bytes: img2 }]), status: 400, field: /^\/data\/tanggalBlAwb$/ },
          { name: 'impossible date', form: xrayForm({ ...SEED_DATA, tanggalBlAwb: '2025-02-30' }, [{ name: 'a.png', bytes: img2 }]), status: 400, field: /^\/data\/tanggalBlAwb$/ },
          { name: 'unknown office', form: xrayForm({ ...SEED_DATA, kodeKantor: '123456' }, [{ name: 'a.png', bytes: img2 }]), status: 400, field: /^\/data\/kodeKantor$/ },
          { name: 'number instead of string', form: xrayForm({ ...SEED_DATA, nomorAju: 12345 }, [{ name: 'a.png', bytes: img2 }]), status: 400, field: /^\/data\/nomorAju$/ },
          { name: 'data not JSON', form: xrayForm('{nomorAju:', [{ name: 'a.png', bytes: img2 }]), status: 400, field: /^\/data$/ },
          { name: 'no images', form: xrayForm(SEED_DATA, []), status: 400, field: /^\/images$/, op: 'add-foto-xray' },
          { name: 'empty image', form: xrayForm(SEED_DATA, [{ name: 'empty.png', bytes: Buffer.alloc(0) }]), status: 400, field: /^\/images\/0$/, op: 'add-foto-xray' },
        ];
        for (const c of cases) {
          const res = await post(c.op ?? 'kirim-foto-xray', c.form);
          assert.equal(res.statusCode, c.status, `${c.name}: ${res.body}`);
          const b = body(res);
          assert.equal(b.success, false, c.name);
          assert.equal(b.code, c.status, c.name);
          assert.match(b.timestamp, TS);
          assert.ok(b.message.length > 10, c.name);
          assert.ok(b.data.errors.some((e: any) => c.field.test(e.field)), `${c.name}: ${JSON.stringify(b.data.errors)}`);
          await nothingStoredBeyond(3, 3);
        }
        const json = await app.inject({ method: 'POST', url: '/openapi/cnpibk/xray/kirim-foto-xray', headers: { ...h, 'content-type': 'application/json' }, payload: SEED_DATA });
        assert.equal(json.statusCode, 415);
        assert.equal(body(json).code, 415);
        await nothingStoredBeyond(3, 3);
      });

      test('without a token: HTTP 401 with the seed body', async () => {
        const res = await post('kirim-foto-xray', xrayForm(SEED_DATA, [{ name: 'a.png', bytes: img2 }]), { 'beacukai-api-key': 'demo-key' });
        assert.equal(res.statusCode, 401);
        assert.deepEqual({ ...body(res), timestamp: 'x' }, { success: false, data: null, timestamp: 'x', code: 401, message: 'Invalid Authorization Token' });
        await nothingStoredBeyond(3, 3);
      });

      test("another company never sees or touches this company's photos", async () => {
        const other = await app.otherCompany();
        const get = await app.inject({ method: 'GET', url: `/openapi/cnpibk/xray/get-foto-xray?nomorAju=${SEED_AJU}`, headers: other.headers });
        assert.equal(get.statusCode, 404);
        const byAwb = await app.inject({ method: 'GET', url: '/openapi/cnpibk/xray/get-foto-xray?nomorBlAwb=CNTESTXRAY3&tanggalBlAwb=2025-09-30&kodeKantor=009000', headers: other.headers });
        assert.equal(byAwb.statusCode, 404);
        const dl = await app.inject({ method: 'GET', url: `/openapi/cnpibk/xray/download-foto-xray?nomorAju=${SEED_AJU}&urutan=1`, headers: other.headers });
        assert.equal(dl.statusCode, 404);
        const add = await post('add-foto-xray', xrayForm(SEED_DATA, [{ name: 'x.png', bytes: img2 }]), other.headers);
        assert.equal(body(add).code, 404);
        const kirim = await post('kirim-foto-xray', xrayForm(SEED_DATA, [{ name: 'x.png', bytes: img2 }]), other.headers);
        assert.equal(body(kirim).code, 404);
        assert.equal(body(kirim).message, 'Gagal Kirim Foto Xray, Data BL/AWB CN tidak ditemukan');
        await nothingStoredBeyond(3, 3);
        assert.equal(await xrayRows(), 1);
      });

      test('the photos show in the consignment responses as status 102 (XRAY), pulled once by status', async () => {
        const byAju = await app.inject({ method: 'GET', url: `/openapi/cnpibk/respon/tarik-respon?nomorAju=${SEED_AJU}`, headers: h });
        assert.ok(body(byAju).data.some((d: any) => d.kodeStatus === '102' && d.uraianStatus === 'BARANG TELAH MELALUI PEMINDAI (X-RAY)'));
        const first = await app.inject({ method: 'GET', url: '/openapi/cnpibk/respon/tarik-respon-by-status?status=XRAY', headers: h });
        assert.deepEqual(body(first).data.map((d: any) => [d.nomorAju, d.kodeStatus]), [[SEED_AJU, '102']]);
        const again = await app.inject({ method: 'GET', url: '/openapi/cnpibk/respon/tarik-respon-by-status?status=XRAY', headers: h });
        assert.deepEqual(body(again).data, []);
      });

      test('two kirim at once for one declaration: one succeeds, the other gets 409 and leaves no blob', async () => {
        const data = { ...SEED_DATA, nomorBlAwb: 'CNTESTXRAY4', nomorAju: SEED_AJU.replace('CNTESTXRAY3', 'CNTESTXRAY4') };
        const sent = await app.inject({ method: 'POST', url: '/openapi/cnpibk/kirim-data-cnpibk', headers: h, payload: [consignment({ nomorBarang: 'CNTESTXRAY4', nomorHouse: 'CNTESTXRAY4' })] });
        assert.equal(body(sent).data[0].nomorAju, data.nomorAju);
        const before = (await blobs()).length;
        const [a, b] = await Promise.all([
          post('kirim-foto-xray', xrayForm(data, [{ name: 'a.png', bytes: img2 }, { name: 'b.png', bytes: img3 }])),
          post('kirim-foto-xray', xrayForm(data, [{ name: 'c.png', bytes: img2 }, { name: 'd.png', bytes: img3 }])),
        ]);
        assert.deepEqual([a.statusCode, b.statusCode].sort(), [200, 409]);
        assert.equal((await blobs()).length, before + 2);
        assert.deepEqual(partials(), []);
        const g = await app.inject({ method: 'GET', url: `/openapi/cnpibk/xray/get-foto-xray?nomorAju=${data.nomorAju}`, headers: h });
        assert.equal(body(g).data.totalFotoTerupload, 2);
        const pulls = await Promise.all([1, 2, 3, 4].map(() => app.inject({ method: 'GET', url: '/openapi/cnpibk/respon/tarik-respon-by-status?status=XRAY', headers: h })));
        assert.equal(pulls.reduce((n, r) => n + body(r).data.length, 0), 1, 'each response delivered once across concurrent pulls');
      });
    });
  }
}
