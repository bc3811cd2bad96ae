import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { createTestStorage, type TestStorage } from '../helpers/db.ts';
import { startServer, ROOT, type RunningServer } from '../helpers/server.ts';
import { CeisaClient, CeisaHttpError } from '../../src/client/index.ts';
import { rekamExample, perbaikanExampleParts, pdf } from '../cukai/helpers.ts';
import { consignment, png, jpeg, SEED_DATA } from '../barang-kiriman/fixtures.ts';

const EXAMPLE = JSON.parse(fs.readFileSync(`${ROOT}/schemas/bc20/0.5.7.18.example.json`, 'utf8')) as Record<string, unknown>;
let storage: TestStorage;
let srv: RunningServer;
let tmp: string;
let sessionFile: string;

function cli(args: string[]) {
  return spawnSync(process.execPath, ['bin/ceisa40.js', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CEISA_SESSION_FILE: sessionFile }, timeout: 60_000 });
}

before(async () => {
  storage = await createTestStorage('sqlite');
  srv = await startServer({ CEISA_DATA_DIR: storage.dataDir });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ceisa40-cli-'));
  sessionFile = path.join(tmp, 'session.json');
});
after(async () => {
  await srv.stop();
  await storage.cleanup();
  fs.rmSync(tmp, { recursive: true, force: true });
});

