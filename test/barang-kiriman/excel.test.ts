import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { ENGINES, createTestStorage, type TestStorage } from '../helpers/db.ts';
import { testApp, type TestApp } from '../helpers/app.ts';
import { startServer, type RunningServer } from '../helpers/server.ts';
import { CN_EKSPOR_EXAMPLE, multipart, png } from './fixtures.ts';
import { SHEETS, templateWorkbook, workbookToBodies } from '../../src/services/barang-kiriman/ekspor/excel.ts';

type J = Record<string, any>;
const EBK = '/h2h-ebk-parser-service/openapi';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const CN_EXAMPLE: J = CN_EKSPOR_EXAMPLE[0]!;
// The page's Kirim Data PKBK Ekspor example, with the CN it lists being the one above.
const PKBK_EXAMPLE: J = {
  nomorAju: '20250305000P1', npwpKonsol: '123456789012345', namaKonsol: 'PT MONANG SIANIPAR ABADI', alamatKonsol: 'ALAMAT KONSOLIDATOR', kantor: '040300', negaraTujuan: 'MY', nomorVoyFlight: '012-174D',
  namaSaranaPengangkut: 'BERKAT MAKMUR INDONESIA', nomorPetiKemas: 'AAAA1234', jumlahPengemas: 1, jumlahKemasan: 10,
  cnList: [{ nomorBarangKiriman: '050320250001', tanggalBarangKiriman: '2024-06-04', nomorCn: 'ACY152', tanggalCn: '2024-06-27', nomorNpe: 'npe', tanggalNpe: '2024-06-27' }],
};

const LISTS: Record<string, [string, string]> = {
  cnBarangList: ['CN_BARANG', 'nomorBarangKiriman'],
  cnDokumenList: ['CN_DOKUMEN', 'nomorBarangKiriman'],
  cnBarangDokumenList: ['CN_BARANG_DOKUMEN', 'nomorBarangKiriman'],
  cnBarangTarifList: ['CN_BARANG_TARIF', 'nomorBarangKiriman'],
  cnSuratList: ['CN_SURAT', 'nomorBarangKiriman'],
  cnList: ['PKBK_CN', 'nomorAju'],
};

/** JSON documents as sheet rows: scalars to the document sheet, each list to its child sheet keyed by the document. */
function rowsOf(cn: J[], pkbk: J[]): Record<string, J[]> {
  const out: Record<string, J[]> = {};
  const put = (sheet: string, row: J) => (out[sheet] ??= []).push(row);
  for (const [sheet, docs, key] of [['CN', cn, 'nomorBarangKiriman'], ['PKBK', pkbk, 'nomorAju']] as const) {
    for (const d of docs) {
      const scalars: J = {};
      for (const [k, v] of Object.entries(d)) {
        if (Array.isArray(v)) for (const item of v) put(LISTS[k]![0], { [LISTS[k]![1]]: d[key], ...item });
        else scalars[k] = v;
      }
      put(sheet, scalars);
    }
  }
  return out;
}

type Edit = (wb: ExcelJS.Workbook) => void;

