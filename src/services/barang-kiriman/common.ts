import type { Tenant } from '../../auth/repo.ts';

/** Where the consignment services live: the live v2 gateway map and the documented `/openapi/cnpibk` base. */
export const CNPIBK_PREFIXES = ['/openapi/cnpibk', '/v2/openapi/cnpibk'] as const;

export function cnpibk(path: string, ...extra: string[]): string[] {
  return [...CNPIBK_PREFIXES.map((p) => p + path), ...extra];
}

/** The barang kiriman family's success envelope, as the pages show it: `{message, status: true, data}`. */
export function ok<T>(data: T, message = 'Success'): { message: string; status: true; data: T } {
  return { message, status: true, data };
}

/** An answer of the family with status false and HTTP 200 (the pages' `{"message": ..., "status": false, "data": null}`). */
export function notOk(message: string): { message: string; status: false; data: null } {
  return { message, status: false, data: null };
}

/** `2023-10-27 10:00:00` in Asia/Jakarta (UTC+7). */
export function wib(d: Date): string {
  const t = new Date(d.getTime() + 7 * 3600_000).toISOString();
  return `${t.slice(0, 10)} ${t.slice(11, 19)}`;
}

/** `2023-07-12 00:00:00.0`, the billing pages' timestamp (WIB). */
export function wibJava(d: Date): string {
  return `${wib(d)}.0`;
}

/** `2023-03-28T07:14:39.200+00:00`, the respon pages' waktuRekam. */
export function isoOffset(isoText: string): string {
  return isoText.replace(/Z$/, '+00:00');
}

/** `2024-08-14T11:05:17.809+07:00`, the ekspor pages' times (WIB). */
export function isoWib(isoText: string): string {
  const t = new Date(Date.parse(isoText) + 7 * 3600_000).toISOString();
  return t.replace(/Z$/, '+07:00');
}

export const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date in yyyy-MM-dd. */
export function isDate(v: unknown): v is string {
  if (typeof v !== 'string' || !DATE.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

export type { Tenant };
