/**
 * Validator throughput per document type, side by side with Ajv (draft-07, no dialect) on the
 * same schemas and documents, in one run. Not a test: prints numbers and ratios. Times are
 * this process's CPU time (process.cpuUsage), so a busy machine distorts them less than wall time.
 *   node --import tsx bench/validate-documents.ts [iterations]
 */
import { Ajv } from 'ajv';
import { documentTypes, pageExample, readSchema, synthesizeDocument, validateDocument, precompileAll } from '../src/schemas/index.ts';

const N = Number(process.argv[2] ?? 2000);
const t0 = performance.now();
const compiledCount = precompileAll({});
console.log(`compiled ${compiledCount} schema versions in ${(performance.now() - t0).toFixed(0)} ms`);

const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
const rows: string[][] = [['type', 'ceisa40 µs/doc', 'ajv µs/doc', 'ratio']];
for (const t of documentTypes()) {
  const doc = pageExample(t.id) ?? synthesizeDocument(t);
  const v = t.versions[0]!;
  const ajvValidate = ajv.compile(readSchema(v) as object);
  for (let i = 0; i < 200; i++) (validateDocument(doc), ajvValidate(doc));
  const cpu = () => {
    const u = process.cpuUsage();
    return u.user + u.system;
  };
  let s = cpu();
  for (let i = 0; i < N; i++) validateDocument(doc);
  const ours = (cpu() - s) / N;
  s = cpu();
  for (let i = 0; i < N; i++) ajvValidate(doc);
  const theirs = (cpu() - s) / N;
  rows.push([`${t.id}@${v.version}`, ours.toFixed(1), theirs.toFixed(1), (ours / theirs).toFixed(2)]);
}
for (const r of rows) console.log(r.map((c, i) => (i ? c.padStart(16) : c.padEnd(18))).join(''));
