/**
 * Kirim Data Excel CN-PKBK: CN ekspor and PKBK documents sent as one .xlsx workbook.
 *
 * The docs name the endpoint and nothing else, so the workbook layout is ceisa40's own (see
 * docs/barang-kiriman.md "Kirim Data Excel CN-PKBK"): one sheet per JSON object level, header row
 * = the JSON field names of the `/cn` and `/pkbk` bodies, child rows keyed by the parent's
 * nomorBarangKiriman / nomorAju. The rows become exactly the JSON bodies those endpoints take and
 * go through the same schema and domain rules, in one transaction for the whole workbook.
 */
import type ExcelJS from 'exceljs';
import { fileTypeFromBuffer } from 'file-type';
import { ApiError } from '../../../http/errors.ts';
import type { FieldError } from '../../../http/families.ts';
import { compileRouteSchema, summarize, toFieldErrors } from '../../../http/validation.ts';
import type { AppContext } from '../../../context.ts';
import type { Tenant } from '../../../auth/repo.ts';
import { isDate } from '../common.ts';
import { CN_EKSPOR_BODY, PKBK_BODY, concurrentCn, storeCnEkspor, storePkbk } from './routes.ts';

/** exceljs is loaded on first use: servers and CLI runs that never see a workbook do not pay for it. */
let excel: Promise<typeof ExcelJS> | undefined;
function exceljs(): Promise<typeof ExcelJS> {
  return (excel ??= import('exceljs').then((m) => ((m as { default?: typeof ExcelJS }).default ?? m) as typeof ExcelJS));
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The multipart field names the workbook may come under. */
export const FILE_FIELDS = ['file', 'excel'] as const;
/** The template's instructions sheet: ignored on upload. */
export const GUIDE_SHEET = 'PETUNJUK';
/** Data rows per sheet at most (a JSON body of that size would pass the body limit too). */
export const MAX_ROWS = 10_000;
const MAX_ERRORS = 50;

export type ColType = 'string' | 'number' | 'integer' | 'date';
export interface Col {
  name: string;
  type: ColType;
  required: boolean;
}
export interface SheetDef {
  name: string;
  /** the document sheet this one belongs to (child sheets) */
  parent?: 'CN' | 'PKBK';
  /** the JSON list of the parent document the rows go to (child sheets) */
  list?: string;
  /** the column naming the parent document (child sheets): its nomorBarangKiriman / nomorAju */
  key?: string;
  cols: Col[];
  description: string;
}

type Schema = { properties?: Record<string, Schema>; required?: readonly string[]; items?: Schema };
const CN_ITEM = CN_EKSPOR_BODY.items as unknown as Schema;
const PKBK_ITEM = PKBK_BODY.items as unknown as Schema;

/** Columns in the order of the page's examples; `required` as the JSON schemas say. */
function cols(schema: Schema | undefined, spec: string): Col[] {
  const required = new Set(schema?.required ?? []);
  return spec
    .trim()
    .split(/\s+/)
    .map((w) => {
      const [name, t] = w.split(':') as [string, string | undefined];
      const type: ColType = t === 'n' ? 'number' : t === 'i' ? 'integer' : t === 'd' ? 'date' : 'string';
      return { name, type, required: required.has(name) };
    });
}

function child(name: string, parent: 'CN' | 'PKBK', list: string, key: string, schema: Schema | undefined, spec: string, description: string): SheetDef {
  return { name, parent, list, key, cols: [{ name: key, type: 'string', required: true }, ...cols(schema, spec)], description };
}

/** The workbook layout: sheet name → its columns (`name:type`, s string, n number, i integer, d date). */
export const SHEETS: SheetDef[] = [
  {
    name: 'CN',
    description: 'one row per CN ekspor document (Kirim Data CN Ekspor, POST /cn)',
    cols: cols(
      CN_ITEM,
      `jenisAju jenisEkspor nomorBarangKiriman tanggalBarangKiriman:d kantor tps negaraTujuan incoterm valuta biayaAngkut:n npwpPemberitahu
       namaPemberitahu namaPengirim alamatPengirim jenisIdentitasPengirim nomorIdentitasPengirim teleponPegirim daerahAsalBarang namaPenerima
       alamatPenerima namaMarketplace identitasMarketPlace namaSaranaPengangkut nomorVoyFlight caraAngkut fob:n nilaiBk:n kodeKategoriEkspor`,
    ),
  },
  child('CN_BARANG', 'CN', 'cnBarangList', 'nomorBarangKiriman', CN_ITEM.properties?.cnBarangList?.items, 'seri:i kodeHs fob:n jumlahSatuan:n jumlahKemasan:n satuanBarang kemasanBarag bruto:n uraian', 'cnBarangList: the goods of a CN (at least one row per CN)'),
  child('CN_DOKUMEN', 'CN', 'cnDokumenList', 'nomorBarangKiriman', undefined, 'seri:i dokumen nomor tanggal:d kantor', 'cnDokumenList: documents of a CN (optional)'),
  child('CN_BARANG_DOKUMEN', 'CN', 'cnBarangDokumenList', 'nomorBarangKiriman', undefined, 'seriBarang:i seriDokumen:i', 'cnBarangDokumenList: which document covers which goods (optional)'),
  child('CN_BARANG_TARIF', 'CN', 'cnBarangTarifList', 'nomorBarangKiriman', undefined, 'seriBarang:i kodeHs jenisTarif tarif:n jenisPungutan hargaEkspor:n nilai:n', 'cnBarangTarifList: export duty lines (optional)'),
  child('CN_SURAT', 'CN', 'cnSuratList', 'nomorBarangKiriman', undefined, 'jumlahSurat:i bruto:n nomorBarang negaraTujuan namaPengirim alamatPengirim namaPenerima alamatPenerima jenisSurat:i', 'cnSuratList: letters (optional)'),
  {
    name: 'PKBK',
    description: 'one row per PKBK document (Kirim Data PKBK Ekspor, POST /pkbk)',
    cols: cols(PKBK_ITEM, 'nomorAju npwpKonsol namaKonsol alamatKonsol kantor negaraTujuan nomorVoyFlight namaSaranaPengangkut nomorPetiKemas jumlahPengemas:n jumlahKemasan:n'),
  },
  child('PKBK_CN', 'PKBK', 'cnList', 'nomorAju', PKBK_ITEM.properties?.cnList?.items, 'nomorBarangKiriman tanggalBarangKiriman:d nomorCn tanggalCn:d nomorNpe tanggalNpe:d', 'cnList: the CN ekspor a PKBK consolidates (at least one row per PKBK)'),
];
const BY_NAME = new Map(SHEETS.map((s) => [s.name, s]));

export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/* ---------------------------------------------------------------- the upload */

/** What the parts of a workbook may unpack to, in total, before it is opened. */
export const MAX_INFLATED_BYTES = 100 * 1024 * 1024;

/**
 * The total unpacked size the ZIP's central directory declares (null when it cannot be read or
 * uses ZIP64). Not a parser of the workbook: only a guard against ZIP bombs, since the
 * library inflates every part in memory. Sizes are read as declared.
 */
export function declaredInflatedSize(zip: Buffer): number | null {
  const from = Math.max(0, zip.length - 65_557);
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]), zip.length - 22);
  if (eocd < from) return null;
  const entries = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  let total = 0;
  for (let i = 0; i < entries; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== 0x02014b50) return null;
    const size = zip.readUInt32LE(at + 24);
    if (size === 0xffffffff) return null;
    total += size;
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return total;
}