/** Fills the server's template: each row's values go under the header cell of the same name (dates as real date cells when given as Date). */
async function fill(template: Buffer, rows: Record<string, J[]>, edit?: Edit): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template as unknown as ArrayBuffer);
  for (const [sheet, list] of Object.entries(rows)) {
    const ws = wb.getWorksheet(sheet)!;
    const cols = new Map<string, number>();
    ws.getRow(1).eachCell((c, n) => cols.set(String(c.value), n));
    list.forEach((r, i) => {
      for (const [k, v] of Object.entries(r)) {
        assert.ok(cols.has(k), `template sheet ${sheet} has column ${k}`);
        ws.getCell(i + 2, cols.get(k)!).value = v as ExcelJS.CellValue;
      }
    });
  }
  edit?.(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function cellOf(wb: ExcelJS.Workbook, sheet: string, column: string, row: number): ExcelJS.Cell {
  const ws = wb.getWorksheet(sheet)!;
  let col = 0;
  ws.getRow(1).eachCell((c, n) => {
    if (c.value === column) col = n;
  });
  assert.ok(col, `${sheet}.${column}`);
  return ws.getCell(row, col);
}

describe('Kirim Data Excel CN-PKBK: workbook ↔ JSON bodies', () => {
  test('the template has the documented sheets and header rows, typed columns, and round-trips the page examples to the exact /cn and /pkbk bodies', async () => {
    const template = await templateWorkbook();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template as unknown as ArrayBuffer);
    assert.deepEqual(wb.worksheets.map((w) => w.name), ['PETUNJUK', 'CN', 'CN_BARANG', 'CN_DOKUMEN', 'CN_BARANG_DOKUMEN', 'CN_BARANG_TARIF', 'CN_SURAT', 'PKBK', 'PKBK_CN']);
    const header = (s: string) => (wb.getWorksheet(s)!.getRow(1).values as unknown[]).slice(1);
    // CN: every scalar field of the page's example, in its order
    assert.deepEqual(header('CN'), Object.keys(CN_EXAMPLE).filter((k) => !Array.isArray(CN_EXAMPLE[k])));
    assert.deepEqual(header('CN_BARANG'), ['nomorBarangKiriman', ...Object.keys(CN_EXAMPLE.cnBarangList[0])]);
    assert.deepEqual(header('PKBK'), Object.keys(PKBK_EXAMPLE).filter((k) => k !== 'cnList'));
    assert.deepEqual(header('PKBK_CN'), ['nomorAju', ...Object.keys(PKBK_EXAMPLE.cnList[0])]);
    assert.equal(cellOf(wb, 'CN', 'kantor', 2).numFmt, '@');
    assert.equal(cellOf(wb, 'CN', 'tanggalBarangKiriman', 2).numFmt, 'yyyy-mm-dd');

    const rows = rowsOf([CN_EXAMPLE], [PKBK_EXAMPLE]);
    rows.CN![0]!.tanggalBarangKiriman = new Date('2024-06-04T00:00:00Z'); // a date cell
    const filled = new ExcelJS.Workbook();
    await filled.xlsx.load((await fill(template, rows)) as unknown as ArrayBuffer);
    const parsed = workbookToBodies(filled);
    assert.deepEqual(parsed.cn, [CN_EXAMPLE]);
    assert.deepEqual(parsed.pkbk, [PKBK_EXAMPLE]);
    assert.equal(SHEETS.find((s) => s.name === 'CN')!.cols.find((c) => c.name === 'negaraTujuan')!.required, true);
  });
});

