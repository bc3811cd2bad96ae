/**
 * Service families and their envelopes. The real API answers in a different shape per
 * family; every error of a route is shaped by the family the route declares, here and
 * nowhere else.
 */
export type Family = 'auth' | 'pabean' | 'cukai' | 'xray' | 'barkir' | 't2g' | 'sandbox' | 'gateway';

export interface FieldError {
  /** JSON pointer of the offending field ('' for the whole body) */
  field: string;
  /** the rule that failed (schema keyword or a domain rule name) */
  rule: string;
  message: string;
  /** DJBC error code where one applies (1008, 1023, 1028, 1042) */
  code?: number | string;
}

/** `2023-10-27 10:00:00`, the X-ray family's timestamp format (Asia/Jakarta, UTC+7). */
export function wibTimestamp(d: Date = new Date()): string {
  const t = new Date(d.getTime() + 7 * 3600_000).toISOString();
  return `${t.slice(0, 10)} ${t.slice(11, 19)}`;
}

type ErrorShaper = (httpStatus: number, message: string, errors?: FieldError[]) => unknown;

export const errorEnvelope: Record<Family, ErrorShaper> = {
  auth: (_s, message) => ({ status: 'failed', message, item: null }),
  pabean: (_s, message, errors) => ({ status: 'Failed', message, ...(errors?.length ? { errors } : {}) }),
  cukai: (_s, message, errors) => ({ status: false, message, data: errors?.length ? { errors } : null }),
  xray: (s, message, errors) => ({ success: false, data: errors?.length ? { errors } : null, timestamp: wibTimestamp(), code: s, message }),
  barkir: (_s, message, errors) => ({ message, status: false, data: errors?.length ? { errors } : null }),
  t2g: (_s, message, errors) => ({ status: 'error', desc: { message, ...(errors?.length ? { errors } : {}) } }),
  sandbox: (_s, message, errors) => ({ error: true, message, ...(errors?.length ? { errors } : {}) }),
  gateway: (_s, message) => ({ Exception: message }),
};

/** The message of an authentication failure (missing, bad or expired bearer token) per family. */
export const unauthorizedMessage: Record<Family, string> = {
  auth: 'Token tidak valid atau sudah kedaluwarsa',
  pabean: 'Unauthorized: Bearer Token tidak valid atau tidak disertakan',
  cukai: 'Otentikasi gagal: Bearer Token tidak valid atau tidak disertakan dalam header permintaan',
  xray: 'Invalid Authorization Token',
  barkir: 'Unauthorized: Bearer Token tidak valid atau tidak disertakan',
  t2g: 'Unauthorized',
  sandbox: 'Unauthorized: Bearer Token tidak valid atau tidak disertakan',
  gateway: 'Unauthorized',
};