/** Checks by the bytes that the upload is an xlsx workbook (a ZIP holding the OOXML spreadsheet parts) and opens it. */
export async function openWorkbook(bytes: Buffer, field = 'file'): Promise<ExcelJS.Workbook> {
  const type = await fileTypeFromBuffer(bytes);
  if (type?.mime !== XLSX_MIME) {
    const what = type ? `${type.mime} (.${type.ext})` : 'of no known file type';
    const hint = type?.ext === 'cfb' || type?.ext === 'xls' ? ': save it as an Excel Workbook (.xlsx)' : '';
    throw ApiError.field(`/${field}`, 'xlsx', `the "${field}" part is not an .xlsx workbook (its bytes are ${what})${hint}`);
  }
  const inflated = declaredInflatedSize(bytes);
  if (inflated === null) throw ApiError.field(`/${field}`, 'xlsx', `the "${field}" part could not be read as an .xlsx workbook: its ZIP directory is unreadable (or ZIP64)`);
  if (inflated > MAX_INFLATED_BYTES) {
    throw new ApiError(413, `the workbook unpacks to ${inflated} bytes, more than ${MAX_INFLATED_BYTES}`, [{ field: `/${field}`, rule: 'maxSize', message: `/${field} must unpack to at most ${MAX_INFLATED_BYTES} bytes` }]);
  }
  const wb = new (await exceljs()).Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (err) {
    throw ApiError.field(`/${field}`, 'xlsx', `the "${field}" part could not be read as an .xlsx workbook: ${(err as Error).message}`);
  }
  return wb;
}