for (const engine of ENGINES) {
  describe(`Kirim Data Excel CN-PKBK (${engine})`, () => {
    let app: TestApp;
    let h: Record<string, string>;
    let template: Buffer;
    before(async () => {
      app = await testApp(engine);
      h = await app.login();
      await app.inject({ method: 'POST', url: '/sandbox/v1/clock/freeze', headers: h, payload: { at: '2026-03-02T03:00:00.000Z' } });
    });
    after(() => app.close());
    const send = async (bytes: Buffer, headers = h, field = 'file') => {
      const form = multipart([{ name: field, value: bytes, filename: 'kiriman.xlsx', type: XLSX }]);
      const r = await app.inject({ method: 'POST', url: `${EBK}/excel`, headers: { ...headers, ...form.headers }, payload: form.payload });
      return { status: r.statusCode, json: r.json() as J };
    };
    const get = async (url: string, headers = h) => (await app.inject({ method: 'GET', url, headers })).json() as J;
    const stored = async () => {
      const docs = await app.ctx.db.selectFrom('barkir_documents').select(['kind', 'nomor_aju', 'nomor_barang']).where('kind', 'in', ['cn-ekspor', 'pkbk']).execute();
      const events = await app.ctx.db.selectFrom('lifecycle_events').select('id').execute();
      return { docs: docs.length, events: events.length };
    };
    const second = (): J => ({ ...structuredClone(CN_EXAMPLE), nomorBarangKiriman: 'XLS-2', cnBarangList: [{ seri: 1, kodeHs: '61091000', fob: 20, jumlahSatuan: 1, jumlahKemasan: 1, satuanBarang: 'PCE', kemasanBarag: 'BX', bruto: 0.5, uraian: 'KAOS' }] });

    test('GET /excel/template: an .xlsx download, authenticated like every route', async () => {
      const r = await app.inject({ method: 'GET', url: `${EBK}/excel/template`, headers: h });
      assert.equal(r.statusCode, 200);
      assert.equal(r.headers['content-type'], XLSX);
      assert.match(String(r.headers['content-disposition']), /attachment; filename="template-cn-pkbk\.xlsx"/);
      template = r.rawPayload;
      assert.equal(template.subarray(0, 2).toString(), 'PK');
      const noAuth = await app.inject({ method: 'GET', url: `${EBK}/excel/template` });
      assert.equal(noAuth.statusCode, 401);
      const noAuthPost = await send(template, {});
      assert.equal(noAuthPost.status, 401);
    });

    test('a valid workbook sends its CN ekspor and PKBK documents, answered like /cn and /pkbk, visible in the ekspor respon endpoints', async () => {
      const rows = rowsOf([CN_EXAMPLE, second()], [PKBK_EXAMPLE]);
      rows.CN![1]!.tanggalBarangKiriman = new Date('2024-06-04T00:00:00Z');
      const r = await send(await fill(template, rows));
      assert.equal(r.status, 200, JSON.stringify(r.json));
      assert.equal(r.json.message, 'Success');
      assert.equal(r.json.status, true);
      assert.equal(r.json.data.length, 3);
      const [a, b, p] = r.json.data as J[];
      assert.match(a!.nomorAju, /^CNE050100\d{14}\d{3}$/);
      assert.deepEqual(Object.keys(a!), ['nomorAju', 'nomorBarangKiriman', 'tanggalBarangKiriman', 'status', 'waktu']);
      assert.deepEqual([a!.nomorBarangKiriman, b!.nomorBarangKiriman, b!.tanggalBarangKiriman], ['050320250001', 'XLS-2', '2024-06-04']);
      assert.equal(a!.status, '100 - DOKUMEN DITERIMA UNTUK DIPROSES BEA CUKAI ');
      assert.deepEqual(p, { nomorAju: '20250305000P1', status: '100 - DOKUMEN DITERIMA UNTUK DIPROSES BEA CUKAI ', waktu: '2026-03-02T10:00:00.000+07:00' });

      await app.inject({ method: 'POST', url: '/sandbox/v1/clock/advance', headers: h, payload: { by: '5m' } });
      const one = await get(`${EBK}/respon-per-dokumen?nomorAju=${a!.nomorAju}`);
      assert.equal(one.respon[0].nomorBarang, '050320250001');
      assert.equal(one.respon[0].pengirim, '020664868085000 - Pengirim');
      assert.deepEqual(one.respon[0].listStatus.map((s: J) => s.status.slice(0, 3)), ['100', '202', '203', '314', '316']);
      assert.equal(one.respon[0].listRespon[0].respon, '3015 - RESPON NOTA PELAYANAN EKSPOR');
      const byBarang = await get(`${EBK}/respon-tanggal-barang?tanggal=2024-06-04`);
      assert.deepEqual(byBarang.respon.map((x: J) => x.nomorBarang).sort(), ['050320250001', 'XLS-2']);
      const pk = await get(`${EBK}/respon-per-dokumen?nomorAju=20250305000P1`);
      assert.deepEqual(pk.respon[0].listStatus.map((s: J) => s.status.slice(0, 3)), ['100', '202', '203']);
      const byDaftar = await get(`/openapi/cnpibk/respon/ekspor-by-tanggal-daftar?tanggal=2026-03-02`);
      assert.equal(Buffer.from(byDaftar.respon[0].listRespon[0].pdf, 'base64').subarray(0, 5).toString(), '%PDF-');

      // the same workbook again: the /cn answer to a live CN (409), pointing at the row
      const before = await stored();
      const again = await send(await fill(template, rows), h, 'excel');
      assert.equal(again.status, 409, JSON.stringify(again.json));
      assert.equal(again.json.data.errors[0].field, '/CN/2/nomorBarangKiriman');
      assert.match(again.json.message, /sudah pernah dikirim.*\(sheet CN row 2\)/);
      assert.deepEqual(await stored(), before);
    });

    test('bad workbooks: 400 naming sheet, row and column; nothing stored', async () => {
      const fresh = (n: string): J => ({ ...structuredClone(CN_EXAMPLE), nomorBarangKiriman: n });
      const good = rowsOf([fresh('BAD-1'), fresh('BAD-2')], []);
      const cases: { name: string; bytes: () => Promise<Buffer>; field: string; rule: string; message?: RegExp }[] = [
        { name: 'not xlsx bytes (a PNG named .xlsx)', bytes: async () => png(), field: '/file', rule: 'xlsx', message: /not an \.xlsx workbook \(its bytes are image\/png/ },
        { name: 'not xlsx bytes (text)', bytes: async () => Buffer.from('nomorBarangKiriman,kantor\nA,050100\n'), field: '/file', rule: 'xlsx', message: /of no known file type/ },
        { name: 'a ZIP whose parts are not a workbook', bytes: async () => { const b = Buffer.from(template); b.fill(0x20, 200, 600); return b; }, field: '/file', rule: 'xlsx' },
        { name: 'missing sheet CN_BARANG', bytes: () => fill(template, good, (wb) => wb.removeWorksheet(wb.getWorksheet('CN_BARANG')!.id)), field: '/CN_BARANG', rule: 'required' },
        { name: 'neither CN nor PKBK', bytes: () => fill(template, {}, (wb) => { wb.removeWorksheet(wb.getWorksheet('CN')!.id); wb.removeWorksheet(wb.getWorksheet('PKBK')!.id); }), field: '/CN', rule: 'required' },
        { name: 'the empty template', bytes: async () => template, field: '/CN/2', rule: 'minItems' },
        { name: 'unknown sheet', bytes: () => fill(template, good, (wb) => wb.addWorksheet('Sheet1')), field: '/Sheet1', rule: 'sheet' },
        { name: 'missing required column', bytes: () => fill(template, good, (wb) => (cellOf(wb, 'CN', 'negaraTujuan', 1).value = null)), field: '/CN/1/negaraTujuan', rule: 'required', message: /sheet CN has no column negaraTujuan/ },
        { name: 'unknown column', bytes: () => fill(template, good, (wb) => (cellOf(wb, 'CN', 'incoterm', 1).value = 'incoterms')), field: '/CN/1/incoterms', rule: 'column' },
        { name: 'bad date (text)', bytes: () => fill(template, good, (wb) => (cellOf(wb, 'CN', 'tanggalBarangKiriman', 3).value = '2024-02-30')), field: '/CN/3/tanggalBarangKiriman', rule: 'format', message: /sheet CN row 3 column tanggalBarangKiriman \(cell D3\) must be a real date/ },
        { name: 'bad date (dd/MM/yyyy)', bytes: () => fill(template, good, (wb) => (cellOf(wb, 'PKBK_CN', 'tanggalCn', 2).value = '27/06/2024')), field: '/PKBK_CN/2/tanggalCn', rule: 'format' },
        { name: 'bad date (a number, not formatted as a date)', bytes: () => fill(template, good, (wb) => Object.assign(cellOf(wb, 'CN_DOKUMEN', 'tanggal', 2), { numFmt: '0', value: 45447 })), field: '/CN_DOKUMEN/2/tanggal', rule: 'type' },
        { name: 'wrong type: text in a number column', bytes: () => fill(template, good, (wb) => (cellOf(wb, 'CN', 'fob', 2).value = '10000')), field: '/CN/2/fob', rule: 'type', message: /must be a number, got the text "10000"/ },
        { name: 'wrong type: number in a text column', bytes: () => fill(template, good, (wb) => (cellOf(wb, 'CN_BARANG', 'kodeHs', 3).value = 1022910)), field: '/CN_BARANG/3/kodeHs', rule: 'type', message: /must be text, got the number 1022910/ },
        { name: 'wrong type: a fraction in an integer column', bytes: () => fill(template, good, (wb) => (cellOf(wb, 'CN_BARANG', 'seri', 2).value = 1.5)), field: '/CN_BARANG/2/seri', rule: 'type' },
        { name: 'required value missing', bytes: () => fill(template, good, (wb) => (cellOf(wb, 'CN', 'namaPenerima', 3).value = null)), field: '/CN/3/namaPenerima', rule: 'required', message: /sheet CN row 3 column namaPenerima \(cell S3\) is required/ },
        { name: 'required value missing in a child sheet', bytes: () => fill(template, good, (wb) => (cellOf(wb, 'CN_BARANG', 'uraian', 4).value = null)), field: '/CN_BARANG/4/uraian', rule: 'required' },
        { name: 'child row naming no CN', bytes: () => fill(template, good, (wb) => (cellOf(wb, 'CN_BARANG', 'nomorBarangKiriman', 2).value = 'NOPE')), field: '/CN_BARANG/2/nomorBarangKiriman', rule: 'reference' },
        { name: 'a CN without goods rows', bytes: () => fill(template, rowsOf([fresh('BAD-1'), { ...fresh('BAD-2'), cnBarangList: [] }], [])), field: '/CN/3/cnBarangList', rule: 'required', message: /no rows in sheet CN_BARANG/ },
        { name: 'the same CN twice', bytes: () => fill(template, rowsOf([fresh('BAD-1'), fresh('BAD-1')], [])), field: '/CN/3/nomorBarangKiriman', rule: 'unique' },
        { name: 'a PKBK listing a CN never sent (the valid CN rows are not stored either)', bytes: () => fill(template, rowsOf([fresh('BAD-1')], [{ ...PKBK_EXAMPLE, nomorAju: 'P-BAD', cnList: [{ ...PKBK_EXAMPLE.cnList[0], nomorBarangKiriman: 'NEVER' }] }])), field: '/PKBK_CN/2/nomorBarangKiriman', rule: 'reference' },
      ];
      const before = await stored();
      for (const c of cases) {
        const r = await send(await c.bytes());
        assert.equal(r.status, 400, `${c.name}: ${JSON.stringify(r.json)}`);
        assert.equal(r.json.status, false, c.name);
        const e = (r.json.data.errors as J[]).find((x) => x.field === c.field);
        assert.ok(e, `${c.name}: expected ${c.field} in ${JSON.stringify(r.json.data.errors)}`);
        assert.equal(e.rule, c.rule, c.name);
        if (c.message) assert.match(e.message, c.message, c.name);
        assert.match(r.json.message, /^Workbook is invalid: |^the "file" part/, c.name);
      }
      // every cell error and schema error of a workbook at once, one per cell
      const several = await send(await fill(template, good, (wb) => {
        cellOf(wb, 'CN', 'fob', 2).value = '10000';
        cellOf(wb, 'CN', 'namaPenerima', 3).value = null;
        cellOf(wb, 'CN_SURAT', 'jenisSurat', 2).value = 'surat';
      }));
      assert.equal(several.status, 400);
      assert.deepEqual(several.json.data.errors.map((e: J) => `${e.field} ${e.rule}`).sort(), ['/CN/2/fob type', '/CN/3/namaPenerima required', '/CN_SURAT/2/jenisSurat type']);
      assert.match(several.json.message, /\(and 2 more\)$/);
      assert.deepEqual(await stored(), before);
      assert.deepEqual((await get(`${EBK}/respon-per-dokumen?nomorBarang=BAD-1`)).status, false);
    });

    test('upload errors: not multipart, no file part, a foreign file part, two workbooks', async () => {
      const json = await app.inject({ method: 'POST', url: `${EBK}/excel`, headers: h, payload: [CN_EXAMPLE] });
      assert.equal(json.statusCode, 415);
      const cases: [string, ReturnType<typeof multipart>, string][] = [
        ['no file part', multipart([{ name: 'keterangan', value: 'x' }]), '/file'],
        ['the workbook as a text field', multipart([{ name: 'file', value: 'abc' }]), '/file'],
        ['a file under another name', multipart([{ name: 'workbook', value: template, filename: 'a.xlsx' }]), '/workbook'],
        ['two workbooks', multipart([{ name: 'file', value: template, filename: 'a.xlsx' }, { name: 'excel', value: template, filename: 'b.xlsx' }]), '/excel'],
        ['an empty file', multipart([{ name: 'file', value: Buffer.alloc(0), filename: 'a.xlsx' }]), '/file'],
      ];
      for (const [name, form, field] of cases) {
        const r = await app.inject({ method: 'POST', url: `${EBK}/excel`, headers: { ...h, ...form.headers }, payload: form.payload });
        assert.equal(r.statusCode, 400, `${name}: ${r.body}`);
        assert.equal(r.json().data.errors[0].field, field, name);
      }
      // a ZIP declaring parts that unpack beyond the limit is refused before it is inflated
      const bomb = Buffer.from(template);
      const cd = bomb.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
      assert.ok(cd > 0);
      bomb.writeUInt32LE(200 * 1024 * 1024, cd + 24);
      const r = await send(bomb);
      assert.equal(r.status, 413, JSON.stringify(r.json));
      assert.equal(r.json.data.errors[0].field, '/file');
      assert.match(r.json.message, /unpacks to \d+ bytes, more than 104857600/);
    });

    test("another company never sees this company's documents, nor may list its CN in a PKBK", async () => {
      const other = await app.otherCompany();
      assert.equal((await get(`${EBK}/respon-per-dokumen?nomorBarang=050320250001`, other.headers)).status, false);
      assert.deepEqual((await get(`${EBK}/respon-tanggal-barang?tanggal=2024-06-04`, other.headers)).respon, []);
      const theirs = await send(await fill(template, rowsOf([], [{ ...PKBK_EXAMPLE, nomorAju: 'P-OTHER' }])), other.headers);
      assert.equal(theirs.status, 400);
      assert.equal(theirs.json.data.errors[0].field, '/PKBK_CN/2/nomorBarangKiriman');
      assert.match(theirs.json.data.errors[0].message, /is not a CN ekspor sent by this company/);
      // the same goods number is free for them (no 409 from our live CN)
      const own = await send(await fill(template, rowsOf([CN_EXAMPLE], [])), other.headers);
      assert.equal(own.status, 200, JSON.stringify(own.json));
      assert.deepEqual((await get(`${EBK}/respon-tanggal-barang?tanggal=2024-06-04`, other.headers)).respon.map((x: J) => x.nomorAju), [own.json.data[0].nomorAju]);
      assert.equal((await get(`${EBK}/respon-per-dokumen?nomorAju=${own.json.data[0].nomorAju}`)).status, false);
    });
  });
}

describe('Kirim Data Excel CN-PKBK over real HTTP', () => {
  let storage: TestStorage;
  let srv: RunningServer;
  let auth: Record<string, string>;
  before(async () => {
    storage = await createTestStorage('sqlite');
    srv = await startServer({ CEISA_DATA_DIR: storage.dataDir, CEISA_UPLOAD_MAX_FILE_BYTES: '200000' });
    const login = await fetch(`${srv.url}/v1/openapi-auth/user/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'demo', password: 'demo' }) });
    auth = { authorization: `Bearer ${((await login.json()) as J).item.access_token}`, 'beacukai-api-key': 'demo-key' };
  });
  after(async () => {
    await srv.stop();
    await storage.cleanup();
  });

  test('download the template, fill it, upload it as multipart/form-data; oversize is 413', async () => {
    const t = await fetch(`${srv.url}${EBK}/excel/template`, { headers: auth });
    assert.equal(t.status, 200);
    assert.equal(t.headers.get('content-type'), XLSX);
    const template = Buffer.from(await t.arrayBuffer());
    const upload = async (bytes: Buffer) => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(bytes)], { type: XLSX }), 'kiriman.xlsx');
      const r = await fetch(`${srv.url}${EBK}/excel`, { method: 'POST', headers: auth, body: form });
      return { status: r.status, json: (await r.json()) as J };
    };
    const r = await upload(await fill(template, rowsOf([{ ...CN_EXAMPLE, nomorBarangKiriman: 'HTTP-1' }], [])));
    assert.equal(r.status, 200, JSON.stringify(r.json));
    const aju = r.json.data[0].nomorAju;
    const res = (await (await fetch(`${srv.url}/openapi/cnpibk/respon/ekspor-by-dokumen?nomorAju=${aju}`, { headers: auth })).json()) as J;
    assert.equal(res.respon[0].nomorBarang, 'HTTP-1');
    assert.equal(res.respon[0].listStatus[0].status, '100 - DOKUMEN DITERIMA UNTUK DIPROSES BEA CUKAI ');

    const big = Buffer.concat([template, Buffer.alloc(250_000, 1)]);
    const over = await upload(big);
    assert.equal(over.status, 413);
    assert.equal(over.json.data.errors[0].field, '/file');
  });
});
