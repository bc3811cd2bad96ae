import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allEndpoints } from '../../src/app.ts';
import { compileNow } from '../../src/http/validation.ts';
import { HANDLER_VALIDATED } from '../../src/http/registry.ts';

// Route validators compile on a route's first request (a faster start); this compiles every one
// now, so a broken schema fails here rather than on some route's first call.
test('every route schema compiles', () => {
  let n = 0;
  const failures: string[] = [];
  for (const ep of allEndpoints()) {
    const s = ep.schema ?? {};
    for (const [part, schema] of [['body', s.body], ['querystring', s.querystring], ['params', s.params], ['headers', s.headers]] as const) {
      if (!schema || (schema as Record<string, unknown>)[HANDLER_VALIDATED]) continue;
      try {
        assert.equal(typeof compileNow(schema, part === 'body'), 'function');
        n++;
      } catch (err) {
        failures.push(`${ep.method} ${ep.paths[0]} ${part}: ${(err as Error).message}`);
      }
    }
  }
  assert.deepEqual(failures, []);
  assert.ok(n > 50, `compiled ${n} schemas`);
});
