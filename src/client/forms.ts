import FormData from 'form-data';
import { appendFile, type FileInput } from './client.ts';

/**
 * The Perbaikan form encoding of the excise pages: top-level values as plain parts
 * (`nomorSurat`), arrays of objects as indexed parts (`details[0].hje`), files as file parts.
 */
export function indexedForm(body: Record<string, unknown>, files: Record<string, FileInput | undefined> = {}): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(body)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        if (item && typeof item === 'object') {
          for (const [k, v] of Object.entries(item as Record<string, unknown>)) if (v !== undefined && v !== null) form.append(`${key}[${i}].${k}`, String(v));
        } else form.append(`${key}[${i}]`, String(item));
      });
    } else if (typeof value === 'object') {
      form.append(key, JSON.stringify(value), { contentType: 'application/json' });
    } else form.append(key, String(value));
  }
  for (const [field, file] of Object.entries(files)) if (file) appendFile(form, field, file);
  return form;
}
