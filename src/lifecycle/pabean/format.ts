/** Date, time and money formats of the customs answers. The gateway speaks Asia/Jakarta time (WIB, UTC+7). */

const WIB_MS = 7 * 3600_000;

function wib(d: Date | string): string {
  return new Date(new Date(d).getTime() + WIB_MS).toISOString();
}

/** `2026-07-01` */
export function ymd(d: Date | string): string {
  return wib(d).slice(0, 10);
}

/** `01-07-2026`, the live status answer's tanggalDaftar */
export function dmy(d: Date | string): string {
  const s = ymd(d);
  return `${s.slice(8, 10)}-${s.slice(5, 7)}-${s.slice(0, 4)}`;
}

/** `2026-07-01 13:13:00` */
export function ymdhms(d: Date | string): string {
  const s = wib(d);
  return `${s.slice(0, 10)} ${s.slice(11, 19)}`;
}

/** `2026-07-01 13:13:00.03`: a Java Timestamp's text (fraction without trailing zeros, at least one digit), as the live waktuStatus. */
export function javaTimestamp(d: Date | string): string {
  const s = wib(d);
  const frac = s.slice(20, 23).replace(/0+$/, '') || '0';
  return `${s.slice(0, 10)} ${s.slice(11, 19)}.${frac}`;
}

/** `142000` (HHmmss), the third-party gateway's `reswk` */
export function hms(d: Date | string): string {
  return wib(d).slice(11, 19).replaceAll(':', '');
}

export function year(d: Date | string): string {
  return wib(d).slice(0, 4);
}

/** `1.234.567` (Indonesian thousands separator), whole rupiah text in, text out. */
export function rupiah(whole: string): string {
  const neg = whole.startsWith('-');
  const digits = neg ? whole.slice(1) : whole;
  return (neg ? '-' : '') + digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

const UNITS = ['', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan', 'sepuluh', 'sebelas'];

function below1000(n: number): string {
  if (n < 12) return UNITS[n]!;
  if (n < 20) return `${UNITS[n - 10]} belas`;
  if (n < 100) return `${UNITS[Math.floor(n / 10)]} puluh ${UNITS[n % 10]}`.trim();
  if (n < 200) return `seratus ${below1000(n - 100)}`.trim();
  return `${UNITS[Math.floor(n / 100)]} ratus ${below1000(n % 100)}`.trim();
}

/** An amount in Indonesian words ("terbilang"), e.g. 1250000 -> "satu juta dua ratus lima puluh ribu rupiah". */
export function terbilang(whole: bigint): string {
  if (whole === 0n) return 'nol rupiah';
  const scales = ['', 'ribu', 'juta', 'miliar', 'triliun', 'kuadriliun'];
  const parts: string[] = [];
  let n = whole < 0n ? -whole : whole;
  let i = 0;
  while (n > 0n) {
    const chunk = Number(n % 1000n);
    if (chunk) {
      const words = i === 1 && chunk === 1 ? 'seribu' : `${below1000(chunk)}${scales[i] ? ` ${scales[i]}` : ''}`;
      parts.unshift(words);
    }
    n /= 1000n;
    i++;
  }
  return `${whole < 0n ? 'minus ' : ''}${parts.join(' ')} rupiah`;
}

/** A JSON number of the document (e.g. 123456.78) as exact hundredths of a rupiah; non-numbers are 0. */
export function toCents(v: unknown): bigint {
  if (typeof v !== 'number' && typeof v !== 'string') return 0n;
  const s = String(v).trim();
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) return 0n;
  const frac = (m[3] ?? '').padEnd(2, '0');
  let cents = BigInt(m[2]!) * 100n + BigInt(frac.slice(0, 2));
  if (/[1-9]/.test(frac.slice(2))) cents += 1n; // round up what is below a cent
  return m[1] ? -cents : cents;
}

/** Hundredths rounded up to whole rupiah (duties are billed in whole rupiah). */
export function ceilRupiah(cents: bigint): bigint {
  return cents <= 0n ? 0n : (cents + 99n) / 100n;
}

/** The object elements of a body field that should be an array of objects (anything else is skipped). */
export function objects(v: unknown): Record<string, unknown>[] {
  return Array.isArray(v) ? v.filter((x): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x)) : [];
}
