import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { referenceCodes, referenceRow } from '../../src/reference/index.ts';
import { lookup } from '../../src/services/pabean/referensi/data.ts';
import {
  LookupError,
  findManifest,
  formatKurs,
  kursOn,
  kursWeekEnd,
  lartasOf,
  parseTglHostBl,
  requireKodeHs,
  searchPelabuhan,
  tarifOn,
  valutaCodes,
} from '../../src/services/pabean/referensi/domain.ts';

const TODAY = '2026-11-30'; // a Monday: its kurs week runs Wed 2026-11-25 .. Tue 2026-12-01

function rejects(fn: () => unknown, kind: 'invalid' | 'not-found', field?: string): void {
  assert.throws(fn, (e: unknown) => e instanceof LookupError && e.kind === kind && (field === undefined || e.errors.map((x) => x.field).includes(field)));
}

describe('sandbox data sets: coverage and consistency with the docs tables', () => {
  test('every Referensi Valuta code (and the supplement, EUR among them) has a kurs on any date', () => {
    const codes = referenceCodes('valuta');
    codes.delete('🔼');
    assert.ok(codes.size >= 200);
    for (const c of valutaCodes()) {
      const v = kursOn(c, '2024-01-03', TODAY);
      assert.match(v, /^\d+(\.\d+)?$/, `${c}: ${v}`);
      assert.ok(Number(v) > 0, c);
    }
    assert.ok(valutaCodes().has('EUR'));
    assert.ok(!referenceCodes('valuta').has('EUR'), 'the docs table itself lacks EUR (why the supplement exists)');
  });

  test('a few hundred HS codes across chapters, each 8 digits, unique', () => {
    const rows = lookup('tarif-hs').rows;
    assert.ok(rows.length >= 300, `${rows.length}`);
    assert.equal(new Set(rows.map((r) => r[0])).size, rows.length);
    for (const r of rows) assert.match(r[0], /^\d{8}$/);
    const chapters = new Set(rows.map((r) => r[0].slice(0, 2)));
    assert.ok(chapters.size >= 70, `${chapters.size} chapters`);
    const satuan = referenceCodes('satuan-barang');
    for (const r of rows) assert.ok(satuan.has(r[2]), `${r[0]} satuan ${r[2]} not in Referensi Satuan Barang`);
  });

  test('every lartas rule names a Referensi Ijin code and matches some shipped HS code', () => {
    const hs = lookup('tarif-hs').rows.map((r) => r[0]);
    for (const [prefix, kodeIjin] of lookup('lartas').rows) {
      assert.ok(referenceRow('ijin', kodeIjin), `ijin ${kodeIjin}`);
      assert.ok(hs.some((h) => h.startsWith(prefix)), `prefix ${prefix}`);
    }
  });

  test('ports, TPS and manifests point at Referensi Kantor codes and at each other', () => {
    const kantor = referenceCodes('kantor');
    for (const [, , k] of lookup('pelabuhan').rows) if (k !== null) assert.ok(kantor.has(k), k);
    for (const [, , k] of lookup('tps-gudang').rows) assert.ok(kantor.has(k), k);
    const tps = new Set(lookup('tps-gudang').rows.map((r) => `${r[0]}@${r[2]}`));
    for (const m of lookup('manifes-bc11').rows) {
      assert.ok(kantor.has(m.kodeKantor));
      assert.ok(tps.has(`${m.kodeGudang}@${m.kodeKantor}`), m.noHostBl);
    }
    for (const main of ['040300', '050100', '070100', '060100', '010700', '020400', '080100', '110100', '051000']) {
      assert.ok(lookup('pelabuhan').rows.some((r) => r[2] === main) || main === '051000', `ports of ${main}`);
      assert.ok(lookup('tps-gudang').rows.some((r) => r[2] === main), `TPS of ${main}`);
    }
  });
});