/* ---------------------------------------------------------------- rows → JSON */

type Cell = { kind: 'empty' } | { kind: 'string'; v: string } | { kind: 'number'; v: number } | { kind: 'date'; v: Date } | { kind: 'boolean'; v: boolean } | { kind: 'error'; v: string };

function readCell(value: ExcelJS.CellValue | undefined): Cell {
  let v: unknown = value;
  if (v && typeof v === 'object' && ('formula' in v || 'sharedFormula' in v)) {
    v = (v as { result?: unknown }).result;
    if (v && typeof v === 'object' && 'error' in v) return { kind: 'error', v: String((v as { error: unknown }).error) };
  }
  if (v === null || v === undefined) return { kind: 'empty' };
  if (v instanceof Date) return { kind: 'date', v };
  if (typeof v === 'number') return { kind: 'number', v };
  if (typeof v === 'boolean') return { kind: 'boolean', v };
  if (typeof v === 'string') return v === '' ? { kind: 'empty' } : { kind: 'string', v };
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return readCell((o.richText as { text: string }[]).map((t) => t.text).join(''));
    if ('error' in o) return { kind: 'error', v: String(o.error) };
    if ('text' in o) return readCell(o.text as ExcelJS.CellValue);
  }
  return { kind: 'error', v: '(a value of an unsupported kind)' };
}

function describeCell(c: Cell): string {
  switch (c.kind) {
    case 'string':
      return `the text ${JSON.stringify(c.v.length > 40 ? `${c.v.slice(0, 40)}...` : c.v)}`;
    case 'number':
      return `the number ${c.v}`;
    case 'date':
      return `the date-time ${c.v.toISOString()}`;
    case 'boolean':
      return `the boolean ${String(c.v).toUpperCase()}`;
    default:
      return 'nothing';
  }
}

/** A cell as the JSON value its column takes, or the rule it breaks. Nothing is coerced across types. */
function convert(c: Cell, type: ColType): { value: unknown } | { rule: string; message: string } {
  if (c.kind === 'error') return { rule: 'type', message: `holds the error value ${c.v}` };
  switch (type) {
    case 'string':
      if (c.kind === 'string') return { value: c.v };
      return { rule: 'type', message: `must be text, got ${describeCell(c)} (format the column as Text; numbers lose their leading zeros)` };
    case 'number':
      if (c.kind === 'number' && Number.isFinite(c.v)) return { value: c.v };
      return { rule: 'type', message: `must be a number, got ${describeCell(c)}` };
    case 'integer':
      if (c.kind === 'number' && Number.isInteger(c.v)) return { value: c.v };
      return { rule: 'type', message: `must be an integer, got ${describeCell(c)}` };
    case 'date': {
      if (c.kind === 'date') {
        const t = c.v.toISOString();
        if (!t.endsWith('T00:00:00.000Z')) return { rule: 'format', message: `must be a date without a time of day, got ${describeCell(c)}` };
        return { value: t.slice(0, 10) };
      }
      if (c.kind === 'string') {
        if (isDate(c.v)) return { value: c.v };
        return { rule: 'format', message: `must be a real date: a date cell or the text yyyy-MM-dd, got ${describeCell(c)}` };
      }
      return { rule: 'type', message: `must be a date (a date cell or the text yyyy-MM-dd), got ${describeCell(c)}` };
    }
  }
}

