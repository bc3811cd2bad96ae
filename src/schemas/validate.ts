import { Collector, type SchemaError } from './compile.ts';
import { DJBC_CODES, DJBC_CODE_TEXT } from './codes.ts';
import { compiledValidator, knownKodeDokumen, leniencies, selectType, type DocumentType, type Leniency } from './registry.ts';

/** At most this many errors are reported per document (the walk stops after one more). */
export const MAX_SCHEMA_ERRORS = 100;

export interface ValidateOptions {
  /** exact draft-07 for one-element `items` arrays (config `strictTupleItems`, env CEISA_STRICT_TUPLE_ITEMS=1) */
  strictTupleItems?: boolean;
  /** validate against this version only (e.g. "0.5.7.13"); default: newest first, then older ones */
  version?: string;
  /** bound on reported errors (default MAX_SCHEMA_ERRORS) */
  maxErrors?: number;
}

export interface ValidationResult {
  valid: boolean;
  /** the body's kodeDokumen when it is a string */
  kodeDokumen: string | null;
  /** the selected document type (bc20, bc20-btw, bc30, ...) */
  documentType: string | null;
  /** `<type>@<version>` that validated the body (valid) or whose errors are reported (invalid) */
  schemaVersion: string | null;
  /** every version tried, in order */
  tried: string[];
  errors: SchemaError[];
  /** errors the documented leniencies (schemas/leniencies.json) turned into warnings */
  warnings: SchemaError[];
  /** more errors exist than `errors` holds */
  truncated: boolean;
}

export class UnknownSchemaVersion extends Error {
  constructor(
    readonly type: DocumentType,
    readonly version: string,
  ) {
    super(`${type.name} has no schema version "${version}"; known: ${type.versions.map((v) => v.version).join(', ')}`);
  }
}

/**
 * nomorAju beyond the schemas' `^[A-Za-z0-9]{26}$`: every layout the docs describe (4+2+6 or
 * 6+3+1+2 before the date) puts the submission date YYYYMMDD at characters 13-20 and a 6-digit
 * sequence at 21-26 (live values: `000030MOT83720260525000009`).
 */
export function nomorAjuProblem(aju: string): string | null {
  if (!/^[A-Za-z0-9]{26}$/.test(aju)) return 'must be 26 letters or digits';
  const date = aju.slice(12, 20);
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(4, 6));
  const d = Number(date.slice(6, 8));
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (!/^\d{8}$/.test(date) || y < 1900 || dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) {
    return `characters 13-20 must be the submission date YYYYMMDD, got "${date}"`;
  }
  if (!/^\d{6}$/.test(aju.slice(20))) return `characters 21-26 must be the 6-digit sequence, got "${aju.slice(20)}"`;
  return null;
}

function fail(field: string, rule: SchemaError['rule'], detail: string, message?: string): SchemaError {
  const code = DJBC_CODES[rule];
  return { field, rule, code, message: message ?? DJBC_CODE_TEXT[code] ?? detail, detail };
}

/**
 * Validates a customs document against its official schema. Pure: no I/O beyond reading the
 * schema files once; usable offline (the CLI's `validate <file.json>`).
 * The body's `kodeDokumen` selects the schema (BC 2.0 with flagBarangTidakBerwujud "Y" selects
 * the barang-tidak-berwujud schema). Without `version`, the newest version is tried first, then
 * older ones (both are in use): the first that accepts the body validates it; when none does,
 * the newest version's errors are reported.
 */
export function validateDocument(body: unknown, opts: ValidateOptions = {}): ValidationResult {
  const limit = opts.maxErrors ?? MAX_SCHEMA_ERRORS;
  const none = (errors: SchemaError[]): ValidationResult => ({ valid: false, kodeDokumen: null, documentType: null, schemaVersion: null, tried: [], errors, warnings: [], truncated: false });
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return none([fail('', 'type', `the document must be a JSON object, got ${Array.isArray(body) ? 'array' : body === null ? 'null' : typeof body}`, 'Data dokumen pabean harus berupa objek JSON')]);
  }
  const doc = body as Record<string, unknown>;
  const kd = doc.kodeDokumen;
  if (kd === undefined) return none([fail('/kodeDokumen', 'required', 'kodeDokumen is required: it selects the document schema', 'Wajib mengisi kodeDokumen')]);
  if (typeof kd !== 'string') return { ...none([fail('/kodeDokumen', 'type', `kodeDokumen must be a string, got ${typeof kd}`, 'kodeDokumen harus berupa string')]) };
  const type = selectType(kd, doc);
  if (!type) {
    const known = knownKodeDokumen();
    return { ...none([fail('/kodeDokumen', 'enum', `must be one of ${JSON.stringify(known)}, got ${JSON.stringify(kd)}`)]), kodeDokumen: kd };
  }
  let versions = type.versions;
  if (opts.version !== undefined) {
    versions = type.versions.filter((v) => v.version === opts.version);
    if (!versions.length) throw new UnknownSchemaVersion(type, opts.version);
  }
  const tried: string[] = [];
  let first: { version: string; errors: SchemaError[]; truncated: boolean } | null = null;
  let accepted: { version: string; warnings: SchemaError[] } | null = null;
  const lenient = leniencies().filter((l) => l.type === type.id);
  for (const v of versions) {
    const out = new Collector(limit);
    compiledValidator(v, { strictTupleItems: opts.strictTupleItems })(doc, '', out);
    tried.push(`${type.id}@${v.version}`);
    const warnings = out.truncated ? [] : out.errors.filter((e) => lenient.some((l) => matches(l, e, doc, v.version)));
    const errors = out.errors.filter((e) => !warnings.includes(e));
    if (!errors.length && !out.truncated) {
      accepted = { version: v.version, warnings };
      break;
    }
    first ??= { version: v.version, errors, truncated: out.truncated };
  }
  const errors = accepted ? [] : [...first!.errors];
  if (typeof doc.nomorAju === 'string' && /^[A-Za-z0-9]{26}$/.test(doc.nomorAju)) {
    const problem = nomorAjuProblem(doc.nomorAju);
    if (problem && errors.length < limit) {
      errors.push(fail('/nomorAju', 'pattern', `nomorAju ${problem}`, 'Format nomorAju: kode kantor, kode dokumen, kode perusahaan, tanggal pengajuan YYYYMMDD (karakter 13-20) dan 6 digit nomor urut'));
    }
  }
  const version = accepted?.version ?? first!.version;
  return {
    valid: errors.length === 0,
    kodeDokumen: kd,
    documentType: type.id,
    schemaVersion: `${type.id}@${version}`,
    tried,
    errors,
    warnings: accepted?.warnings ?? [],
    truncated: accepted ? false : first!.truncated,
  };
}

function valueAt(doc: unknown, pointer: string): unknown {
  let v = doc;
  for (const raw of pointer.split('/').slice(1)) {
    const k = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return v;
}

function matches(l: Leniency, e: SchemaError, doc: unknown, version: string): boolean {
  if (l.rule !== e.rule || (l.version && l.version !== version)) return false;
  const want = l.field.split('/');
  const got = e.field.split('/');
  if (want.length !== got.length || !want.every((w, i) => w === '*' || w === got[i])) return false;
  return !l.values || l.values.includes(valueAt(doc, e.field) as string);
}
