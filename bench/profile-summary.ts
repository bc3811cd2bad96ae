/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`): the functions with the most self time,
 * and the source files with the most inclusive time. Used to find what limits a figure:
 *   BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=prof" npm run bench -- --only status --no-write
 *   node --import tsx bench/profile-summary.ts prof/CPU.*.cpuprofile [top]
 */
import fs from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount: number;
  children?: number[];
}
const file = process.argv[2];
const top = Number(process.argv[3] ?? 25);
if (!file) throw new Error('usage: profile-summary.ts <file.cpuprofile> [top]');
const prof = JSON.parse(fs.readFileSync(file, 'utf8')) as { nodes: Node[]; samples: number[]; startTime: number; endTime: number };
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const total = prof.nodes.reduce((s, n) => s + n.hitCount, 0);
const short = (u: string) => u.replace(/^file:\/\//, '').replace(/.*node_modules\//, 'nm:').replace(/.*\/src\//, 'src/');
const self = new Map<string, number>();
const inclFn = new Map<string, number>();
const incl = new Map<string, number>();
for (const n of prof.nodes) {
  const key = `${n.callFrame.functionName || '(anon)'} ${short(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
  self.set(key, (self.get(key) ?? 0) + n.hitCount);
  // inclusive per package/file: count each sample once per distinct file on its stack
  if (!n.hitCount) continue;
  const seenFn = new Set<string>();
  for (let id: number | undefined = n.id; id !== undefined; id = parent.get(id)) {
    const c = byId.get(id)!.callFrame;
    if (!c.url.includes('/src/')) continue;
    const k = `${c.functionName || '(anon)'} ${short(c.url)}:${c.lineNumber + 1}`;
    if (!seenFn.has(k)) (seenFn.add(k), inclFn.set(k, (inclFn.get(k) ?? 0) + n.hitCount));
  }
  const seen = new Set<string>();
  for (let id: number | undefined = n.id; id !== undefined; id = parent.get(id)) {
    const f = short(byId.get(id)!.callFrame.url).replace(/^nm:((@[^/]+\/)?[^/]+).*/, 'nm:$1') || '(native)';
    if (!seen.has(f)) (seen.add(f), incl.set(f, (incl.get(f) ?? 0) + n.hitCount));
  }
}
const pct = (v: number) => `${((100 * v) / total).toFixed(1).padStart(5)}%`;
console.log(`${total} samples over ${((prof.endTime - prof.startTime) / 1e6).toFixed(1)} s\n\nself time:`);
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(v)}  ${k}`);
console.log('\ninclusive time per file / package:');
for (const [k, v] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(v)}  ${k}`);
console.log('\ninclusive time per function of src/:');
for (const [k, v] of [...inclFn].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(v)}  ${k}`);
