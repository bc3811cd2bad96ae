import { test } from 'node:test';
import assert from 'node:assert/strict';
import { referenceCodes, referenceNames, referenceRow, referenceTable } from '../../src/reference/index.ts';

test('reference tables: shipped from the docs pages, looked up by code', () => {
  assert.ok(referenceNames().length >= 57);
  assert.deepEqual(referenceRow('kantor', '009000'), ['009000', 'DIREKTORAT IKC']);
  assert.ok(referenceCodes('valuta').has('USD'));
  assert.deepEqual(referenceTable('status').columns, ['KODE STATUS', 'NAMA STATUS', 'DESKRIPSI']);
  assert.equal(referenceRow('barang-kiriman-jenis-aju', '2')?.[1], 'PIBK');
  assert.throws(() => referenceTable('../secret'), /no reference table/);
  assert.throws(() => referenceTable('nope'), /no reference table/);
});
