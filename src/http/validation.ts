import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FieldError } from './families.ts';
import { HANDLER_VALIDATED } from './registry.ts';

// ajv-formats is CommonJS; its default export arrives wrapped under ESM.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (a: Ajv) => Ajv;

/** Route schemas: bodies never coerced; query strings and path params may be. */
function makeAjv(coerce: boolean): Ajv {
  const ajv = new Ajv({ allErrors: true, coerceTypes: coerce ? 'array' : false, useDefaults: true, removeAdditional: false, strict: false });
  addFormats(ajv);
  return ajv;
}

const bodyAjv = makeAjv(false);
const paramAjv = makeAjv(true);

const compiled = { body: new WeakMap<object, ValidateFunction>(), other: new WeakMap<object, ValidateFunction>() };

/**
 * The route validator for one part of a request. Compiled on the route's first request, not at
 * start: compiling the few hundred route schemas was the largest item of the cold start. The same
 * schema object (one route under several prefixes) is compiled once. test/unit/route-schemas
 * compiles every route schema, so a broken schema still fails the tests, not a first request.
 */
export function compileRouteSchema(schema: object, httpPart: string | undefined): ValidateFunction {
  if ((schema as Record<string, unknown>)[HANDLER_VALIDATED]) return (() => true) as unknown as ValidateFunction;
  const isBody = httpPart === 'body';
  let validate: ValidateFunction | undefined;
  // JSON schema's number/integer accept Infinity (`1e309` in JSON, `Infinity` in a coerced
  // query string): no field of this API can hold it, so a non-finite number is refused here
  const checked = ((data: unknown) => {
    validate ??= compileNow(schema, isBody);
    if (!validate(data)) {
      checked.errors = validate.errors;
      return false;
    }
    // query and path values also stay within the exactly representable integers (page numbers etc.)
    const at = nonFinite(data, isBody ? Infinity : Number.MAX_SAFE_INTEGER);
    checked.errors = at === null ? null : [{ instancePath: at, schemaPath: '#/type', keyword: 'type', params: { type: 'number' }, message: isBody ? 'must be a finite number' : `must be a finite number between -${Number.MAX_SAFE_INTEGER} and ${Number.MAX_SAFE_INTEGER}` }];
    return at === null;
  }) as ValidateFunction;
  return checked;
}

/** Compiles a route schema now (what the first request of a route does). */
export function compileNow(schema: object, isBody: boolean): ValidateFunction {
  const cache = isBody ? compiled.body : compiled.other;
  let v = cache.get(schema);
  if (!v) cache.set(schema, (v = (isBody ? bodyAjv : paramAjv).compile(schema)));
  return v;
}

/** The JSON pointer of the first non-finite number in a value (or one beyond ±limit), or null. */
export function nonFinite(value: unknown, limit = Infinity): string | null {
  return findInTree(value, (v) => typeof v === 'number' && (!Number.isFinite(v) || Math.abs(v) > limit));
}

/**
 * The JSON pointer of the first value or object key of a tree for which `bad` holds, or null.
 * Request bodies are walked on every request: the walk builds no pointers (it was a tenth of a
 * document send's CPU when it did); a pointer is built only once something is found.
 */
export function findInTree(value: unknown, bad: (v: unknown) => boolean, root = ''): string | null {
  if (!value || typeof value !== 'object') return bad(value) ? root : null;
  const stack: unknown[] = [value];
  let found = false;
  while (stack.length && !found) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const x = v[i];
        if (x && typeof x === 'object') stack.push(x);
        else if (bad(x)) found = true;
      }
    } else {
      for (const k in v as Record<string, unknown>) {
        if (!Object.hasOwn(v as object, k)) continue;
        const x = (v as Record<string, unknown>)[k];
        if (bad(k)) found = true;
        else if (x && typeof x === 'object') stack.push(x);
        else if (bad(x)) found = true;
      }
    }
  }
  return found ? pointerOf(value, bad, root) : null;
}

/** The slow half of findInTree: the same search, keeping the path. */
function pointerOf(value: unknown, bad: (v: unknown) => boolean, root: string): string | null {
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length) {
    const [v, at] = stack.pop()!;
    if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        const ptr = `${at}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        if (bad(k)) return ptr;
        stack.push([x, ptr]);
      }
    } else if (bad(v)) return at;
  }
  return null;
}

const MAX_ERRORS = 50;

/** Ajv errors as field errors: JSON pointer of the field, the rule (keyword), a readable message. */
export function toFieldErrors(errors: ErrorObject[] | null | undefined, prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors ?? []) {
    if (out.length >= MAX_ERRORS) break;
    let field = prefix + e.instancePath;
    if (e.keyword === 'required') field += `/${(e.params as { missingProperty: string }).missingProperty}`;
    if (e.keyword === 'additionalProperties') field += `/${(e.params as { additionalProperty: string }).additionalProperty}`;
    out.push({ field, rule: e.keyword, message: `${field || '(body)'} ${describe(e)}` });
  }
  return out;
}

function describe(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return 'is required';
    case 'enum':
      return `must be one of ${JSON.stringify(p.allowedValues)}`;
    case 'additionalProperties':
      return 'is not allowed';
    default:
      return e.message ?? `fails rule ${e.keyword}`;
  }
}

export function summarize(errors: FieldError[], what = 'Request'): string {
  if (!errors.length) return `${what} is invalid`;
  const first = errors[0]!.message;
  return errors.length === 1 ? `${what} is invalid: ${first}` : `${what} is invalid: ${first} (and ${errors.length - 1} more)`;
}