/** Where a JSON value came from. */
interface Origin {
  sheet: string;
  row: number;
  columns: Map<string, number>;
}
interface DocOrigin extends Origin {
  lists: Record<string, Origin[]>;
}

export interface ParsedWorkbook {
  cn: Record<string, unknown>[];
  pkbk: Record<string, unknown>[];
  cnOrigins: DocOrigin[];
  pkbkOrigins: DocOrigin[];
  /** cell errors (the workbook's layout was fine): reported together with the schema's */
  errors: FieldError[];
}

function at(o: Origin, column?: string): { field: string; where: string } {
  if (column === undefined) return { field: `/${o.sheet}/${o.row}`, where: `sheet ${o.sheet} row ${o.row}` };
  const idx = o.columns.get(column);
  return { field: `/${o.sheet}/${o.row}/${column}`, where: `sheet ${o.sheet} row ${o.row} column ${column}${idx ? ` (cell ${columnLetter(idx)}${o.row})` : ''}` };
}

class Errors {
  list: FieldError[] = [];
  add(field: string, rule: string, message: string): void {
    if (this.list.length < MAX_ERRORS) this.list.push({ field, rule, message });
  }
  cell(o: Origin, column: string | undefined, rule: string, text: string): void {
    const a = at(o, column);
    this.add(a.field, rule, `${a.where} ${text}`);
  }
  get full(): boolean {
    return this.list.length >= MAX_ERRORS;
  }
}

function invalid(errors: FieldError[], status = 400): ApiError {
  return new ApiError(status, summarize(errors, 'Workbook'), errors);
}

/**
 * Turns the workbook's rows into the `/cn` and `/pkbk` JSON bodies. Layout errors (unknown or
 * missing sheets and columns) are thrown at once (400) with the cell errors found so far; cell
 * errors alone (wrong type, bad date, dangling child rows) come back in `errors`, for
 * `validateBodies` to report with the schema's. Every error names `/<sheet>/<row>/<column>`.
 */
