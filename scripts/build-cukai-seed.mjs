#!/usr/bin/env node
// Extracts the example records of the docs' excise Produksi pages into the demo seed data
// (src/services/cukai/examples/docs-examples.json). Usage: node scripts/build-cukai-seed.mjs [docs dir]
import fs from 'node:fs';
import path from 'node:path';

const DOCS = process.argv[2] ?? '/work/shared/reference/ceisa40/api-service-cukai/produksi';
const OUT = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'src/services/cukai/examples/docs-examples.json');

/** The response example of a page: the first ```json block after "### Response", cut at "Potential Error". */
function responseOf(file) {
  const s = fs.readFileSync(path.join(DOCS, file), 'utf8');
  const r = s.indexOf('### Response');
  const i = s.indexOf('```json', r);
  const j = s.indexOf('Potential Error', i);
  let t = s.slice(i + 7, j).trim();
  if (t.endsWith('```')) t = t.slice(0, -3);
  return JSON.parse(t);
}

const out = {
  source: 'PIA-CEISA40 docs, api-service-cukai/produksi (response examples)',
  // browse-tarif-merk-ht.md: HT tarif records of DEMANG JAYA PR
  tarifHt: responseOf('browse-tarif-merk-ht.md').data.listData,
  // browse-tarif-merk-mmea.md, and browse-ck-4.md (whose example shows MMEA tarif records): PANJANG JIWO PT
  tarifMmea: [...responseOf('browse-tarif-merk-mmea.md').data.listData, ...responseOf('browse-ck-4.md').data.listData],
  // browse-data-merk-by-nppbkc.md: EA brands of MOLINDO RAYA INDUSTRIAL
  merkEa: responseOf('browse-data-merk-by-nppbkc.md').data.listData,
  // browse-tarif-merk-ea.md (whose example shows CK-4 records): the CK-4 HT of DEMANG JAYA PR
  ck4Rows: responseOf('browse-tarif-merk-ea.md').data.listData,
  detailHt: responseOf('get-detail-ht.md').data,
  detailMmea: responseOf('get-detail-mmea.md').data,
  detailEa: responseOf('get-detail-ea.md').data,
};
fs.mkdirSync(path.dirname(OUT), { recursive: true });
fs.writeFileSync(OUT, `${JSON.stringify(out, null, 1)}\n`);
console.log(`wrote ${OUT}: ${out.tarifHt.length} HT tarif, ${out.tarifMmea.length} MMEA tarif, ${out.merkEa.length} EA brands, ${out.ck4Rows.length} CK-4 rows`);
