/**
 * The documented, deterministic rules that decide a document's path. Each can be forced:
 * a request header (the send path passes `x-ceisa-*` headers as hints) or, for clients that
 * cannot set headers, a top-level body field of the same name (`"x-ceisa-lane": "red"`).
 *
 * - outcome: `x-ceisa-outcome: reject|accept`; otherwise a nomorAju ending in "99" is rejected.
 * - lane: `x-ceisa-lane: green|yellow|red`; otherwise the last digit of nomorAju:
 *   0-6 green, 7-8 yellow, 9 red (a last character that is not a digit: green).
 * - billing: `x-ceisa-billing: none|required`; otherwise a billing is issued for BC 2.0, 2.5,
 *   2.8 and FTZ 01-3 (513) when the duties of the body (sum of barang[].barangTarif[].nilaiBayar
 *   with kodeFasilitasTarif other than 2 PEMBEBASAN, 3 TIDAK DIPUNGUT, 4 DTP, 5 PENUNDAAN),
 *   rounded up to whole rupiah per pungutan, are above zero. Forced without duties: 1.000.000 BM.
 */
import { billsDuties } from './profiles.ts';
import { ceilRupiah, toCents } from './format.ts';
import { ApiError } from '../../http/errors.ts';

export type Lane = 'green' | 'yellow' | 'red';
export type Outcome = 'accept' | 'reject';

export interface Decision {
  lane: Lane;
  outcome: Outcome;
  /** duties to bill (empty: no billing) */
  pungutan: { kodeJenisPungutan: string; nilai: string }[];
  total: string;
  decidedBy: { lane: string; outcome: string; billing: string };
}

const LANES = ['green', 'yellow', 'red'];
const OUTCOMES = ['accept', 'reject'];
const BILLINGS = ['none', 'required'];

/** A hint from the headers (lower-cased names) or the body's top-level `x-ceisa-*` field. */
function hint(name: string, hints: Record<string, string>, body: Record<string, unknown>, allowed: string[]): { value: string; from: string } | undefined {
  const h = Object.entries(hints).find(([k]) => k.toLowerCase() === name)?.[1];
  const b = body[name];
  const raw = h ?? (typeof b === 'string' ? b : undefined);
  if (raw === undefined) return undefined;
  const value = raw.trim().toLowerCase();
  if (!allowed.includes(value)) {
    const where = h !== undefined ? `header ${name}` : `/${name}`;
    throw new ApiError(400, `${where} must be one of ${allowed.join(', ')} (got "${raw}")`, [
      { field: h !== undefined ? `/headers/${name}` : `/${name}`, rule: 'enum', message: `${where} must be one of ${allowed.join(', ')}` },
    ]);
  }
  return { value, from: h !== undefined ? 'header' : 'body' };
}

/** Only checks the hints (the send path may call this before writing anything). */
export function checkHints(hints: Record<string, string>, body: Record<string, unknown>): void {
  hint('x-ceisa-lane', hints, body, LANES);
  hint('x-ceisa-outcome', hints, body, OUTCOMES);
  hint('x-ceisa-billing', hints, body, BILLINGS);
}

export function laneByRule(nomorAju: string): Lane {
  const last = nomorAju.at(-1) ?? '';
  if (!/\d/.test(last)) return 'green';
  const d = Number(last);
  return d <= 6 ? 'green' : d <= 8 ? 'yellow' : 'red';
}

export function outcomeByRule(nomorAju: string): Outcome {
  return nomorAju.endsWith('99') ? 'reject' : 'accept';
}

const NOT_PAID = new Set(['2', '3', '4', '5']);

/** The duties of a document body per kodeJenisPungutan, in whole rupiah. */
export function dutiesOf(body: Record<string, unknown>): { kodeJenisPungutan: string; nilai: string }[] {
  const sums = new Map<string, bigint>();
  const barang = Array.isArray(body.barang) ? body.barang : [];
  for (const b of barang) {
    const tarif = b && typeof b === 'object' && Array.isArray((b as Record<string, unknown>).barangTarif) ? ((b as Record<string, unknown>).barangTarif as unknown[]) : [];
    for (const t of tarif) {
      if (!t || typeof t !== 'object') continue;
      const r = t as Record<string, unknown>;
      const kode = typeof r.kodeJenisPungutan === 'string' ? r.kodeJenisPungutan : '';
      if (!kode || NOT_PAID.has(String(r.kodeFasilitasTarif ?? ''))) continue;
      const cents = toCents(r.nilaiBayar);
      if (cents <= 0n) continue;
      sums.set(kode, (sums.get(kode) ?? 0n) + cents);
    }
  }
  return [...sums.entries()]
    .map(([kodeJenisPungutan, cents]) => ({ kodeJenisPungutan, nilai: ceilRupiah(cents).toString() }))
    .filter((p) => p.nilai !== '0')
    .sort((a, b) => a.kodeJenisPungutan.localeCompare(b.kodeJenisPungutan));
}

export function decide(doc: { nomorAju: string; kodeDokumen: string; body: Record<string, unknown>; hints: Record<string, string> }): Decision {
  const laneHint = hint('x-ceisa-lane', doc.hints, doc.body, LANES);
  const outcomeHint = hint('x-ceisa-outcome', doc.hints, doc.body, OUTCOMES);
  const billingHint = hint('x-ceisa-billing', doc.hints, doc.body, BILLINGS);
  const lane = (laneHint?.value as Lane | undefined) ?? laneByRule(doc.nomorAju);
  const outcome = (outcomeHint?.value as Outcome | undefined) ?? outcomeByRule(doc.nomorAju);
  let pungutan: Decision['pungutan'] = [];
  if (billingHint?.value !== 'none' && (billsDuties(doc.kodeDokumen) || billingHint?.value === 'required')) {
    pungutan = dutiesOf(doc.body);
    if (!pungutan.length && billingHint?.value === 'required') pungutan = [{ kodeJenisPungutan: 'BM', nilai: '1000000' }];
  }
  const total = pungutan.reduce((s, p) => s + BigInt(p.nilai), 0n).toString();
  return {
    lane,
    outcome,
    pungutan,
    total,
    decidedBy: { lane: laneHint?.from ?? 'rule', outcome: outcomeHint?.from ?? 'rule', billing: billingHint?.from ?? 'rule' },
  };
}
