/**
 * Exact decimal helpers for the dialect's number rules. A JSON number arrives as a binary
 * double; its shortest round-trip text (`String(n)`) is the decimal the sender wrote (for up
 * to 15-17 significant digits), so rules are checked on that text, never on float arithmetic:
 * 350.71 is a multiple of 0.01 although `350.71 % 0.01 !== 0`.
 */

/** The plain decimal text of a finite number, without exponent: 1e21 -> "1000000000000000000000". */
export function plainDecimal(n: number): string {
  const s = String(n);
  const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const [, sign, int, frac = '', expText] = m;
  const exp = Number(expText);
  const digits = int! + frac;
  const point = int!.length + exp;
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** Integer part and fraction of a finite number as digit strings (no sign, trailing fraction zeros dropped). */
export function decimalParts(n: number): { int: string; frac: string } {
  const t = plainDecimal(Math.abs(n));
  const [int = '0', frac = ''] = t.split('.');
  return { int: int.replace(/^0+(?=\d)/, ''), frac: frac.replace(/0+$/, '') };
}

/**
 * The dialect's `maxlength` on a number: its count of significant written digits, integer
 * part plus decimals (sign and point not counted; a leading "0." counts as one digit).
 */
export function digitCount(n: number): number {
  const t = String(n < 0 ? -n : n);
  // shortest round-trip text has no leading/trailing zeros to drop (beyond a lone "0."): count directly
  if (!t.includes('e')) return t.includes('.') ? t.length - 1 : t.length;
  const { int, frac } = decimalParts(n);
  return int.length + frac.length;
}

/** Number of decimals of a finite number as written (0.0001 -> 4, 2.50 -> 1). */
export function scaleOf(n: number): number {
  return decimalParts(n).frac.length;
}

function scaled(n: number, scale: number): bigint {
  const { int, frac } = decimalParts(n);
  const v = BigInt(int + frac.padEnd(scale, '0'));
  return n < 0 ? -v : v;
}

/** `value` is an exact multiple of `divisor` in decimal arithmetic. */
export function isMultipleOf(value: number, divisor: number): boolean {
  if (!Number.isFinite(value) || !Number.isFinite(divisor) || divisor <= 0) return false;
  const scale = Math.max(scaleOf(value), scaleOf(divisor));
  const d = scaled(divisor, scale);
  if (d === 0n) return false;
  return scaled(value, scale) % d === 0n;
}

/**
 * A checker for one fixed divisor, built once per schema node. For the divisors DJBC uses
 * (0.01, 0.0001: powers of ten) a value is a multiple exactly when it has no more decimals
 * than the divisor, read off its shortest text without big-number arithmetic.
 */
export function multipleOfChecker(divisor: number): (value: number) => boolean {
  const d = plainDecimal(divisor);
  const divScale = scaleOf(divisor);
  if (/^(1|0\.0*1)$/.test(d)) {
    return (value) => {
      if (!Number.isFinite(value)) return false;
      const t = String(value);
      if (t.includes('e')) return isMultipleOf(value, divisor);
      const dot = t.indexOf('.');
      return dot < 0 || t.length - dot - 1 <= divScale;
    };
  }
  return (value) => isMultipleOf(value, divisor);
}
