import { documentType, readExample, readSchema, type DocumentType } from './registry.ts';

/**
 * Builds a document that satisfies a schema version under the dialect: every listed property
 * filled (so `required` and `dependencies` hold), `const`/`enum` values taken as written,
 * strings matching their `pattern`/`format`, numbers 1, one-element `items` arrays with TWO
 * items (so the every-item rule is exercised), tuples with one item per position.
 * Most document types have no example in the docs; this gives each a known-good document
 * (tests, `ceisa40` tooling). Throws when a pattern has no known sample.
 */

type Json = Record<string, unknown>;

export interface SynthOptions {
  nomorAju?: string;
  /** items per one-element `items` array (default 2) */
  itemsPerList?: number;
}

/** A nomorAju of the documented layout: kantor+dokumen+company (12), date YYYYMMDD, 6-digit sequence. */
export function sampleNomorAju(kodeDokumen: string, seq = 1, date = '20260115'): string {
  const head = `050900${kodeDokumen.padStart(3, '0')}H01`.slice(0, 12);
  return `${head}${date}${String(seq).padStart(6, '0').slice(-6)}`;
}

const STRING_SAMPLES = ['ID', 'A', '1', '01', 'ABC', '2026-01-15', '0000', '123456789012345'];

function str(s: Json, key: string, ctx: { kodeDokumen: string; aju: string }): string {
  if (key === 'nomorAju') return ctx.aju;
  if (s.format === 'date') return '2026-01-15';
  if (s.format === 'date-time') return '2026-01-15T08:00:00Z';
  if (typeof s.pattern === 'string') {
    const re = new RegExp(s.pattern, 'u');
    if (re.test(ctx.aju)) return ctx.aju;
    const hit = STRING_SAMPLES.find((x) => re.test(x));
    if (hit === undefined) throw new Error(`no sample string for pattern ${s.pattern} (${key})`);
    return hit;
  }
  const max = typeof s.maxlength === 'number' ? s.maxlength : typeof s.maxLength === 'number' ? s.maxLength : Infinity;
  const v = `${key.toUpperCase()}`;
  return v.slice(0, Math.max(1, Math.min(max, v.length)));
}

function gen(schema: unknown, key: string, ctx: { kodeDokumen: string; aju: string; perList: number }): unknown {
  if (!schema || typeof schema !== 'object') return null;
  const s = schema as Json;
  if ('const' in s) return s.const;
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  if (Array.isArray(s.enum) && s.enum.length) return type === 'string' && typeof s.enum[0] === 'number' ? String(s.enum[0]) : s.enum[0];
  switch (type) {
    case 'string':
      return str(s, key, ctx);
    case 'number':
    case 'integer':
      return 1;
    case 'boolean':
      return true;
    case 'array': {
      if (Array.isArray(s.items)) {
        const list = s.items as unknown[];
        if (list.length === 1) return Array.from({ length: ctx.perList }, () => gen(list[0], key, ctx));
        return list.map((x) => gen(x, key, ctx));
      }
      if (s.items) return Array.from({ length: ctx.perList }, () => gen(s.items, key, ctx));
      return [];
    }
    case 'object':
    default: {
      const out: Json = {};
      for (const [k, sub] of Object.entries((s.properties as Json) ?? {})) out[k] = gen(sub, k, ctx);
      // some schemas require a member they never describe (BC 2.6.1 tempatStuffing, ...): any value passes
      for (const k of Array.isArray(s.required) ? (s.required as string[]) : []) if (!(k in out)) out[k] = k.toUpperCase();
      return out;
    }
  }
}

/** A valid document of a type (newest version unless `version`). */
export function synthesizeDocument(typeOrId: DocumentType | string, opts: SynthOptions & { version?: string } = {}): Json {
  const type = typeof typeOrId === 'string' ? documentType(typeOrId) : typeOrId;
  if (!type) throw new Error(`unknown document type ${String(typeOrId)}`);
  const entry = opts.version ? type.versions.find((v) => v.version === opts.version) : type.versions[0];
  if (!entry) throw new Error(`${type.id} has no version ${opts.version}`);
  const aju = opts.nomorAju ?? sampleNomorAju(type.kodeDokumen);
  const doc = gen(readSchema(entry), '', { kodeDokumen: type.kodeDokumen, aju, perList: opts.itemsPerList ?? 2 }) as Json;
  doc.kodeDokumen ??= type.kodeDokumen;
  if (typeof doc.kodeDokumen !== 'string' || doc.kodeDokumen !== type.kodeDokumen) doc.kodeDokumen = type.kodeDokumen;
  if (type.when) doc[type.when.field] = type.when.equals;
  doc.nomorAju = aju;
  return doc;
}

/** The docs page's own example of a type, where the page prints one. */
export function pageExample(typeId: string): Json | undefined {
  const type = documentType(typeId);
  for (const v of type?.versions ?? []) {
    const ex = readExample(v);
    if (ex) return ex;
  }
  return undefined;
}
