import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PDFDocument } from 'pdf-lib';
import { decide, dutiesOf, laneByRule, outcomeByRule } from '../../src/lifecycle/pabean/rules.ts';
import { PROFILES, PROCESS, BILLING, profileOf } from '../../src/lifecycle/pabean/profiles.ts';
import { dmy, javaTimestamp, hms, terbilang, toCents, ymdhms } from '../../src/lifecycle/pabean/format.ts';
import { phase1, phase2 } from '../../src/lifecycle/pabean/plan.ts';
import { referenceTable } from '../../src/reference/index.ts';
import { renderResponPdf } from '../../src/pdf/customs.ts';
import { sampleBody } from '../helpers/pabean.ts';

test('lane and outcome rules from the nomorAju, overridden by headers, then by body fields', () => {
  assert.equal(laneByRule('X0'), 'green');
  assert.equal(laneByRule('X6'), 'green');
  assert.equal(laneByRule('X7'), 'yellow');
  assert.equal(laneByRule('X8'), 'yellow');
  assert.equal(laneByRule('X9'), 'red');
  assert.equal(laneByRule('XA'), 'green');
  assert.equal(outcomeByRule('000099'), 'reject');
  assert.equal(outcomeByRule('000098'), 'accept');
  const base = { nomorAju: 'A000009', kodeDokumen: '20', body: {} as Record<string, unknown>, hints: {} as Record<string, string> };
  assert.equal(decide(base).lane, 'red');
  assert.equal(decide({ ...base, hints: { 'X-Ceisa-Lane': 'GREEN' } }).lane, 'green', 'header names and values are case-insensitive');
  assert.equal(decide({ ...base, body: { 'x-ceisa-lane': 'yellow' } }).lane, 'yellow');
  const both = decide({ ...base, hints: { 'x-ceisa-lane': 'green' }, body: { 'x-ceisa-lane': 'yellow' } });
  assert.equal(both.lane, 'green', 'a header wins over the body field');
  assert.deepEqual(both.decidedBy, { lane: 'header', outcome: 'rule', billing: 'rule' });
  assert.throws(() => decide({ ...base, body: { 'x-ceisa-outcome': 'maybe' } }), /\/x-ceisa-outcome must be one of accept, reject/);
});

test('duties: barangTarif nilaiBayar per pungutan in exact decimals, facilities that are not paid are left out', () => {
  assert.deepEqual(dutiesOf(sampleBody('A', '20')), [
    { kodeJenisPungutan: 'BM', nilai: '100001' },
    { kodeJenisPungutan: 'PPH', nilai: '25000' },
    { kodeJenisPungutan: 'PPN', nilai: '50000' },
  ]);
  // 0.1 + 0.2 style sums stay exact
  const body = { barang: [{ barangTarif: [{ kodeJenisPungutan: 'BM', kodeFasilitasTarif: '1', nilaiBayar: 0.1 }, { kodeJenisPungutan: 'BM', kodeFasilitasTarif: '1', nilaiBayar: 0.2 }, { kodeJenisPungutan: 'PPN', nilaiBayar: 350.71 }] }] };
  assert.deepEqual(dutiesOf(body), [
    { kodeJenisPungutan: 'BM', nilai: '1' },
    { kodeJenisPungutan: 'PPN', nilai: '351' },
  ]);
  assert.equal(toCents(350.71), 35071n);
  assert.equal(toCents('12.345'), 1235n);
  assert.equal(toCents('abc'), 0n);
  const noDuty = decide({ nomorAju: 'A1', kodeDokumen: '30', body: sampleBody('A1', '30'), hints: {} });
  assert.deepEqual(noDuty.pungutan, [], 'exports are not billed');
  const forced = decide({ nomorAju: 'A1', kodeDokumen: '40', body: {}, hints: { 'x-ceisa-billing': 'required' } });
  assert.deepEqual(forced.pungutan, [{ kodeJenisPungutan: 'BM', nilai: '1000000' }]);
  assert.equal(decide({ nomorAju: 'A1', kodeDokumen: '20', body: sampleBody('A1'), hints: { 'x-ceisa-billing': 'none' } }).pungutan.length, 0);
});

test('formats: WIB dates, Java timestamps, terbilang', () => {
  const d = new Date('2026-07-01T06:13:00.030Z');
  assert.equal(javaTimestamp(d), '2026-07-01 13:13:00.03');
  assert.equal(javaTimestamp(new Date('2026-07-01T06:13:00.000Z')), '2026-07-01 13:13:00.0');
  assert.equal(dmy(new Date('2026-06-30T18:00:00Z')), '01-07-2026', 'Asia/Jakarta date');
  assert.equal(ymdhms(d), '2026-07-01 13:13:00');
  assert.equal(hms(d), '131300');
  assert.equal(terbilang(0n), 'nol rupiah');
  assert.equal(terbilang(1000n), 'seribu rupiah');
  assert.equal(terbilang(1_250_011n), 'satu juta dua ratus lima puluh ribu sebelas rupiah');
  assert.equal(terbilang(2_000_000_115n), 'dua miliar seratus lima belas rupiah');
});

