import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  documentTypes,
  validateDocument,
  synthesizeDocument,
  pageExample,
  sampleNomorAju,
  isMultipleOf,
  digitCount,
  plainDecimal,
  compileSchema,
  Collector,
  MAX_SCHEMA_ERRORS,
  UnknownSchemaVersion,
} from '../../src/schemas/index.ts';

type Doc = Record<string, any>;
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x));
const bc20 = (): Doc => clone(pageExample('bc20')!);

describe('schema data', () => {
  test('every document type of the docs has a schema, side-by-side versions where DJBC ships an older one', () => {
    const byId = Object.fromEntries(documentTypes().map((t) => [t.id, t]));
    const expected: Record<string, [string, string[]]> = {
      bc20: ['20', ['0.5.7.18', '0.5.7.13']],
      'bc20-btw': ['20', ['0.3']],
      bc30: ['30', ['0.5.28', '0.5.23']],
      bc23: ['23', ['0.9', '0.6']],
      bc25: ['25', ['0.15', '0.12']],
      bc261: ['261', ['0.7', '0.5']],
      bc262: ['262', ['0.7', '0.5']],
      bc27: ['27', ['0.9', '0.6']],
      bc40: ['40', ['0.5', '0.3']],
      bc41: ['41', ['0.8', '0.5']],
      ftz011: ['511', ['0.1']],
      ftz012: ['512', ['0.1']],
      ftz013: ['513', ['0.2']],
      bc16: ['16', ['0.4']],
      bc28: ['28', ['0.4']],
      bc33: ['33', ['0.5']],
      p3bet: ['331', ['0.2']],
    };
    assert.deepEqual(Object.keys(byId).sort(), Object.keys(expected).sort());
    for (const [id, [kd, versions]] of Object.entries(expected)) {
      assert.equal(byId[id]!.kodeDokumen, kd, id);
      assert.deepEqual(byId[id]!.versions.map((v) => v.version), versions, id);
    }
  });
});

describe('valid documents of every type', () => {
  for (const t of documentTypes()) {
    for (const v of t.versions) {
      test(`${t.id}@${v.version}: a complete document is accepted, in the dialect and in exact draft-07`, () => {
        const doc = synthesizeDocument(t, { version: v.version });
        for (const strictTupleItems of [false, true]) {
          const r = validateDocument(doc, { version: v.version, strictTupleItems });
          assert.equal(r.valid, true, JSON.stringify(r.errors.slice(0, 5)));
          assert.equal(r.schemaVersion, `${t.id}@${v.version}`);
          assert.equal(r.documentType, t.id);
        }
      });
    }
  }

  test("the docs pages' own examples are accepted (BC 2.0, 3.0, 2.7, 4.0), naming the version that validated them", () => {
    const r20 = validateDocument(bc20());
    assert.equal(r20.valid, true, JSON.stringify(r20.errors));
    assert.equal(r20.schemaVersion, 'bc20@0.5.7.18');
    // the BC 2.0 example breaks two rules of its own schema: accepted as documented leniencies, reported as warnings
    assert.deepEqual(r20.warnings.map((w) => [w.field, w.code]).sort(), [
      ['/barang/1/barangTarif/1/tarifFasilitas', 1007],
      ['/entitas/4/kodeJenisIdentitas', 1008],
    ]);
    // the BC 3.0 example predates v0.5.28 (no flagBarkir): v0.5.23 accepts it
    const r30 = validateDocument(pageExample('bc30'));
    assert.equal(r30.valid, true);
    assert.equal(r30.schemaVersion, 'bc30@0.5.23');
    assert.deepEqual(r30.tried, ['bc30@0.5.28', 'bc30@0.5.23']);
    for (const id of ['bc27', 'bc40']) {
      const r = validateDocument(pageExample(id));
      assert.equal(r.valid, true, `${id}: ${JSON.stringify(r.errors)}`);
      assert.equal(r.schemaVersion, `${id}@${documentTypes().find((t) => t.id === id)!.defaultVersion}`);
    }
  });

  test('a pinned version validates against that version only', () => {
    const pinned = validateDocument(pageExample('bc30'), { version: '0.5.28' });
    assert.equal(pinned.valid, false);
    assert.equal(pinned.schemaVersion, 'bc30@0.5.28');
    assert.ok(pinned.errors.some((e) => e.field === '/flagBarkir' && e.code === 1028));
    assert.throws(() => validateDocument(pageExample('bc30'), { version: '9.9' }), UnknownSchemaVersion);
  });

  test('BC 2.0 with flagBarangTidakBerwujud "Y" selects the barang-tidak-berwujud schema', () => {
    const r = validateDocument(synthesizeDocument('bc20-btw'));
    assert.equal(r.documentType, 'bc20-btw');
    assert.equal(r.valid, true);
    assert.equal(validateDocument(bc20()).documentType, 'bc20');
  });
});