test('CLI: login stores a 0600 session; validate works offline with DJBC codes and exit codes', () => {
  const login = cli(['login', '--url', srv.url, '-u', 'demo', '-p', 'demo', '-k', 'demo-key']);
  assert.equal(login.status, 0, login.stderr);
  assert.equal(fs.statSync(sessionFile).mode & 0o777, 0o600);
  assert.doesNotMatch(fs.readFileSync(sessionFile, 'utf8'), /"password"/, 'the password is never stored');

  const bad = path.join(tmp, 'bad.json');
  fs.writeFileSync(bad, JSON.stringify({ ...EXAMPLE, kodeAsuransi: 'XX', nomorAju: 'short' }));
  const v = cli(['validate', bad]);
  assert.equal(v.status, 1);
  assert.match(v.stdout, /INVALID/);
  assert.match(v.stdout, /1008 +\/kodeAsuransi/);
  assert.match(v.stdout, /1023 +\/nomorAju/);
  const vj = cli(['--json', 'validate', bad]);
  assert.equal(vj.status, 1);
  assert.ok(JSON.parse(vj.stdout).errors.some((e: { code: number; field: string }) => e.code === 1008 && e.field === '/kodeAsuransi'));
  const good = cli(['validate', `${ROOT}/schemas/bc20/0.5.7.18.example.json`]);
  assert.equal(good.status, 0, good.stdout);
  assert.equal(cli(['validate', path.join(tmp, 'missing.json')]).status, 1);
  const help = cli(['status', '--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /--watch/);
});

test('SDK + CLI: a document sent and watched to completion on the test clock', async () => {
  const client = new CeisaClient({ baseUrl: srv.url, username: 'demo', password: 'demo', apiKey: 'demo-key', pabeanPrefix: '/v2/openapi' });
  await client.clock.freeze();
  const aju = '301017INA9G220220525000041';
  const sent = await client.pabean.send({ ...EXAMPLE, nomorAju: aju }, { isFinal: true, hints: { lane: 'green', billing: 'none' } });
  assert.equal(sent.status, 'OK');
  await assert.rejects(client.pabean.send({ ...EXAMPLE, nomorAju: aju }, { isFinal: true }), (e: CeisaHttpError) => e.status === 409);

  // the CLI watches while the clock is advanced by the SDK
  const watch = spawn(process.execPath, ['bin/ceisa40.js', 'status', aju, '--watch', '--interval', '0.2', '--timeout', '60'], {
    cwd: ROOT,
    env: { ...process.env, CEISA_SESSION_FILE: sessionFile },
  });
  let out = '';
  watch.stdout.on('data', (d) => (out += d));
  watch.stderr.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((r) => watch.on('exit', r));
  await new Promise((r) => setTimeout(r, 1500));
  await client.clock.advance('2d'); // release after minutes, 'Selesai Proses' a day after release
  assert.equal(await exited, 0, out);
  assert.match(out, /Kirim Dokumen Ke INSW/);
  assert.match(out, /SPPB/);
  assert.match(out, /Selesai Proses/);

  const history = await client.pabean.statusOf([aju]);
  assert.ok(history.dataStatus!.every((s) => s.kodeStatus !== undefined && s.kodeProses !== undefined), 'kodeStatus and kodeProses both present');
  const sppb = history.dataRespon!.find((r) => r.keterangan === 'SPPB')!;
  const bytes = await client.pabean.downloadRespon(sppb.pdf!);
  assert.equal(bytes.subarray(0, 4).toString(), '%PDF');
  const kurs = await client.pabean.kurs('USD');
  assert.equal(kurs.status, 'true');
});

test('SDK: the day\'s NPE of an export (respon/npe-bc33), as JSON and as one PDF', async () => {
  const client = new CeisaClient({ baseUrl: srv.url, username: 'demo', password: 'demo', apiKey: 'demo-key', pabeanPrefix: '/v2/openapi' });
  const peb = JSON.parse(fs.readFileSync(`${ROOT}/schemas/bc30/0.5.28.example.json`, 'utf8')) as Record<string, unknown>;
  const aju = '301017INA9G220220525000043';
  await client.clock.freeze();
  await client.pabean.send({ ...peb, nomorAju: aju }, { isFinal: true, hints: { lane: 'green', outcome: 'accept' } });
  await client.clock.advance('10m');
  const npe = (await client.pabean.statusOf([aju])).dataRespon!.find((r) => r.keterangan === 'NPE')!;
  const day = npe.tanggalRespon!.split('-').reverse().join('-');
  const answer = await client.pabean.npeBc33('30', day, String(peb.kodeTps));
  assert.equal(answer.status, 'Success');
  assert.deepEqual(answer.dataRespon!.map((r) => [r.nomorAju, r.kodeRespon, r.kodeGudang]), [[aju, '3015', peb.kodeTps]]);
  const bytes = await client.pabean.npeBc33Pdf('30', day, String(peb.kodeTps));
  assert.equal(bytes.subarray(0, 4).toString(), '%PDF');
  await assert.rejects(client.pabean.npeBc33('20', day), (e: CeisaHttpError) => e.status === 400);
});

test('SDK: CK-4 rekam (JSON) and perbaikan (indexed form with a file) from the docs examples', async () => {
  const client = new CeisaClient({ baseUrl: srv.url, username: 'demo', password: 'demo', apiKey: 'demo-key' });
  const rekam = await client.ck4.rekam('ht', rekamExample('ht'));
  assert.equal(rekam.status, true);
  const parts = perbaikanExampleParts('ht');
  const body: Record<string, unknown> = {};
  const details: Record<string, string>[] = [];
  for (const p of parts) {
    const m = /^details\[(\d+)\]\.(\w+)$/.exec(p.name);
    if (m) (details[Number(m[1])] ??= {})[m[2]!] = String(p.value);
    else if (p.name !== 'dokumen') body[p.name] = String(p.value);
  }
  body.details = details;
  const file = path.join(tmp, 'surat.pdf');
  fs.writeFileSync(file, await pdf());
  const fixed = await client.ck4.perbaikan('ht', body, file);
  assert.equal(fixed.status, true, JSON.stringify(fixed));
  const versions = await client.ck4.versions(String(body.idCk4Header));
  assert.ok(JSON.stringify(versions).includes('surat.pdf'), 'the uploaded file is kept with the correction');
});

test('SDK + CLI: a consignment sent, its X-ray photos uploaded by the CLI (streamed), then read back', async () => {
  const client = new CeisaClient({ baseUrl: srv.url, username: 'demo', password: 'demo', apiKey: 'demo-key' });
  const sent = await client.barangKiriman.kirim([consignment()]);
  assert.equal(sent.status, true, JSON.stringify(sent));

  const a = path.join(tmp, 'scan-1.png');
  const b = path.join(tmp, 'scan-2.jpg');
  fs.writeFileSync(a, png(64, 64, 3 * 1024 * 1024));
  fs.writeFileSync(b, jpeg(4096));
  const args = ['--tanggal', SEED_DATA.tanggalBlAwb, '--kantor', SEED_DATA.kodeKantor, '--bl', SEED_DATA.nomorBlAwb, '--aju', SEED_DATA.nomorAju];
  const up = cli(['--json', 'xray', 'send', a, b, ...args]);
  assert.equal(up.status, 0, up.stdout + up.stderr);
  const answer = JSON.parse(up.stdout);
  assert.equal(answer.code, 200);
  assert.equal(answer.data.jumlahFotoTerupload, 2);

  const again = cli(['--json', 'xray', 'send', a, ...args]);
  assert.equal(again.status, 1, 'a second kirim for the same declaration is refused (409)');
  assert.match(again.stderr, /409/);

  const progress: number[] = [];
  const added = await client.xray.add(SEED_DATA, [a], (sent) => progress.push(sent));
  assert.equal(added.code, 200);
  assert.ok(progress.length > 1 && progress.at(-1)! > 3 * 1024 * 1024, 'upload progress reported while streaming');

  const got = await client.xray.get({ nomorAju: SEED_DATA.nomorAju });
  assert.equal(got.success, true);
  assert.ok(JSON.stringify(got.data).includes('scan-1.png'));
  const photo = await client.xray.download({ nomorAju: SEED_DATA.nomorAju, urutan: 2 });
  assert.deepEqual(photo, fs.readFileSync(b), 'the stored photo comes back byte for byte');
  // get answers a real HTTP 404 when nothing is found (seed): the SDK raises it with the body
  await assert.rejects(client.xray.get({ nomorAju: 'NOPE' }), (e: CeisaHttpError) => e.status === 404 && (e.body as { code: number }).code === 404);
});

test('SDK: the Excel CN-PKBK template downloads, and an empty workbook is refused naming the problem', async () => {
  const client = new CeisaClient({ baseUrl: srv.url, username: 'demo', password: 'demo', apiKey: 'demo-key' });
  const tpl = await client.barangKiriman.ekspor.excelTemplate();
  assert.equal(tpl.subarray(0, 2).toString(), 'PK', 'an xlsx (zip) workbook');
  await assert.rejects(
    client.barangKiriman.ekspor.kirimExcel({ name: 'template.xlsx', data: tpl, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
    (e: CeisaHttpError) => e.status === 400,
  );
});