test('every profile code is a row of Referensi Respon for its document types, with the same text', () => {
  const rows = referenceTable('respon').rows; // [kode dokumen list, uraian, kode respon] (headed in another order)
  const listed = (doc: string, code: string, uraian: string) =>
    rows.some((r) => r[2] === code && r[1] === uraian && r[0]!.split(';').map((x) => x.trim()).includes(doc));
  for (const p of PROFILES) {
    for (const kind of p.kinds) {
      const letters = [p.receipt, p.register, p.reject, p.release, p.redRelease, ...p.yellow, ...p.red, ...(profileOf(kind).billing ? [profileOf(kind).billing] : [])].filter((l) => l !== undefined);
      for (const l of letters) assert.ok(listed(kind, l!.code, l!.uraian), `${kind} ${l!.code} ${l!.uraian}`);
    }
  }
  assert.ok(listed('20', BILLING.code, BILLING.uraian));
  const status = referenceTable('status').rows.map((r) => r[0]);
  for (const p of Object.values(PROCESS)) assert.ok(status.includes(p.status), p.keterangan);
});

test('plans: phase 1 stops at the billing; phase 2 red lane letters come in time order and end with release and done', () => {
  const ref = { nomorAju: 'A', kodeDokumen: '20', revision: 0 };
  const t0 = new Date('2026-07-01T00:00:00Z');
  const p1 = phase1(ref, profileOf('20'), t0, { kind: 'billing', letter: BILLING, kodeBilling: '612345678901234' });
  assert.deepEqual(p1.map((e) => e.code), ['104', '105', '2001', '106', '110', '2020', '205']);
  const p2 = phase2(ref, profileOf('20'), t0, true, 'red', { nomorDaftar: '000001', at: new Date(t0.getTime() + 60_000) });
  assert.deepEqual(p2.map((e) => e.code), ['210', '2000', '220', '230', '240', '410', '2005', '2006', '2007', '2008', '2003', '250', '501', '800']);
  const times = p2.map((e) => e.dueAt.getTime());
  assert.deepEqual(times, [...times].sort((a, b) => a - b));
});

test('response PDFs are deterministic and parse', async () => {
  const payload = {
    nomorAju: 'A1', kodeDokumen: '20', revision: 0, kode: '03', kodeRespon: '2003', uraian: 'SURAT PERSETUJUAN PENGELUARAN BARANG (SPPB)', keterangan: 'SPPB',
    template: 'release' as const, nomorRespon: '000001/KBC.0403/2026', nomorDaftar: '000001', tanggalDaftar: '2026-07-01', lane: 'green' as const, kodeBilling: null, pesan: [],
  };
  const doc = { nomorAju: 'A1', kodeDokumen: '20', kodeKantor: '040300', state: 'final', body: sampleBody('A1') };
  const at = new Date('2026-07-01T03:00:00Z');
  const a = await renderResponPdf(payload, at, doc, { name: 'PT DEMO', npwp: '012345678901234' });
  const b = await renderResponPdf(payload, at, doc, { name: 'PT DEMO', npwp: '012345678901234' });
  assert.deepEqual(Buffer.from(a), Buffer.from(b));
  const parsed = await PDFDocument.load(a);
  assert.equal(parsed.getCreationDate()?.toISOString(), at.toISOString());
  assert.equal(parsed.getKeywords(), '2003 A1 000001/KBC.0403/2026 000001');
  // text outside WinAnsi does not break rendering
  const odd = await renderResponPdf({ ...payload, uraian: 'SPPB – 测试 ✓' }, at, { ...doc, body: { ...doc.body, barang: [{ uraian: '😀'.repeat(10) + 'x'.repeat(500) }] } }, { name: 'PT Ü', npwp: '1' });
  await PDFDocument.load(odd);
  // bodies the schemas let through in odd shapes never break a letter
  const weird = { ...doc, body: { barang: [null, 5, 'x', { uraian: 'OK' }], kemasan: [null], entitas: 'none', bruto: { a: 1 } } };
  for (const template of ['billing', 'reject', 'receipt', 'register', 'lane', 'exam', 'report', 'release'] as const) {
    await PDFDocument.load(await renderResponPdf({ ...payload, template }, at, weird, { name: 'PT DEMO', npwp: '1' }));
  }
});