export function workbookToBodies(wb: ExcelJS.Workbook): ParsedWorkbook {
  const errors = new Errors();
  const out: ParsedWorkbook = { cn: [], pkbk: [], cnOrigins: [], pkbkOrigins: [], errors: [] };
  let layout = false;
  const keys = { CN: new Map<string, number>(), PKBK: new Map<string, number>() };
  const present = new Set<string>();

  // document sheets first, so child rows find their parents whatever the sheet order
  const sheets = [...wb.worksheets].sort((a, b) => Number(Boolean(BY_NAME.get(a.name)?.parent)) - Number(Boolean(BY_NAME.get(b.name)?.parent)));
  for (const ws of sheets) {
    if (ws.name === GUIDE_SHEET) continue;
    const def = BY_NAME.get(ws.name);
    if (!def) {
      layout = true;
      errors.add(`/${ws.name}`, 'sheet', `the workbook has an unknown sheet "${ws.name}": the sheets are ${SHEETS.map((s) => s.name).join(', ')} (and ${GUIDE_SHEET}, ignored)`);
      continue;
    }
    present.add(def.name);

    // header row: the JSON field names
    const columns = new Map<string, number>();
    const header = ws.getRow(1);
    let headerOk = true;
    const headerErr = (col: number, field: string, rule: string, text: string) => {
      headerOk = false;
      errors.add(`/${def.name}/1/${field}`, rule, `sheet ${def.name} header row 1 (cell ${columnLetter(col)}1) ${text}`);
    };
    const blankHeaders: number[] = [];
    for (let col = 1; col <= Math.max(header.cellCount, ws.columnCount); col++) {
      const c = readCell(header.getCell(col).value);
      if (c.kind === 'empty') {
        blankHeaders.push(col);
        continue;
      }
      if (c.kind !== 'string') {
        headerErr(col, columnLetter(col), 'type', `must hold a column name as text, got ${describeCell(c)}`);
        continue;
      }
      const name = c.v.trim();
      if (!def.cols.some((x) => x.name === name)) headerErr(col, name, 'column', `names an unknown column "${name}": sheet ${def.name} has the columns ${def.cols.map((x) => x.name).join(', ')}`);
      else if (columns.has(name)) headerErr(col, name, 'unique', `repeats the column ${name} (also in column ${columnLetter(columns.get(name)!)})`);
      else columns.set(name, col);
    }
    for (const x of def.cols) {
      if (x.required && !columns.has(x.name)) {
        headerOk = false;
        errors.add(`/${def.name}/1/${x.name}`, 'required', `sheet ${def.name} has no column ${x.name} in its header row 1 (the column is required)`);
      }
    }
    if (!headerOk) {
      layout = true;
      continue;
    }

    let count = 0;
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      if (r === 1 || errors.full) return;
      const cells = new Map<string, Cell>();
      for (const [name, col] of columns) cells.set(name, readCell(row.getCell(col).value));
      const stray = blankHeaders.find((col) => readCell(row.getCell(col).value).kind !== 'empty');
      if ([...cells.values()].every((c) => c.kind === 'empty') && stray === undefined) return;
      if (++count > MAX_ROWS) {
        if (count === MAX_ROWS + 1) errors.add(`/${def.name}/${r}`, 'maxItems', `sheet ${def.name} has more than ${MAX_ROWS} data rows (row ${r} is one too many)`);
        return;
      }
      const origin: Origin = { sheet: def.name, row: r, columns };
      if (stray !== undefined) errors.add(`/${def.name}/${r}/${columnLetter(stray)}`, 'column', `sheet ${def.name} row ${r} has a value in cell ${columnLetter(stray)}${r}, a column with no name in the header row`);
      const obj: Record<string, unknown> = {};
      for (const x of def.cols) {
        const c = cells.get(x.name);
        if (!c || c.kind === 'empty') continue;
        const v = convert(c, x.type);
        if ('rule' in v) errors.cell(origin, x.name, v.rule, v.message);
        else obj[x.name] = v.value;
      }
      if (!def.parent) {
        const kind = def.name as 'CN' | 'PKBK';
        const keyName = kind === 'CN' ? 'nomorBarangKiriman' : 'nomorAju';
        const docs = kind === 'CN' ? out.cn : out.pkbk;
        const origins = kind === 'CN' ? out.cnOrigins : out.pkbkOrigins;
        const key = obj[keyName];
        if (typeof key === 'string') {
          const prev = keys[kind].get(key);
          if (prev !== undefined) {
            errors.cell(origin, keyName, 'unique', `repeats ${keyName} ${key} of row ${origins[prev]!.row}: one row per document (its lists go to the other sheets)`);
            return;
          }
          keys[kind].set(key, docs.length);
        }
        docs.push(obj);
        origins.push({ ...origin, lists: {} });
        return;
      }
      const key = obj[def.key!];
      delete obj[def.key!];
      if (typeof key !== 'string') {
        if (!cells.get(def.key!) || cells.get(def.key!)!.kind === 'empty') errors.cell(origin, def.key, 'required', `is required: it names the ${def.parent} row this row belongs to`);
        return;
      }
      const idx = keys[def.parent].get(key);
      if (idx === undefined) {
        errors.cell(origin, def.key, 'reference', `${key} is not the ${def.key} of any row of sheet ${def.parent}`);
        return;
      }
      const parent = def.parent === 'CN' ? out.cn[idx]! : out.pkbk[idx]!;
      const porigin = def.parent === 'CN' ? out.cnOrigins[idx]! : out.pkbkOrigins[idx]!;
      ((parent[def.list!] ??= []) as unknown[]).push(obj);
      (porigin.lists[def.list!] ??= []).push(origin);
    });
  }

  if (!present.has('CN') && !present.has('PKBK')) {
    errors.add('/CN', 'required', `the workbook has neither a sheet CN nor a sheet PKBK (download the template from GET /h2h-ebk-parser-service/openapi/excel/template)`);
  } else if (!errors.list.length && !out.cn.length && !out.pkbk.length) {
    errors.add(present.has('CN') ? '/CN/2' : '/PKBK/2', 'minItems', 'the workbook has no data rows: fill sheet CN (with CN_BARANG) and/or sheet PKBK (with PKBK_CN) from row 2');
  }
  if (out.cn.length && !present.has('CN_BARANG')) errors.add('/CN_BARANG', 'required', 'the workbook has no sheet CN_BARANG: every CN needs at least one goods row there');
  if (out.pkbk.length && !present.has('PKBK_CN')) errors.add('/PKBK_CN', 'required', 'the workbook has no sheet PKBK_CN: every PKBK needs at least one CN row there');
  layout ||= errors.list.some((e) => e.field.split('/').length < 3 || e.rule === 'minItems');
  if (layout) throw invalid(errors.list);
  out.errors = errors.list;
  return out;
}

