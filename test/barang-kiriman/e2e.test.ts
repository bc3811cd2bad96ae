import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ENGINES, createTestStorage, type TestStorage } from '../helpers/db.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';
import { startS3 } from '../helpers/s3.ts';
import { consignment, jpeg, png, SEED_AJU, SEED_DATA } from './fixtures.ts';
import { openBlobStore } from '../../src/blobs/index.ts';

// The seed's examples (seeds/000_1ce828f37ac15ffc.txt), verbatim.
const SEED_KIRIM = `curl -X POST \\
  https://apisdev-gw.beacukai.go.id/openapi/cnpibk/xray/kirim-foto-xray \\
  -H 'Authorization: Bearer <your_token>' \\
  -H 'Content-Type: multipart/form-data' \\
  -F 'data={
        "kodeKantor": "009000",
        "nomorBlAwb": "CNTESTXRAY3",
        "tanggalBlAwb": "2025-09-30",
        "nomorAju":"012345678901234500000020250930CNTESTXRAY3CN1"
      };type=application/json' \\
  -F 'images=@/path/to/your/image1.jpg' \\
  -F 'images=@/path/to/your/image2.png'`;

const SEED_GET_AJU = `curl -X GET \\
  'https://apisdev-gw.beacukai.go.id/openapi/cnpibk/xray/get-foto-xray?nomorAju=012345678901234500000020250930CNTESTXRAY3CN1' \\
  -H 'Authorization: Bearer <your_token>'`;

const SEED_GET_AWB = `curl -X GET \\
  'https://apisdev-gw.beacukai.go.id/openapi/cnpibk/xray/get-foto-xray?nomorBlAwb=CNTESTXRAY3&tanggalBlAwb=2025-09-30&kodeKantor=009000' \\
  -H 'Authorization: Bearer <your_token>'`;

const TS = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

