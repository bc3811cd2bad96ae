import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { TSchema } from '@sinclair/typebox';
import { ApiError } from '../../http/errors.ts';
import type { FieldError } from '../../http/families.ts';
import { summarize, toFieldErrors } from '../../http/validation.ts';

/**
 * Excise paths live at the root of the excise gateway (`{API_URL}/portal/ck4/...`); the
 * Produksi page gives API_URL as `https://apisdev-gw.beacukai.go.id/cukaihosttohost-service`,
 * the API Service Cukai page as the bare host. Both are served.
 */
export const CUKAI_PREFIXES = ['', '/cukaihosttohost-service'] as const;
export const cukaiPaths = (path: string): string[] => CUKAI_PREFIXES.map((p) => p + path);

/** The excise success envelope, exactly as every page shows it. */
export function ok(data: unknown): { message: 'Success'; status: true; data: unknown } {
  return { message: 'Success', status: true, data };
}

export const NOT_FOUND = 'Data tidak ditemukan berdasarkan parameter yang diberikan';

/** A reference (the caller's CK-4, NPPBKC, brand) that does not resolve: the docs' 404. */
export function notFound(field: string, what: string): ApiError {
  return new ApiError(404, `${NOT_FOUND}: ${what}`, [{ field, rule: 'exists', message: `${field} ${what}` }]);
}

/** A request that is well-formed but inconsistent (the docs' 400, "format tidak sesuai"). */
export function invalid(field: string, rule: string, message: string): ApiError {
  return new ApiError(400, `Permintaan tidak valid: ${field} ${message}`, [{ field, rule, message: `${field} ${message}` }]);
}

export type BkcKind = 'HT' | 'MMEA' | 'EA';
/** idJenisBkc as the excise pages number them: 1 EA, 2 MMEA, 3 HT. */
export const ID_JENIS_BKC: Record<BkcKind, number> = { EA: 1, MMEA: 2, HT: 3 };
export const KIND_OF_ID: Record<number, BkcKind> = { 1: 'EA', 2: 'MMEA', 3: 'HT' };

// ---------------------------------------------------------------------------------------------
// Dates. The pages mix `YYYY-MM-DD`, ISO date-times with and without offset, `YYYY-MM-DD HH:MM:SS`
// and (EA's rule table) JavaScript's `Date.toString()` form `DDD MMM DD YYYY HH:M:S`. A time
// without an offset is Indonesian western time (WIB, UTC+7), as the portal means it.
// ---------------------------------------------------------------------------------------------

const WIB_MS = 7 * 3600_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const ISO_DT = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;
const JS_DT = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{1,2}) (\d{4}) (\d{1,2}):(\d{1,2}):(\d{1,2})(?: GMT([+-]\d{4})(?: \([^)]*\))?)?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function validYmd(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function offsetMs(tz: string | undefined): number {
  if (!tz) return WIB_MS;
  if (tz === 'Z') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(tz)!;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) * 60_000;
}

/** An instant from any of the date-time forms the excise pages use; null when it is none of them. */
export function parseDateTime(s: string): Date | null {
  let y: number, mo: number, d: number, h: number, mi: number, sec: number, ms = 0, tz: string | undefined;
  let m = ISO_DT.exec(s);
  if (m) {
    [y, mo, d, h, mi] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5])];
    sec = Number(m[6] ?? 0);
    ms = m[7] ? Math.floor(Number(m[7]) * 1000) : 0;
    tz = m[8];
  } else if ((m = JS_DT.exec(s))) {
    [mo, d, y, h, mi, sec] = [MONTHS.indexOf(m[1]!) + 1, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])];
    tz = m[7];
  } else return null;
  if (!validYmd(y, mo, d) || h > 23 || mi > 59 || sec > 59) return null;
  return new Date(Date.UTC(y, mo - 1, d, h, mi, sec, ms) - offsetMs(tz));
}

export function isDate(s: string): boolean {
  const m = DATE.exec(s);
  return Boolean(m && validYmd(Number(m[1]), Number(m[2]), Number(m[3])));
}

/** `2023-10-01T00:00:00.000+07:00`: how the excise answers show instants. */
export function wibDateTime(d: Date): string {
  return `${new Date(d.getTime() + WIB_MS).toISOString().slice(0, 23)}+07:00`;
}

/** The WIB calendar date of an instant, `YYYY-MM-DD`. */
export function wibDate(d: Date): string {
  return new Date(d.getTime() + WIB_MS).toISOString().slice(0, 10);
}

/** A date (`YYYY-MM-DD`) or a date-time: its WIB calendar date. */
export function toDate(s: string): string {
  return isDate(s) ? s : wibDate(parseDateTime(s)!);
}

/** A date shown as an instant at WIB midnight (`2023-07-12T00:00:00.000+07:00`). */
export function dateAsInstant(date: string | null | undefined): string | null {
  return date ? `${date}T00:00:00.000+07:00` : null;
}

// ---------------------------------------------------------------------------------------------
// Validation: one Ajv for the area (no coercion of JSON bodies), with the excise formats.
// ---------------------------------------------------------------------------------------------

