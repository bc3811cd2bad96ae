import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDateTime, toDate, wibDateTime, validate } from '../../src/services/cukai/common.ts';
import { isAlert } from '../../src/services/cukai/ck4.ts';
import { statusP3c } from '../../src/services/cukai/routes-referensi.ts';
import { coerceForm } from '../../src/services/cukai/form.ts';
import { PerbaikanMmea, RekamHt } from '../../src/services/cukai/schemas.ts';
import { ApiError } from '../../src/http/errors.ts';
import { DOCS, rekamExample } from './helpers.ts';

test('the excise date-time forms: ISO with/without offset, space-separated, JS Date.toString (EA rule); no offset = WIB', () => {
  assert.equal(parseDateTime('2023-10-01T00:00:00.000+07:00')!.toISOString(), '2023-09-30T17:00:00.000Z');
  assert.equal(parseDateTime('2024-08-21T13:26:45')!.toISOString(), '2024-08-21T06:26:45.000Z');
  assert.equal(parseDateTime('2024-08-21 13:26:45')!.toISOString(), '2024-08-21T06:26:45.000Z');
  assert.equal(parseDateTime('2023-10-01T17:00:00.000Z')!.toISOString(), '2023-10-01T17:00:00.000Z');
  assert.equal(parseDateTime('Wed Aug 21 2024 13:22:14')!.toISOString(), '2024-08-21T06:22:14.000Z');
  assert.equal(parseDateTime('Wed Aug 21 2024 13:22:14 GMT+0700 (Western Indonesia Time)')!.toISOString(), '2024-08-21T06:22:14.000Z');
  for (const bad of ['2024-02-30T00:00:00', '2024-08-21T24:00:00', '21-08-2024 13:00:00', '2024-08-21', 'Wed Aug 21 2024', '']) assert.equal(parseDateTime(bad), null, bad);
  assert.equal(toDate('2023-10-01T17:00:00.000Z'), '2023-10-02');
  assert.equal(toDate('2024-08-14'), '2024-08-14');
  assert.equal(wibDateTime(new Date('2024-08-21T06:26:45Z')), '2024-08-21T13:26:45.000+07:00');
});

test('isAlert reproduces every row of the docs\' Browse CK-4 example', () => {
  for (const r of DOCS.ck4Rows) {
    const h = { tanggalPemberitahuan: r.tanggalPemberitahuan, tanggalProduksiAwal: r.tanggalJamProduksiAwal, tanggalProduksiAkhir: r.tanggalJamProduksiAkhir };
    assert.equal(isAlert(h), r.isAlert, r.idCk4);
  }
});

test('statusP3c: allowed in the stock month and the month before it (WIB), December wraps to January', () => {
  assert.equal(statusP3c(new Date('2024-08-15T00:00:00Z'), 6), 'Tidak Boleh P3C');
  assert.equal(statusP3c(new Date('2024-05-31T16:59:00Z'), 6), 'Boleh P3C');
  assert.equal(statusP3c(new Date('2024-06-30T00:00:00Z'), 6), 'Boleh P3C');
  assert.equal(statusP3c(new Date('2024-07-01T00:00:00Z'), 6), 'Tidak Boleh P3C');
  assert.equal(statusP3c(new Date('2024-12-10T00:00:00Z'), 1), 'Boleh P3C');
  assert.equal(statusP3c(new Date('2024-04-30T17:00:00Z'), 6), 'Boleh P3C', '00:00 WIB on 1 May');
});

test('form values become numbers only where the schema wants numbers and the text is one', () => {
  const v = coerceForm(PerbaikanMmea, { idCk4: '1', totalJumlahKemasan: '200', nomorSurat: '0012', details: [{ kadar: '4.8', isi: '15x', tarif: '14000', nomorProduksi: '007' }] }) as any;
  assert.equal(v.totalJumlahKemasan, 200);
  assert.equal(v.nomorSurat, '0012');
  assert.equal(v.details[0].kadar, 4.8);
  assert.equal(v.details[0].isi, '15x');
  assert.equal(v.details[0].tarif, 14000);
  assert.equal(v.details[0].nomorProduksi, '007');
});

test('the Rekam HT schema takes the verbatim example and names every bad field', () => {
  validate(RekamHt, rekamExample('ht'));
  const bad = rekamExample('ht');
  bad.idNppbkc = 'x';
  bad.details[0].hje = '20000';
  try {
    validate(RekamHt, bad);
    assert.fail('should throw');
  } catch (err) {
    assert.ok(err instanceof ApiError);
    assert.equal(err.status, 400);
    assert.deepEqual(err.errors.map((e) => e.field).sort(), ['/details/0/hje', '/idNppbkc']);
  }
});
