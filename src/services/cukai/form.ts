import type { FastifyRequest } from 'fastify';
import type { TSchema } from '@sinclair/typebox';
import { ApiError } from '../../http/errors.ts';
import type { UploadedFile } from './schemas.ts';

/**
 * Multipart form data of the Perbaikan pages: plain parts (`nomorSurat`), indexed detail parts
 * (`details[0].hje`, also `details[0][hje]`) and, for HT, the `dokumen` file part. The parts
 * become the same structure a JSON body would have: `{..., details: [{hje: ...}]}`. Form values
 * are text by nature, so a value is turned into a number only where the schema wants a number
 * and the text is one; anything else stays text and fails validation naming the field.
 */

const INDEXED = /^([A-Za-z_][\w]*)\[(\d{1,4})\](?:\.([A-Za-z_]\w*)|\[([A-Za-z_]\w*)\])$/;
const PLAIN = /^[A-Za-z_]\w*$/;
const MAX_INDEX = 999;

export interface ParsedForm {
  value: Record<string, unknown>;
  /** every part as received (text values only; files as {filename, mimetype, size}) */
  raw: Record<string, unknown>;
}

export async function readForm(req: FastifyRequest, fileFields: readonly string[]): Promise<ParsedForm> {
  const type = String(req.headers['content-type'] ?? '');
  if (!/^multipart\/form-data\b/i.test(type)) {
    throw new ApiError(415, `Content-Type must be multipart/form-data (got "${type || 'none'}")`);
  }
  const value: Record<string, unknown> = {};
  const raw: Record<string, unknown> = {};
  const arrays = new Map<string, Map<number, Record<string, unknown>>>();
  const errors: { field: string; rule: string; message: string }[] = [];
  const seen = new Set<string>();

  for await (const part of req.parts({ limits: { fields: 5000, parts: 5100, fieldSize: 1024 * 1024 } })) {
    const name = part.fieldname;
    if (seen.has(name)) errors.push({ field: pointerOf(name), rule: 'duplicate', message: `${pointerOf(name)} is sent more than once` });
    seen.add(name);
    if (part.type === 'file') {
      const data = await part.toBuffer();
      if (!fileFields.includes(name)) {
        errors.push({ field: pointerOf(name), rule: 'filePart', message: `${pointerOf(name)} must not be a file part` });
        continue;
      }
      const file: UploadedFile = { kind: 'file', filename: part.filename, mimetype: part.mimetype, size: data.length, data };
      value[name] = file;
      raw[name] = { filename: part.filename, mimetype: part.mimetype, size: data.length };
      continue;
    }
    const text = String(part.value ?? '');
    raw[name] = text;
    const m = INDEXED.exec(name);
    if (m) {
      const [, arr, idx, f1, f2] = m;
      const i = Number(idx);
      if (i > MAX_INDEX) {
        errors.push({ field: `/${arr}/${i}`, rule: 'maxItems', message: `/${arr} may have at most ${MAX_INDEX + 1} items` });
        continue;
      }
      let items = arrays.get(arr!);
      if (!items) arrays.set(arr!, (items = new Map()));
      let item = items.get(i);
      if (!item) items.set(i, (item = {}));
      item[(f1 ?? f2)!] = text;
      continue;
    }
    if (!PLAIN.test(name)) {
      errors.push({ field: pointerOf(name), rule: 'fieldName', message: `part name "${name}" is neither a field nor an indexed field like details[0].field` });
      continue;
    }
    value[name] = text;
  }
  for (const [arr, items] of arrays) {
    const max = Math.max(...items.keys());
    const list: Record<string, unknown>[] = [];
    for (let i = 0; i <= max; i++) {
      const item = items.get(i);
      if (!item) errors.push({ field: `/${arr}/${i}`, rule: 'required', message: `/${arr}/${i} is missing: indexes must run from 0 without gaps` });
      list.push(item ?? {});
    }
    if (arr in value) errors.push({ field: `/${arr}`, rule: 'type', message: `/${arr} is sent both as a field and as indexed fields` });
    value[arr] = list;
  }
  if (errors.length) throw new ApiError(400, `Request form is invalid: ${errors[0]!.message}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}`, errors);
  return { value, raw };
}

function pointerOf(name: string): string {
  const m = INDEXED.exec(name);
  return m ? `/${m[1]}/${m[2]}/${m[3] ?? m[4]}` : `/${name}`;
}

const INT = /^-?\d+$/;
const NUM = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** Turns form text into numbers where the schema wants a number (integer/number) and the text is one. */
export function coerceForm(schema: TSchema, value: unknown): unknown {
  const s = schema as { type?: string | string[]; properties?: Record<string, TSchema>; items?: TSchema; positiveNumber?: string };
  if (typeof value === 'string') {
    const wants = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
    if (wants.includes('integer') && INT.test(value)) return Number(value);
    if (wants.includes('number') && NUM.test(value.trim()) && value.trim() === value) return Number(value);
    if (s.positiveNumber && s.positiveNumber !== 'integer-or-digits' && NUM.test(value)) return Number(value);
    return value;
  }
  if (Array.isArray(value) && s.items) return value.map((v) => coerceForm(s.items!, v));
  if (value && typeof value === 'object' && s.properties && !(value as { kind?: string }).kind) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = s.properties[k] ? coerceForm(s.properties[k]!, v) : v;
    return out;
  }
  return value;
}