describe('kurs', () => {
  test('constant within a kurs week (Wednesday..Tuesday), moving between weeks', () => {
    const wed = kursOn('USD', '2024-01-03', TODAY);
    assert.equal(kursOn('USD', '2024-01-09', TODAY), wed); // Tuesday, same week
    assert.notEqual(kursOn('USD', '2024-01-10', TODAY), wed); // next Wednesday
    assert.equal(kursOn('USD', '2024-01-02', TODAY) === wed, false); // Tuesday of the week before
  });

  test('pinned values: a change of the data or of the formula shows here', () => {
    assert.equal(kursOn('USD', '2024-01-03', TODAY), '15875');
    assert.equal(kursOn('EUR', '2024-01-03', TODAY), '17207');
    assert.equal(kursOn('JPY', '2025-06-18', TODAY), '111.55');
    assert.equal(kursOn('IDR', '2025-06-18', TODAY), '1');
  });

  test('pegged and legacy currencies follow their base', () => {
    assert.equal(kursOn('BND', '2024-01-03', TODAY), kursOn('SGD', '2024-01-03', TODAY));
    const eur = 17206.96; // EUR that week before rounding, within a rupiah
    assert.ok(Math.abs(Number(kursOn('DEM', '2024-01-03', TODAY)) - eur / 1.95583) < 1);
  });

  test('formatting: whole rupiah from 1000, 2 decimals from 1, 6 significant digits below, never an exponent', () => {
    assert.equal(formatKurs(16234.56), '16235');
    assert.equal(formatKurs(108.456), '108.46');
    assert.equal(formatKurs(1), '1');
    assert.equal(formatKurs(0.000415123456), '0.000415123');
    assert.equal(formatKurs(0.0000015589512), '0.00000155895');
  });

  test('dates outside the data: before 2015 and after the current kurs week are not found', () => {
    assert.equal(kursWeekEnd(TODAY), '2026-12-01');
    assert.equal(kursWeekEnd('2026-12-02'), '2026-12-08');
    assert.doesNotThrow(() => kursOn('USD', '2026-12-01', TODAY));
    rejects(() => kursOn('USD', '2026-12-02', TODAY), 'not-found');
    rejects(() => kursOn('USD', '2014-12-31', TODAY), 'not-found');
  });
});

describe('tarif and lartas', () => {
  test('HS codes: 8 digits, or 10 ending in 00; dots allowed; others refused naming the field', () => {
    assert.deepEqual(requireKodeHs('8471.30.20', '/q'), { asked: '84713020', hs8: '84713020' });
    assert.deepEqual(requireKodeHs('8471302000', '/q'), { asked: '8471302000', hs8: '84713020' });
    assert.equal(requireKodeHs('8471302011', '/q').hs8, undefined);
    rejects(() => requireKodeHs('847130', '/q'), 'invalid', '/q');
    rejects(() => requireKodeHs('84713020A', '/q'), 'invalid', '/q');
    rejects(() => tarifOn('8471302011', '2024-05-01'), 'not-found');
    rejects(() => tarifOn('99999999', '2024-05-01'), 'not-found');
  });

  test('PPN by date: 11% from BTKI 2022; 12% for luxury goods from 2025; none for beras; nothing before 2022-04-01', () => {
    const car = '87032391';
    assert.equal(tarifOn(car, '2024-12-31').tarifPpn, 11);
    assert.equal(tarifOn(car, '2024-12-31').tanggalBerlaku, '2022-04-01');
    assert.equal(tarifOn(car, '2025-01-01').tarifPpn, 12);
    assert.equal(tarifOn(car, '2025-01-01').tanggalBerlaku, '2025-01-01');
    assert.equal(tarifOn('84713020', '2025-06-01').tarifPpn, 11);
    assert.equal(tarifOn('10063099', '2025-06-01').tarifPpn, 0);
    rejects(() => tarifOn(car, '2022-03-31'), 'not-found');
  });

  test('specific BM and cukai appear as barangTarif rows with their unit', () => {
    const beras = tarifOn('10063099', '2024-05-01');
    assert.deepEqual(beras.barangTarif[0], { kodeJenisPungutan: 'BM', kodeJenisTarif: '2', tarif: 450, kodeSatuanBarang: 'KGM' });
    const whisky = tarifOn('22083010', '2024-05-01');
    assert.deepEqual(whisky.barangTarif.at(-1), { kodeJenisPungutan: 'CMEA', kodeJenisTarif: '2', tarif: 139000, kodeSatuanBarang: 'LTR' });
    const pungutan = referenceCodes('jenis-pungutan');
    for (const r of lookup('tarif-hs').rows) for (const b of tarifOn(r[0], '2025-06-01').barangTarif) assert.ok(pungutan.has(b.kodeJenisPungutan), b.kodeJenisPungutan);
  });

  test('lartas: permits with names from Referensi Ijin; none for an unrestricted code', () => {
    const laptop = lartasOf('84713020');
    assert.deepEqual(
      laptop.map((l) => [l.kodeIjin, l.tipeLartas]),
      [
        ['01606', 'BORDER'],
        ['12001', 'POST BORDER'],
      ],
    );
    assert.equal(laptop[0]!.namaIjin, 'PI Telepon Seluler, Komputer Genggam (Handheld) dan Komputer Tablet');
    assert.equal(laptop[0]!.namaInstansi, 'Kementerian Perdagangan');
    assert.deepEqual(lartasOf('84212990'), []);
    rejects(() => lartasOf('12345678'), 'not-found');
  });
});

