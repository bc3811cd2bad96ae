#!/usr/bin/env node
// Regenerates src/reference/data/*.json from the reference-code pages of the PIA-CEISA40 docs
// (markdown tables, kept verbatim: columns as the page heads them, rows as the page lists them).
// Usage: node scripts/build-reference.mjs [path/to/reference/ceisa40]
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(process.argv[2] ?? '../shared/reference/ceisa40');
const out = path.resolve('src/reference/data');
const sources = [
  ['referensi', ''],
  ['api-services-barang-kiriman/referensi', 'barang-kiriman-'],
];

function cells(line) {
  return line.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim());
}

let n = 0;
for (const [dir, prefix] of sources) {
  for (const file of fs.readdirSync(path.join(root, dir)).filter((f) => f.endsWith('.md')).sort()) {
    const text = fs.readFileSync(path.join(root, dir, file), 'utf8');
    const lines = text.split('\n');
    const title = (lines.find((l) => l.startsWith('# ')) ?? file).replace(/^# /, '').trim();
    const start = lines.findIndex((l, i) => l.trim().startsWith('|') && /^\|?\s*-{3,}/.test((lines[i + 1] ?? '').trim()));
    if (start < 0) continue;
    const columns = cells(lines[start]);
    const rows = [];
    for (let i = start + 2; i < lines.length && lines[i].trim().startsWith('|'); i++) rows.push(cells(lines[i]));
    const name = prefix + file.replace(/^referensi-/, '').replace(/\.md$/, '');
    const data = { name, title, source: `${dir}/${file}`, columns, rows };
    fs.writeFileSync(path.join(out, `${name}.json`), `${JSON.stringify(data, null, 1)}\n`);
    n++;
  }
}
console.log(`wrote ${n} reference tables to ${path.relative(process.cwd(), out)}`);