describe('DJBC error codes, with the field pointer and the schema message', () => {
  test('1008 enum', () => {
    const d = bc20();
    d.disclaimer = '2';
    const r = validateDocument(d);
    assert.equal(r.valid, false);
    const e = r.errors.find((x) => x.field === '/disclaimer')!;
    assert.equal(e.code, 1008);
    assert.equal(e.rule, 'enum');
    assert.equal(e.message, 'Persetujuan pengguna dalam kirim dokumen pabean: 1 untuk Ya atau 0 untuk Tidak');
  });

  test('1023 pattern', () => {
    const d = bc20();
    d.nomorAju = '3010-17-INA9G2-20220525';
    const r = validateDocument(d);
    const e = r.errors.find((x) => x.field === '/nomorAju')!;
    assert.equal(e.code, 1023);
    assert.match(e.message, /^Sesuaikan format nomor pengajuan dokumen impor terdiri 26 digit/);
    assert.match(e.detail, /\^\[A-Za-z0-9\]\{26\}\$/);
  });

  test('1023 also for a 26-character nomorAju whose date part is not a date', () => {
    const d = synthesizeDocument('bc25', { nomorAju: '050900025H0120261340000001' });
    const r = validateDocument(d);
    assert.equal(r.valid, false);
    assert.deepEqual(r.errors.map((e) => [e.field, e.code]), [['/nomorAju', 1023]]);
    assert.match(r.errors[0]!.detail, /YYYYMMDD/);
    assert.equal(validateDocument(synthesizeDocument('bc25', { nomorAju: '000030MOT83720260525000009' })).valid, true);
  });

  test('1028 mandatory (required), top level and inside an item', () => {
    const d = bc20();
    delete d.netto;
    delete d.barang[1].uraian;
    const r = validateDocument(d);
    const top = r.errors.find((x) => x.field === '/netto')!;
    assert.equal(top.code, 1028);
    assert.match(top.message, /^Wajib mengisi asuransi, bruto, cif/);
    const item = r.errors.find((x) => x.field === '/barang/1/uraian')!;
    assert.equal(item.code, 1028);
  });

  test('1042 const, positional inside a tuple (entitas[0] must be kodeEntitas "1")', () => {
    const d = bc20();
    d.asalData = 'X';
    const r = validateDocument(d);
    const e = r.errors.find((x) => x.field === '/asalData')!;
    assert.equal(e.code, 1042);
    assert.equal(e.message, 'Asal pengiriman data secara Host to Host: S');
    const swapped = bc20();
    [swapped.entitas[0], swapped.entitas[1]] = [swapped.entitas[1], swapped.entitas[0]];
    const r2 = validateDocument(swapped, { version: '0.5.7.18' });
    assert.ok(r2.errors.some((x) => x.field === '/entitas/0/kodeEntitas' && x.code === 1042), JSON.stringify(r2.errors));
  });

  test('type errors (1029) and unknown or missing kodeDokumen', () => {
    const d = bc20();
    d.bruto = '350.71';
    assert.deepEqual(
      validateDocument(d).errors.filter((e) => e.field === '/bruto').map((e) => e.code),
      [1029],
    );
    const unknown = validateDocument({ ...bc20(), kodeDokumen: '99' });
    assert.deepEqual(unknown.errors.map((e) => [e.field, e.code]), [['/kodeDokumen', 1008]]);
    const { kodeDokumen: _k, ...rest } = bc20();
    assert.deepEqual(validateDocument(rest).errors.map((e) => [e.field, e.code]), [['/kodeDokumen', 1028]]);
    assert.deepEqual(validateDocument([bc20()]).errors.map((e) => [e.field, e.code]), [['', 1029]]);
  });
});