for (const engine of ENGINES) {
  const store = engine === 'sqlite' ? 'fs' : 's3';
  describe(`barang kiriman over real HTTP (${engine}, ${store} blobs)`, () => {
    let storage: TestStorage;
    let srv: RunningServer;
    let s3: Awaited<ReturnType<typeof startS3>> | undefined;
    let token = '';
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ceisa40-xray-'));
    const img1 = jpeg(5000);
    const img2 = png(16, 16);

    before(async () => {
      storage = await createTestStorage(engine);
      if (store === 's3') s3 = await startS3();
      srv = await startServer({ CEISA_DATA_DIR: storage.dataDir, ...(storage.databaseUrl ? { DATABASE_URL: storage.databaseUrl } : {}), ...(s3?.env ?? {}) });
      const login = await fetch(`${srv.url}/v1/openapi-auth/user/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'demo', password: 'demo' }) });
      token = ((await login.json()) as { item: { access_token: string } }).item.access_token;
      fs.writeFileSync(path.join(dir, 'image1.jpg'), img1);
      fs.writeFileSync(path.join(dir, 'image2.png'), img2);
    });
    after(async () => {
      await srv.stop();
      await s3?.stop();
      await storage.cleanup();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    /** Runs a seed example with the sandbox's address, a real token and real files; adds the gateway's api-key header (the seed leaves it out). */
    // async: the S3 server runs in this process and must keep answering while curl waits
    async function curl(example: string): Promise<{ status: number; json: Record<string, any> }> {
      const cmd = example
        .replaceAll('https://apisdev-gw.beacukai.go.id', srv.url)
        .replaceAll('<your_token>', token)
        .replaceAll('/path/to/your/', `${dir}/`)
        .replace(/^curl /, "curl -s -w '\\n%{http_code}' -H 'beacukai-api-key: demo-key' ");
      const { stdout: out } = await promisify(execFile)('bash', ['-c', cmd], { encoding: 'utf8' });
      const nl = out.lastIndexOf('\n');
      return { status: Number(out.slice(nl + 1)), json: JSON.parse(out.slice(0, nl)) };
    }

    test('the seed kirim example before its consignment exists: HTTP 200, code 404', async () => {
      const r = await curl(SEED_KIRIM);
      assert.equal(r.status, 200);
      assert.equal(r.json.code, 404);
      assert.equal(r.json.message, 'Gagal Kirim Foto Xray, Data BL/AWB CN tidak ditemukan');
    });

    test('send the consignment, then the seed examples verbatim answer as the seed shows', async () => {
      const sent = await fetch(`${srv.url}/openapi/cnpibk/kirim-data-cnpibk`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'beacukai-api-key': 'demo-key' },
        body: JSON.stringify([consignment()]),
      });
      assert.equal(sent.status, 200);
      assert.equal(((await sent.json()) as any).data[0].nomorAju, SEED_AJU);

      const k = await curl(SEED_KIRIM);
      assert.equal(k.status, 200);
      assert.match(k.json.timestamp, TS);
      assert.deepEqual({ ...k.json, timestamp: '2023-10-27 10:00:00' }, {
        success: true,
        data: { nomorAju: SEED_AJU, nomorBlAwb: 'CNTESTXRAY3', tanggalBlAwb: '2025-09-30', kodeKantor: '009000', npwpPemberitahu: '0123456789012345000000', jumlahFotoTerupload: 2, keterangan: 'Sukses Upload Foto' },
        timestamp: '2023-10-27 10:00:00',
        code: 200,
        message: 'Sukses Kirim Foto Xray',
      });

      const again = await curl(SEED_KIRIM);
      assert.equal(again.status, 409);
      assert.deepEqual({ ...again.json, timestamp: 'x' }, { success: false, data: null, timestamp: 'x', code: 409, message: 'Data X-Ray sudah ada, silahkan gunakan API add untuk menambah foto' });

      // "Example Request (Same as /kirim-foto-xray)" for add
      const add = await curl(SEED_KIRIM.replace('kirim-foto-xray', 'add-foto-xray'));
      assert.equal(add.status, 200);
      assert.equal(add.json.message, 'Sukses Menambah Foto Xray');
      assert.equal(add.json.data.jumlahFotoTerupload, 2);

      for (const example of [SEED_GET_AJU, SEED_GET_AWB]) {
        const g = await curl(example);
        assert.equal(g.status, 200);
        assert.equal(g.json.message, 'Sukses Mengambil Data Foto X-Ray');
        assert.equal(g.json.data.totalFotoTerupload, 4);
        assert.deepEqual(g.json.data.detail.map((d: any) => d.namaFile), ['image1.jpg', 'image2.png', 'image1.jpg', 'image2.png']);
        assert.deepEqual(Object.keys(g.json.data), ['nomorAju', 'nomorBlAwb', 'tanggalBlAwb', 'kodeKantor', 'npwpPemberitahu', 'totalFotoTerupload', 'keterangan', 'detail']);
      }

      const dl = await fetch(`${srv.url}/openapi/cnpibk/xray/download-foto-xray?nomorAju=${SEED_AJU}&urutan=2`, { headers: { authorization: `Bearer ${token}`, 'beacukai-api-key': 'demo-key' } });
      assert.equal(dl.status, 200);
      assert.equal(dl.headers.get('content-type'), 'image/png');
      assert.deepEqual(Buffer.from(await dl.arrayBuffer()), img2);
    });

    test('a non-image upload over HTTP is refused and leaves nothing behind', async () => {
      fs.writeFileSync(path.join(dir, 'image1.jpg'), 'not an image, only text pretending to be a jpeg');
      try {
        const r = await curl(SEED_KIRIM.replace('kirim-foto-xray', 'add-foto-xray'));
        assert.equal(r.status, 400);
        assert.equal(r.json.code, 400);
        assert.equal(r.json.data.errors[0].field, '/images/0');
        const g = await curl(SEED_GET_AJU);
        assert.equal(g.json.data.totalFotoTerupload, 4);
        const blobs = openBlobStore({ s3: s3?.config ?? null, dataDir: storage.dataDir });
        assert.equal((await blobs.list('xray/')).length, 4);
        if (store === 'fs') assert.deepEqual(fs.readdirSync(path.join(storage.dataDir, 'blobs', '.partial')), []);
      } finally {
        fs.writeFileSync(path.join(dir, 'image1.jpg'), img1);
      }
    });

    test('an upload interrupted mid-image (after a complete one) leaves neither a blob nor a row', async () => {
      const boundary = 'ceisa40cut';
      const head = Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="data"\r\nContent-Type: application/json\r\n\r\n${JSON.stringify({ ...SEED_DATA })}\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="images"; filename="small.png"\r\nContent-Type: image/png\r\n\r\n`,
      );
      const first = Buffer.concat([png(8, 8), Buffer.from(`\r\n--${boundary}\r\nContent-Disposition: form-data; name="images"; filename="big.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`)]);
      const partial = jpeg(200_000).subarray(0, 120_000);
      const url = new URL(srv.url);
      await new Promise<void>((resolve, reject) => {
        const sock = net.connect(Number(url.port), url.hostname, () => {
          sock.write(
            `POST /openapi/cnpibk/xray/add-foto-xray HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: Bearer ${token}\r\nbeacukai-api-key: demo-key\r\n` +
              `Content-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: ${head.length + first.length + 500_000}\r\n\r\n`,
          );
          sock.write(head);
          sock.write(first);
          sock.write(partial, () => setTimeout(() => { sock.destroy(); resolve(); }, 300));
        });
        sock.on('error', reject);
      });
      const blobs = openBlobStore({ s3: s3?.config ?? null, dataDir: storage.dataDir });
      for (let i = 0; i < 50; i++) {
        if ((await blobs.list('xray/')).length === 4) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      await new Promise((r) => setTimeout(r, 300));
      assert.equal((await blobs.list('xray/')).length, 4);
      if (store === 'fs') assert.deepEqual(fs.readdirSync(path.join(storage.dataDir, 'blobs', '.partial')), []);
      const g = await curl(SEED_GET_AJU);
      assert.equal(g.json.data.totalFotoTerupload, 4);
    });
  });
}
