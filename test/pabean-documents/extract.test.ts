import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { ROOT } from '../helpers/server.ts';

const DOCS = '/work/shared/reference/ceisa40';
const DJBC = '/work/shared/reference/djbc-schemas';
const present = fs.existsSync(DOCS) && fs.existsSync(DJBC);

test('schemas/ is exactly what scripts/extract-schemas.mjs makes from the docs pages and DJBC files', { skip: !present && 'reference copies not on this machine' }, () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'ceisa40-schemas-'));
  try {
    const r = spawnSync(process.execPath, ['scripts/extract-schemas.mjs', '--docs', DOCS, '--djbc', DJBC, '--out', out], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const list = (dir: string): string[] =>
      fs.readdirSync(dir, { recursive: true, withFileTypes: false }).map(String).filter((f) => f.endsWith('.json') && f !== 'leniencies.json').sort();
    const made = list(out);
    assert.deepEqual(made, list(path.join(ROOT, 'schemas')));
    for (const f of made) assert.equal(fs.readFileSync(path.join(out, f), 'utf8'), fs.readFileSync(path.join(ROOT, 'schemas', f), 'utf8'), f);
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
});