describe('the dialect', () => {
  test('a one-element items array applies to the SECOND item too (and only to the first in exact draft-07)', () => {
    const d: Doc = synthesizeDocument('bc25');
    assert.equal(d.barang.length, 2);
    d.barang[1].merk = 12345; // the schema says string
    delete d.barang[1].uraian;
    const r = validateDocument(d);
    assert.deepEqual(
      r.errors.map((e) => [e.field, e.code]).sort(),
      [
        ['/barang/1/merk', 1029],
        ['/barang/1/uraian', 1028],
      ],
    );
    const strict = validateDocument(d, { strictTupleItems: true });
    assert.equal(strict.valid, true, 'exact draft-07 leaves items after the first unchecked');
  });

  test('multipleOf is decimal: 350.71 is a multiple of 0.01, 0.001 is not', () => {
    assert.notEqual(350.71 % 0.01, 0, 'a float remainder would wrongly reject it');
    assert.equal(isMultipleOf(350.71, 0.01), true);
    assert.equal(isMultipleOf(1234567.89, 0.01), true);
    assert.equal(isMultipleOf(0.3, 0.1), true);
    assert.equal(isMultipleOf(123.4567, 0.0001), true);
    assert.equal(isMultipleOf(0.001, 0.01), false);
    assert.equal(isMultipleOf(-4.5, 1.5), true);
    const cents = compileSchema({ type: 'number', multipleOf: 0.01 });
    const third = compileSchema({ type: 'number', multipleOf: 0.3 });
    const errs = (c: ReturnType<typeof compileSchema>, v: number) => {
      const out = new Collector(5);
      c(v, '', out);
      return out.errors.map((e) => e.code);
    };
    for (const v of [350.71, 0, 12, -0.07, 1e21, 1234567.89]) assert.deepEqual(errs(cents, v), [], String(v));
    for (const v of [350.715, 1e-7, 0.001]) assert.deepEqual(errs(cents, v), [1019], String(v));
    assert.deepEqual(errs(third, 0.9), []);
    assert.deepEqual(errs(third, 1), [1019]);
    const d = bc20();
    d.cif = 350.71;
    d.bruto = 350.71;
    assert.equal(validateDocument(d).valid, true);
    d.cif = 350.715;
    const e = validateDocument(d).errors.find((x) => x.field === '/cif')!;
    assert.equal(e.code, 1019);
    assert.equal(e.message, 'Nilai cif maksimal 24 digit dengan dua angka dibelakang koma');
  });

  test('maxlength on a number counts digits', () => {
    assert.equal(digitCount(350.71), 5);
    assert.equal(digitCount(0.5), 2);
    assert.equal(digitCount(1e21), 22);
    assert.equal(plainDecimal(1.5e-7), '0.00000015');
    const check = compileSchema({ type: 'number', maxlength: 4, message: 'maks 4 digit' });
    const ok = new Collector(10);
    check(12.34, '/x', ok);
    assert.equal(ok.errors.length, 0);
    const bad = new Collector(10);
    check(123.45, '/x', bad);
    assert.deepEqual(bad.errors.map((e) => [e.field, e.code, e.message]), [['/x', 1013, 'maks 4 digit']]);
    const d = bc20();
    d.asuransi = 1e24; // 25 digits
    assert.ok(validateDocument(d).errors.some((x) => x.field === '/asuransi' && x.code === 1013));
  });

  test('fields the schema does not list are accepted (no additionalProperties unless written)', () => {
    const d = bc20();
    d.flagSsm = 'Y';
    d.kodeKenaPajak = '1';
    d.barang[0].kodeBarang = 'SKU-1';
    assert.equal(validateDocument(d).valid, true);
  });

  test('if/then of BC 3.0: kodeCaraBayar "9" makes kodePembayar mandatory', () => {
    const d = synthesizeDocument('bc30');
    d.kodeCaraBayar = '9';
    delete d.kodePembayar;
    const r = validateDocument(d, { version: '0.5.28' });
    assert.deepEqual(r.errors.map((e) => [e.field, e.code]), [['/kodePembayar', 1028]]);
  });

  test('all violations are reported, bounded', () => {
    const d = bc20();
    d.asalData = 'X';
    d.disclaimer = '7';
    delete d.netto;
    const r = validateDocument(d);
    assert.deepEqual(r.errors.map((e) => e.code).sort(), [1008, 1028, 1042]);
    assert.equal(r.truncated, false);
    const many: Doc = synthesizeDocument('bc25', { itemsPerList: 1 });
    const item = many.barang[0];
    many.barang = Array.from({ length: 300 }, () => ({ ...item, uraian: 1 }));
    const big = validateDocument(many);
    assert.equal(big.errors.length, MAX_SCHEMA_ERRORS);
    assert.equal(big.truncated, true);
    assert.equal(big.errors[MAX_SCHEMA_ERRORS - 1]!.field, `/barang/${MAX_SCHEMA_ERRORS - 1}/uraian`);
  });

  test('sample nomorAju values follow the documented layout', () => {
    for (const kd of ['20', '261', '511']) {
      const aju = sampleNomorAju(kd, 42);
      assert.match(aju, /^[A-Za-z0-9]{26}$/);
      assert.equal(aju.slice(12, 20), '20260115');
      assert.equal(aju.slice(20), '000042');
    }
  });
});
