import { DJBC_CODES, DJBC_CODE_TEXT, type Rule } from './codes.ts';
import { digitCount, multipleOfChecker } from './decimal.ts';

/**
 * A compiler for the official schemas' dialect (draft-07 as DJBC writes it). A schema is
 * compiled once into a tree of closures; validating walks the value, never the schema text.
 *
 * Dialect (schemas/README.md):
 * - `message`: a string is the text of every error of that schema node; an object maps a
 *   keyword to its text (`{"required": "Wajib mengisi ..."}`).
 * - `maxlength` (lower case, not a draft-07 keyword): on numbers/integers the count of written
 *   digits, on strings the character count.
 * - `multipleOf` is checked in decimal arithmetic.
 * - `items` as an array: more than one element = positional (draft-07 tuple); exactly one
 *   element = the rule for EVERY item, unless `strictTupleItems` (exact draft-07).
 * - Properties the schema does not list are accepted (no additionalProperties unless written).
 */

export interface SchemaError {
  /** JSON pointer of the offending field ('' = the whole document) */
  field: string;
  /** the keyword that failed */
  rule: Rule;
  /** DJBC code (1008 enum, 1023 pattern, 1028 required, 1042 const, ...) */
  code: number;
  /** the schema's own `message` for this field and rule, else the docs' text for the code */
  message: string;
  /** what the rule expects, in plain words */
  detail: string;
}

export interface CompileOptions {
  /** exact draft-07: a one-element `items` array constrains only the first item */
  strictTupleItems?: boolean;
}

/** Collects errors up to `limit`; one more sets `truncated` and stops the walk. */
export class Collector {
  readonly errors: SchemaError[] = [];
  /** more errors exist than were kept */
  truncated = false;
  /** `probe`: only validity is wanted, stop at the first error */
  constructor(
    readonly limit: number,
    private readonly probe = false,
  ) {}
  /** stop walking: more errors than kept, or a probe's first error */
  full = false;
  add(e: SchemaError): void {
    if (this.errors.length < this.limit) this.errors.push(e);
    else this.truncated = this.full = true;
    if (this.probe) this.full = true;
  }
}

/** Where the walk is: a pointer prefix and the tokens below it, pushed and popped (no string per field). */
interface Path {
  prefix: string;
  stack: Array<string | number>;
}
type Walk = (v: unknown, ptr: Path, out: Collector) => void;
/** A compiled schema: validates `v`, reporting fields under the JSON pointer `at` ('' = the document). */
export type Check = (v: unknown, at: string, out: Collector) => void;

function pointer(p: Path, extra?: string): string {
  let s = p.prefix;
  for (const t of p.stack) s += `/${typeof t === 'number' ? t : escapeToken(t)}`;
  return extra === undefined ? s : `${s}/${escapeToken(extra)}`;
}
type Json = Record<string, unknown>;

const escapeToken = (k: string): string => (k.includes('~') || k.includes('/') ? k.replace(/~/g, '~0').replace(/\//g, '~1') : k);

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

const TYPE_TESTS: Record<string, (v: unknown) => boolean> = {
  string: (v) => typeof v === 'string',
  number: (v) => typeof v === 'number' && Number.isFinite(v),
  integer: (v) => typeof v === 'number' && Number.isInteger(v),
  boolean: (v) => typeof v === 'boolean',
  object: (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
  array: (v) => Array.isArray(v),
  null: (v) => v === null,
};
const ANY = (): boolean => true;

/** One specialised test for a `type` keyword (a string or a list). */
function typeTest(types: string[]): (v: unknown) => boolean {
  const tests = types.map((t) => TYPE_TESTS[t] ?? ANY);
  if (tests.length === 1) return tests[0]!;
  return (v) => tests.some((t) => t(v));
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => deepEqual(x, bb[i]));
  }
  const ka = Object.keys(a as Json);
  const kb = Object.keys(b as Json);
  return ka.length === kb.length && ka.every((k) => deepEqual((a as Json)[k], (b as Json)[k]));
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
function isDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1]!;
  return d <= days;
}
const FORMATS: Record<string, (s: string) => boolean> = {
  date: isDate,
  'date-time': (s) => /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:?\d{2})?$/.test(s) && isDate(s.slice(0, 10)),
  time: (s) => /^\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:?\d{2})?$/.test(s),
  email: (s) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s),
};

