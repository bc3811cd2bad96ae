/**
 * Smoke test of the benchmark suite (bench/run.ts): a tiny run of every figure (1 s loads of a
 * few hundred requests, 200 vs 20 seeded documents, one cold start) must produce a number for
 * each figure and the results table. It checks the tools work, not the figures' goals.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FIGURES, runBench } from '../../bench/run.ts';

test('bench: a tiny run of every figure gives a number per figure and the table', { timeout: 180_000 }, async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ceisa-bench-smoke-'));
  try {
    const { rows, markdown } = await runBench({
      only: [...FIGURES],
      quick: true,
      durationSec: 1,
      maxRequests: 200,
      connections: 4,
      large: 200,
      small: 20,
      xrayMb: 1,
      coldRuns: 1,
      out: null,
      seedCache: tmp,
    });
    assert.deepEqual(
      rows.map((r) => r.figure),
      [...FIGURES.flatMap((f) => (f === 'large-data' ? [f, 'large-data-history'] : [f]))],
      'one row per figure, in order (large-data has two reads)',
    );
    for (const r of rows) {
      assert.match(r.ours, /\d/, `${r.figure}: our number`);
      if (r.figure !== 'cold-start') {
        assert.match(r.baseline, /\d/, `${r.figure}: a baseline number`);
        assert.match(r.ratio, /^\d[\d,]*\.\d\dx/, `${r.figure}: a ratio`);
      }
      assert.equal(typeof r.met, 'boolean', `${r.figure}: goal checked`);
    }
    // every load answered 2xx (the tiny run must not hide broken requests behind a number)
    for (const r of rows.filter((x) => x.figure.startsWith('send'))) assert.match(r.ours, /(\d+)\/\1 2xx/, `${r.figure}: all 2xx`);
    assert.match(markdown, /^\| figure \| measured \| ours \| baseline \(same run\) \| ratio \| goal \| met \|$/m);
    for (const f of FIGURES) assert.match(markdown, new RegExp(`^\\| ${f} \\|`, 'm'), `table row ${f}`);
    assert.match(markdown, /- machine: \d+ cores/);
    assert.match(markdown, /Node v\d+/);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