/* ---------------------------------------------------------------- JSON pointers back to cells */

/** `/0/cnBarangList/1/bruto` of a body → `/CN_BARANG/3/bruto`, with the human-readable place. */
function locate(pointer: string, origins: DocOrigin[]): { field: string; where: string } | undefined {
  const seg = pointer.split('/').slice(1);
  const o = origins[Number(seg[0])];
  if (!o || seg[0] === '') return undefined;
  if (seg.length >= 3 && o.lists[seg[1]!]) {
    const c = o.lists[seg[1]!]![Number(seg[2])];
    if (c) return seg.length === 3 ? at(c) : at(c, seg.slice(3).join('/'));
  }
  return seg.length === 1 ? at(o) : at(o, seg.slice(1).join('/'));
}

function remapErrors(errors: FieldError[], origins: DocOrigin[]): FieldError[] {
  return errors.map((e) => {
    const loc = locate(e.field, origins);
    if (!loc) return e;
    const text = e.message.startsWith(e.field) ? e.message.slice(e.field.length).trim() : e.message;
    const seg = e.field.split('/');
    if (e.rule === 'required' && seg.length === 3 && ['cnBarangList', 'cnList'].includes(seg[2]!)) {
      const o = origins[Number(seg[1])]!;
      return { ...e, field: loc.field, message: `${at(o).where} has no rows in sheet ${seg[2] === 'cnBarangList' ? 'CN_BARANG' : 'PKBK_CN'} (at least one is required)` };
    }
    return { ...e, field: loc.field, message: `${loc.where} ${text}` };
  });
}

function remapApiError(err: unknown, origins: DocOrigin[]): unknown {
  if (!(err instanceof ApiError) || !err.errors.length) return err;
  const errors = remapErrors(err.errors, origins);
  const message = err.status === 400 ? summarize(errors, 'Workbook') : `${err.message} (${errors[0]!.message.split(' column ')[0]})`;
  return new ApiError(err.status, message, errors, err.body, err.family);
}

const validateCn = compileRouteSchema(CN_EKSPOR_BODY, 'body');
const validatePkbk = compileRouteSchema(PKBK_BODY, 'body');

/** The `/cn` and `/pkbk` schemas on the bodies made of the workbook, errors pointing at cells. */
export function validateBodies(p: ParsedWorkbook): void {
  const errors: FieldError[] = [...p.errors];
  const schema: FieldError[] = [];
  if (p.cn.length && !validateCn(p.cn)) schema.push(...remapErrors(toFieldErrors(validateCn.errors), p.cnOrigins));
  if (p.pkbk.length && !validatePkbk(p.pkbk)) schema.push(...remapErrors(toFieldErrors(validatePkbk.errors), p.pkbkOrigins));
  // a cell refused for its type is absent from the body: its "required" is no news
  const seen = new Set(errors.map((e) => e.field));
  errors.push(...schema.filter((e) => !seen.has(e.field)));
  if (errors.length) throw invalid(errors.slice(0, MAX_ERRORS));
}