/** Keywords this compiler gives meaning to; everything else is an annotation (draft-07 rule). */
export const SUPPORTED_KEYWORDS = [
  'type', 'properties', 'required', 'additionalProperties', 'dependencies', 'const', 'enum', 'pattern', 'format',
  'maxlength', 'maxLength', 'minLength', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf',
  'items', 'additionalItems', 'minItems', 'maxItems', 'uniqueItems', 'allOf', 'anyOf', 'oneOf', 'not', 'if', 'then', 'else', 'message',
] as const;

const preview = (v: unknown): string => {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 60 ? `${s.slice(0, 57)}...` : s;
};

export function compileSchema(schema: unknown, opts: CompileOptions = {}): Check {
  const walk = compileNode(schema, opts);
  return (v, at, out) => walk(v, { prefix: at, stack: [] }, out);
}

function compileNode(schema: unknown, opts: CompileOptions): Walk {
  if (schema === true || schema === undefined) return () => {};
  if (schema === false) {
    return (_v, ptr, out) => out.add({ field: pointer(ptr), rule: 'false', code: DJBC_CODES.false, message: 'Elemen tidak diperbolehkan', detail: 'no value is allowed here' });
  }
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) throw new Error(`invalid schema node: ${preview(schema)}`);
  const s = schema as Json;
  const msgDef = s.message;
  const msg = (rule: Rule, code: number, fallback: string): string => {
    if (typeof msgDef === 'string') return msgDef;
    if (msgDef && typeof msgDef === 'object') {
      const m = (msgDef as Json)[rule === 'maxlength' ? 'maxlength' : rule] ?? (rule === 'maxlength' ? (msgDef as Json).maxLength : undefined);
      if (typeof m === 'string') return m;
    }
    return DJBC_CODE_TEXT[code] ?? fallback;
  };
  const err = (out: Collector, at: Path, rule: Rule, detail: string, fallback: string, member?: string): void => {
    const code = DJBC_CODES[rule];
    out.add({ field: pointer(at, member), rule, code, message: msg(rule, code, fallback), detail });
  };

  const checks: Walk[] = [];
  const types: string[] | null = s.type === undefined ? null : Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
  const is = (t: string) => !types || types.includes(t) || (t === 'number' && types.includes('integer'));

  // --- any type
  if ('const' in s) {
    const c = s.const;
    checks.push((v, ptr, out) => {
      if (!deepEqual(v, c)) err(out, ptr, 'const', `must be ${preview(c)}, got ${preview(v)}`, 'Nilai isian harus sama dengan konstanta');
    });
  }
  if (Array.isArray(s.enum)) {
    // Dialect: `"type": "string"` with an enum of numbers (FTZ01-3 kodeAsalBahanBaku [0, 1]) can match
    // nothing as written; DJBC means the digits, so the enum is read as their string forms.
    const values = types?.length === 1 && types[0] === 'string' ? (s.enum as unknown[]).map((x) => (typeof x === 'number' ? String(x) : x)) : (s.enum as unknown[]);
    const prims = values.every((x) => x === null || typeof x !== 'object') ? new Set(values) : null;
    checks.push((v, ptr, out) => {
      const ok = prims ? prims.has(v) : values.some((x) => deepEqual(x, v));
      if (!ok) err(out, ptr, 'enum', `must be one of ${preview(values)}, got ${preview(v)}`, 'Nilai isian harus salah satu pilihan');
    });
  }

  // --- strings
  const strChecks: Array<(v: string, ptr: Path, out: Collector) => void> = [];
  if (typeof s.pattern === 'string') {
    const source = s.pattern;
    const re = new RegExp(source, 'u');
    strChecks.push((v, ptr, out) => {
      if (!re.test(v)) err(out, ptr, 'pattern', `must match ${source}, got ${preview(v)}`, 'Nilai isian tidak sesuai pattern');
    });
  }
  if (typeof s.format === 'string' && FORMATS[s.format]) {
    const name = s.format;
    const f = FORMATS[name]!;
    strChecks.push((v, ptr, out) => {
      if (!f(v)) err(out, ptr, 'format', `must be a valid ${name}${name === 'date' ? ' (YYYY-MM-DD)' : ''}, got ${preview(v)}`, `Format isian harus ${name}`);
    });
  }
  for (const [kw, rule] of [['maxlength', 'maxlength'], ['maxLength', 'maxLength']] as const) {
    if (typeof s[kw] === 'number') {
      const max = s[kw] as number;
      strChecks.push((v, ptr, out) => {
        if (v.length <= max) return; // UTF-16 units >= code points
        const n = [...v].length;
        if (n > max) err(out, ptr, rule, `must be at most ${max} characters, got ${n}`, `Panjang isian maksimal ${max} karakter`);
      });
    }
  }
  if (typeof s.minLength === 'number') {
    const min = s.minLength;
    strChecks.push((v, ptr, out) => {
      const n = [...v].length;
      if (n < min) err(out, ptr, 'minLength', `must be at least ${min} characters, got ${n}`, `Panjang isian minimal ${min} karakter`);
    });
  }
  if (strChecks.length) {
    checks.push((v, ptr, out) => {
      if (typeof v === 'string') for (let i = 0; i < strChecks.length; i++) strChecks[i]!(v, ptr, out);
    });
  }

  // --- numbers
  const numChecks: Array<(v: number, ptr: Path, out: Collector) => void> = [];
  if (typeof s.maxlength === 'number') {
    const max = s.maxlength;
    numChecks.push((v, ptr, out) => {
      const n = digitCount(v);
      if (n > max) err(out, ptr, 'maxlength', `must have at most ${max} digits, got ${n}`, `Nilai isian maksimal ${max} digit`);
    });
  }
  if (typeof s.multipleOf === 'number') {
    const m = s.multipleOf;
    const multiple = multipleOfChecker(m);
    numChecks.push((v, ptr, out) => {
      if (!multiple(v)) err(out, ptr, 'multipleOf', `must be a multiple of ${m}, got ${v}`, `Nilai isian harus kelipatan ${m}`);
    });
  }
  for (const kw of ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'] as const) {
    if (typeof s[kw] !== 'number') continue;
    const lim = s[kw] as number;
    const bad = kw === 'minimum' ? (v: number) => v < lim : kw === 'maximum' ? (v: number) => v > lim : kw === 'exclusiveMinimum' ? (v: number) => v <= lim : (v: number) => v >= lim;
    const words = { minimum: '>=', maximum: '<=', exclusiveMinimum: '>', exclusiveMaximum: '<' }[kw];
    numChecks.push((v, ptr, out) => {
      if (bad(v)) err(out, ptr, kw, `must be ${words} ${lim}, got ${v}`, `Nilai isian harus ${words} ${lim}`);
    });
  }
  if (numChecks.length) {
    checks.push((v, ptr, out) => {
      if (typeof v === 'number') for (let i = 0; i < numChecks.length; i++) numChecks[i]!(v, ptr, out);
    });
  }

  // --- objects
  const objChecks: Array<(v: Json, ptr: Path, out: Collector) => void> = [];
  if (Array.isArray(s.required) && is('object')) {
    const req = s.required as string[];
    objChecks.push((v, ptr, out) => {
      for (const k of req) {
        if (!Object.prototype.hasOwnProperty.call(v, k)) err(out, ptr, 'required', `${k} is required`, 'Elemen mandatory', k);
      }
    });
  }
  const props = s.properties && typeof s.properties === 'object' ? (s.properties as Json) : null;
  const propChecks: Array<[string, Walk]> = props ? Object.entries(props).map(([k, sub]) => [k, compileNode(sub, opts)]) : [];
  if (propChecks.length) {
    objChecks.push((v, ptr, out) => {
      for (let i = 0; i < propChecks.length; i++) {
        if (out.full) return;
        const [k, c] = propChecks[i]!;
        if (Object.prototype.hasOwnProperty.call(v, k)) {
          ptr.stack.push(k);
          c(v[k], ptr, out);
          ptr.stack.pop();
        }
      }
    });
  }
  if (s.additionalProperties !== undefined && s.additionalProperties !== true) {
    const known = new Set(props ? Object.keys(props) : []);
    const extra = s.additionalProperties === false ? null : compileNode(s.additionalProperties, opts);
    objChecks.push((v, ptr, out) => {
      for (const k of Object.keys(v)) {
        if (known.has(k)) continue;
        if (extra) {
          ptr.stack.push(k);
          extra(v[k], ptr, out);
          ptr.stack.pop();
        } else err(out, ptr, 'additionalProperties', `${k} is not allowed here`, 'Elemen tidak dikenal pada skema', k);
      }
    });
  }
  if (s.dependencies && typeof s.dependencies === 'object') {
    for (const [k, dep] of Object.entries(s.dependencies as Json)) {
      if (Array.isArray(dep)) {
        const needs = dep as string[];
        objChecks.push((v, ptr, out) => {
          if (!Object.prototype.hasOwnProperty.call(v, k)) return;
          for (const n of needs) {
            if (!Object.prototype.hasOwnProperty.call(v, n)) err(out, ptr, 'dependencies', `${n} is required when ${k} is present`, 'Elemen wajib diisi karena elemen terkait diisi', n);
          }
        });
      } else {
        const c = compileNode(dep, opts);
        objChecks.push((v, ptr, out) => {
          if (Object.prototype.hasOwnProperty.call(v, k)) c(v, ptr, out);
        });
      }
    }
  }
  if (objChecks.length) {
    checks.push((v, ptr, out) => {
      if (typeof v === 'object' && v !== null && !Array.isArray(v)) for (let i = 0; i < objChecks.length; i++) objChecks[i]!(v as Json, ptr, out);
    });
  }

  // --- arrays
  const arrChecks: Array<(v: unknown[], ptr: Path, out: Collector) => void> = [];
  if (Array.isArray(s.items)) {
    const list = s.items as unknown[];
    if (list.length === 1 && !opts.strictTupleItems) {
      const every = compileNode(list[0], opts);
      arrChecks.push((v, ptr, out) => {
        for (let i = 0; i < v.length && !out.full; i++) {
          ptr.stack.push(i);
          every(v[i], ptr, out);
          ptr.stack.pop();
        }
      });
    } else {
      const pos = list.map((x) => compileNode(x, opts));
      const rest = s.additionalItems === undefined || s.additionalItems === true ? null : compileNode(s.additionalItems, opts);
      arrChecks.push((v, ptr, out) => {
        for (let i = 0; i < v.length && !out.full; i++) {
          const c = i < pos.length ? pos[i]! : rest;
          if (!c) continue;
          ptr.stack.push(i);
          c(v[i], ptr, out);
          ptr.stack.pop();
        }
      });
    }
  } else if (s.items !== undefined) {
    const every = compileNode(s.items, opts);
    arrChecks.push((v, ptr, out) => {
      for (let i = 0; i < v.length && !out.full; i++) {
        ptr.stack.push(i);
        every(v[i], ptr, out);
        ptr.stack.pop();
      }
    });
  }
  if (typeof s.minItems === 'number') {
    const min = s.minItems;
    arrChecks.push((v, ptr, out) => {
      if (v.length < min) err(out, ptr, 'minItems', `must have at least ${min} items, got ${v.length}`, `Jumlah data minimal ${min}`);
    });
  }
  if (typeof s.maxItems === 'number') {
    const max = s.maxItems;
    arrChecks.push((v, ptr, out) => {
      if (v.length > max) err(out, ptr, 'maxItems', `must have at most ${max} items, got ${v.length}`, `Jumlah data maksimal ${max}`);
    });
  }
  if (s.uniqueItems === true) {
    arrChecks.push((v, ptr, out) => {
      const seen = new Set<string>();
      for (const x of v) {
        const key = JSON.stringify(x);
        if (seen.has(key)) return err(out, ptr, 'uniqueItems', 'items must be unique', 'Data tidak boleh berulang');
        seen.add(key);
      }
    });
  }
  if (arrChecks.length) {
    checks.push((v, ptr, out) => {
      if (Array.isArray(v)) for (let i = 0; i < arrChecks.length; i++) arrChecks[i]!(v, ptr, out);
    });
  }

  // --- combinators
  const isValid = (c: Walk, v: unknown, ptr: Path): boolean => {
    const probe = new Collector(1, true);
    c(v, ptr, probe);
    return probe.errors.length === 0;
  };
  if (Array.isArray(s.allOf)) {
    const subs = (s.allOf as unknown[]).map((x) => compileNode(x, opts));
    checks.push((v, ptr, out) => {
      for (const c of subs) c(v, ptr, out);
    });
  }
  if (Array.isArray(s.anyOf)) {
    const subs = (s.anyOf as unknown[]).map((x) => compileNode(x, opts));
    checks.push((v, ptr, out) => {
      if (!subs.some((c) => isValid(c, v, ptr))) err(out, ptr, 'anyOf', 'must match at least one of the alternatives', 'Isian tidak sesuai dengan pilihan skema manapun');
    });
  }
  if (Array.isArray(s.oneOf)) {
    const subs = (s.oneOf as unknown[]).map((x) => compileNode(x, opts));
    checks.push((v, ptr, out) => {
      const n = subs.filter((c) => isValid(c, v, ptr)).length;
      if (n !== 1) err(out, ptr, 'oneOf', `must match exactly one alternative, matches ${n}`, 'Isian harus sesuai tepat satu pilihan skema');
    });
  }
  if (s.not !== undefined) {
    const c = compileNode(s.not, opts);
    checks.push((v, ptr, out) => {
      if (isValid(c, v, ptr)) err(out, ptr, 'not', 'must not match the excluded schema', 'Isian tidak diperbolehkan');
    });
  }
  if (s.if !== undefined && (s.then !== undefined || s.else !== undefined)) {
    const cond = compileNode(s.if, opts);
    const then = s.then !== undefined ? compileNode(s.then, opts) : null;
    const otherwise = s.else !== undefined ? compileNode(s.else, opts) : null;
    checks.push((v, ptr, out) => {
      const branch = isValid(cond, v, ptr) ? then : otherwise;
      if (branch) branch(v, ptr, out);
    });
  }

  const all: Walk =
    checks.length === 0
      ? () => {}
      : checks.length === 1
        ? checks[0]!
        : (v, ptr, out) => {
            for (let i = 0; i < checks.length; i++) {
              if (out.full) return;
              checks[i]!(v, ptr, out);
            }
          };
  if (!types) return all;
  const typeWords = types.join(' or ');
  const typeOk = typeTest(types);
  return (v, ptr, out) => {
    if (out.full) return;
    if (!typeOk(v)) {
      // a value of the wrong type gets one error; its other rules would only repeat it
      err(out, ptr, 'type', `must be ${typeWords}, got ${jsonType(v)}${typeof v === 'number' ? ` ${v}` : ''}`, `Tipe data harus ${typeWords}`);
      return;
    }
    all(v, ptr, out);
  };
}
