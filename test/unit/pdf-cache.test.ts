import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PdfCache } from '../../src/pdf/cache.ts';

const bytes = (n: number, fill = 1) => new Uint8Array(n).fill(fill);

test('pdf cache: one rendering per distinct inputs, shared by concurrent callers', async () => {
  const c = new PdfCache(1000);
  let renders = 0;
  const render = (n: number) => async () => {
    renders++;
    await new Promise((r) => setTimeout(r, 5));
    return bytes(n);
  };
  const [a, b] = await Promise.all([c.get(['x', 1, null], render(10)), c.get(['x', 1, null], render(10))]);
  assert.equal(renders, 1);
  assert.equal(a, b);
  assert.equal(await c.get(['x', 1, null], render(10)), a);
  assert.equal(renders, 1);
  assert.deepEqual([c.hits, c.misses], [1, 1]);
  // any input differing is another letter, also where plain concatenation would agree
  for (const inputs of [['x', 2, null], ['x', 1, undefined], ['x', '1', null], ['x1', null, null], ['', 'x1', null], ['x', 1, 'null']]) await c.get(inputs, render(10));
  assert.equal(renders, 7);
});

test('pdf cache: bounded by bytes, least recently used out first; failures are not kept', async () => {
  const c = new PdfCache(100);
  await c.get(['a'], async () => bytes(40));
  await c.get(['b'], async () => bytes(40));
  await c.get(['a'], async () => assert.fail('a is cached'));
  await c.get(['c'], async () => bytes(40)); // over 100: b (least recently used) goes
  assert.equal(c.bytes, 80);
  let rendered = false;
  await c.get(['b'], async () => ((rendered = true), bytes(40)));
  assert.ok(rendered, 'b was evicted');
  await c.get(['huge'], async () => bytes(500));
  assert.ok(c.bytes <= 100, 'a letter larger than the cache is not kept');
  await assert.rejects(c.get(['bad'], async () => { throw new Error('boom'); }), /boom/);
  assert.equal(await c.get(['bad'], async () => bytes(1, 7)).then((b) => b[0]), 7, 'a failed rendering is tried again');
});