/**
 * Sends a workbook's CN ekspor then PKBK documents in ONE transaction (a PKBK may list a CN of
 * the same workbook); any failure stores nothing. Answers the items `/cn` then `/pkbk` answer.
 */
export async function sendWorkbook(ctx: AppContext, tenant: Tenant, p: ParsedWorkbook): Promise<unknown[]> {
  validateBodies(p);
  const now = await ctx.clock.now(tenant.companyId);
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const cn = p.cn.length ? await storeCnEkspor(trx, tenant, p.cn, now).catch((e: unknown) => Promise.reject(remapApiError(e, p.cnOrigins))) : [];
      const pkbk = p.pkbk.length ? await storePkbk(trx, tenant, p.pkbk, now).catch((e: unknown) => Promise.reject(remapApiError(e, p.pkbkOrigins))) : [];
      return [...cn, ...pkbk];
    });
  } catch (err) {
    throw concurrentCn(err);
  }
}

/* ---------------------------------------------------------------- the template */

const TYPE_TEXT: Record<ColType, string> = {
  string: 'text',
  number: 'number',
  integer: 'integer',
  date: 'date (yyyy-mm-dd)',
};

/** The empty workbook: a PETUNJUK (instructions) sheet, then every data sheet with its header row and typed columns. */
export async function templateWorkbook(): Promise<Buffer> {
  const wb = new (await exceljs()).Workbook();
  wb.creator = 'ceisa40';
  const guide = wb.addWorksheet(GUIDE_SHEET);
  guide.columns = [{ width: 22 }, { width: 26 }, { width: 20 }, { width: 10 }, { width: 80 }];
  const lines = [
    ['Kirim Data Excel CN-PKBK (ceisa40)'],
    ['POST /h2h-ebk-parser-service/openapi/excel, multipart/form-data, the workbook in the file part "file" (or "excel").'],
    ['Row 1 of every sheet is the header (the JSON field names of POST /cn and /pkbk); data from row 2. Empty cells = field absent.'],
    ['Child sheets name their document in the first column: nomorBarangKiriman of sheet CN, nomorAju of sheet PKBK.'],
    ['Text columns must hold text (they are formatted as Text here), numbers numbers, dates date cells or the text yyyy-mm-dd.'],
    ['The whole workbook is sent in one transaction: any error (it names sheet, row and column) stores nothing. This sheet is ignored.'],
    [],
    ['sheet', 'column', 'type', 'required', 'goes to'],
  ];
  for (const l of lines) guide.addRow(l);
  guide.getRow(1).font = { bold: true, size: 14 };
  guide.getRow(lines.length).font = { bold: true };
  for (const s of SHEETS) {
    for (const c of s.cols) {
      const to = s.parent ? (c.name === s.key ? `names the ${s.parent} row it belongs to` : `POST /${s.parent.toLowerCase()} body: [].${s.list}[].${c.name}`) : `POST /${s.name.toLowerCase()} body: [].${c.name}`;
      guide.addRow([s.name, c.name, TYPE_TEXT[c.type], c.required ? 'yes' : '', to]);
    }
  }
  for (const s of SHEETS) {
    const ws = wb.addWorksheet(s.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    s.cols.forEach((c, i) => {
      const col = ws.getColumn(i + 1);
      col.width = Math.max(12, c.name.length + 4);
      if (c.type === 'string') col.numFmt = '@';
      if (c.type === 'date') col.numFmt = 'yyyy-mm-dd';
      const cell = ws.getCell(1, i + 1);
      cell.value = c.name;
      cell.numFmt = '@';
      cell.font = { bold: true };
      cell.note = `${TYPE_TEXT[c.type]}${c.required ? ', required' : ''}`;
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