const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (a: Ajv) => Ajv;

const ajv = new Ajv({ allErrors: true, coerceTypes: false, useDefaults: false, removeAdditional: false, strict: false });
addFormats(ajv);
ajv.addFormat('ck4-date-time', { type: 'string', validate: (s: string) => parseDateTime(s) !== null });
ajv.addFormat('ck4-date-or-date-time', { type: 'string', validate: (s: string) => isDate(s) || parseDateTime(s) !== null });
/**
 * `positiveNumber`: "Harus berupa angka positif". A number >= 0 (the pages' own examples send
 * 0), or, where the page's example sends quantities as strings, a string of digits.
 */
ajv.addKeyword({
  keyword: 'positiveNumber',
  schemaType: 'string',
  errors: true,
  validate: function positiveNumber(mode: string, data: unknown) {
    const okNum = (n: unknown) => typeof n === 'number' && Number.isFinite(n) && n >= 0 && (mode !== 'integer' && mode !== 'integer-or-digits' ? true : Number.isInteger(n));
    if (okNum(data)) return true;
    // a string of digits is stored as the number it spells: only while that number is exact
    if (mode === 'integer-or-digits' && typeof data === 'string' && /^\d+$/.test(data) && Number.isSafeInteger(Number(data))) return true;
    (positiveNumber as unknown as { errors: unknown[] }).errors = [
      {
        keyword: 'positiveNumber',
        message:
          mode === 'integer-or-digits'
            ? `must be a positive number (an integer >= 0 or a string of digits, at most ${Number.MAX_SAFE_INTEGER})`
            : mode === 'integer'
              ? 'must be a positive number (an integer >= 0)'
              : 'must be a positive number (>= 0)',
        params: { mode },
      },
    ];
    return false;
  },
});

/** `enumIgnoreCase`: one of the values, in any letter case ("Bulanan" for BULANAN, as the Rekam HT example sends). */
ajv.addKeyword({
  keyword: 'enumIgnoreCase',
  schemaType: 'array',
  errors: true,
  validate: function enumIgnoreCase(values: string[], data: unknown) {
    if (typeof data === 'string' && values.some((v) => v.toUpperCase() === data.toUpperCase())) return true;
    (enumIgnoreCase as unknown as { errors: unknown[] }).errors = [
      { keyword: 'enum', message: `must be one of ${JSON.stringify(values)} (any letter case)`, params: { allowedValues: values } },
    ];
    return false;
  },
});
/** `filePart`: a file sent as a multipart file part (the parser puts an UploadedFile marker there). */
ajv.addKeyword({
  keyword: 'filePart',
  errors: true,
  validate: function filePart(_s: unknown, data: unknown) {
    if (data && typeof data === 'object' && (data as { kind?: string }).kind === 'file') return true;
    (filePart as unknown as { errors: unknown[] }).errors = [{ keyword: 'filePart', message: 'must be a file part (Content-Disposition with a filename)', params: {} }];
    return false;
  },
});

const FORMAT_TEXT: Record<string, string> = {
  date: 'must be a date YYYY-MM-DD (e.g. 2023-11-22)',
  uuid: 'must be a UUID (e.g. fe3c9198-1af7-05e6-e054-0021f60abd54)',
  'ck4-date-time': 'must be a date-time: YYYY-MM-DDTHH:MM:SS[.sss][Z|+07:00], YYYY-MM-DD HH:MM:SS or DDD MMM DD YYYY HH:M:S (no offset = WIB)',
  'ck4-date-or-date-time': 'must be a date YYYY-MM-DD or a date-time (YYYY-MM-DDTHH:MM:SS[.sss][Z|+07:00], YYYY-MM-DD HH:MM:SS)',
};

const compiled = new WeakMap<TSchema, ValidateFunction>();

/** Validates a value against a schema of this area; throws the docs' 400 naming every bad field. */
export function validate(schema: TSchema, value: unknown, what = 'Request body'): void {
  let fn = compiled.get(schema);
  if (!fn) {
    fn = ajv.compile(schema);
    compiled.set(schema, fn);
  }
  if (fn(value)) return;
  for (const e of fn.errors ?? []) {
    if (e.keyword === 'format') e.message = FORMAT_TEXT[(e.params as { format: string }).format] ?? e.message;
  }
  const errors: FieldError[] = toFieldErrors(fn.errors);
  throw new ApiError(400, summarize(errors, what), errors);
}

// ---------------------------------------------------------------------------------------------
// Paging, as the browse pages show it.
// ---------------------------------------------------------------------------------------------

export interface Page<T> {
  currentPage: number;
  totalData: number;
  totalPages: number;
  limit: number;
  listData: T[];
}

export function page<T>(rows: T[], currentPage: number, limit: number, total: number): Page<T> {
  return { currentPage, totalData: total, totalPages: Math.ceil(total / limit), limit, listData: rows };
}

export function parseJson<T>(s: string): T {
  return JSON.parse(s) as T;
}