describe('ports and manifests', () => {
  test('a search is capped at 25 ports by code; foreign-only leaves out Indonesian ports', () => {
    const all = lookup('pelabuhan').rows.filter(([k, n]) => `${k} ${n}`.toLowerCase().includes('sao'));
    assert.ok(all.length > 25, 'the data has more matches than one page');
    assert.equal(searchPelabuhan('sao', '/k', false).length, 25);
    assert.ok(searchPelabuhan('tanjung', '/k', false).some((p) => p.kodeKantor === '040300'));
    assert.ok(searchPelabuhan('tanjung', '/k', true).every((p) => p.kodeKantor === null));
    rejects(() => searchPelabuhan('sa', '/k', false), 'invalid', '/k');
    rejects(() => searchPelabuhan('zzzqqq', '/k', false), 'not-found');
  });

  test('manifest: "@company" pos answer with the caller; the name must match; dates DD-MM-YYYY or yyyy-mm-dd', () => {
    const me = { companyName: 'PT CONTOH LAIN', npwp: '111111111111111' };
    const q = { noHostBl: 'demohbl0001', tglHostBl: '05-10-2026', kodeKantor: '040300', nama: 'contoh lain' };
    const m = findManifest(q, me);
    assert.equal(m.namaPenerima, 'PT CONTOH LAIN');
    assert.equal(m.npwpPenerima, '111111111111111');
    assert.equal(m.npwpPemilk, '111111111111111');
    assert.equal(m.tglBc11, '07-10-2026');
    assert.deepEqual(findManifest({ ...q, tglHostBl: '2026-10-05' }, me), m);
    rejects(() => findManifest({ ...q, nama: 'PT DEMO CEISA' }, me), 'not-found');
    rejects(() => findManifest({ ...q, tglHostBl: '06-10-2026' }, me), 'not-found');
    rejects(() => findManifest({ ...q, tglHostBl: '31-02-2026' }, me), 'invalid', '/querystring/tglHostBl');
    rejects(() => findManifest({ ...q, kodeKantor: '040301' }, me), 'invalid', '/querystring/kodeKantor');
    rejects(() => findManifest({ ...q, nama: 'pt' }, me), 'invalid', '/querystring/nama');
    assert.equal(parseTglHostBl('25-12-2021', '/f'), '2021-12-25');
  });

  test('manifest of a fictional importer: found by its name, whoever asks', () => {
    const me = { companyName: 'PT DEMO CEISA', npwp: '012345678901234' };
    const m = findManifest({ noHostBl: 'SINARHBL7781', tglHostBl: '28-09-2026', kodeKantor: '040300', nama: 'SINAR ABADI' }, me);
    assert.equal(m.namaPenerima, 'PT SINAR ABADI NUSANTARA');
    assert.equal(m.npwpPenerima, '031234567890123');
  });
});
