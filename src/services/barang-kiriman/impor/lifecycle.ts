import { createHash } from 'node:crypto';
import type { PlannedEvent } from '../../../lifecycle/timeline.ts';
import { referenceCodes, referenceRow } from '../../../reference/index.ts';

/**
 * The simulated life of an impor CN/PIBK, decided when it is sent (times on the company clock,
 * T = the instant it was sent):
 *
 *   T        100 DOKUMEN DITERIMA
 *   T+1m     202 PROSES VALIDASI
 *   T+2m     203 SELESAI VALIDASI          or 900 REJECT VALIDASI (end) when a reference fails
 *   scenario merah: T+5m 307 (pemeriksaan fisik), T+35m 206 (LHP), the rest shifted by 35m
 *   B = T+5m (T+40m when merah)
 *   PIBK (jenisAju 2):            B 303 BILLING, B+1h 404 SPPB, B+2h 408 keluar gudang
 *   CN with totalTagihan > 0:     B 401 SPPBMCP + billing, B+1h 405 lunas, B+2h 408
 *   CN with nothing to pay:       B 403 persetujuan keluar dengan pembebasan, B+2h 408
 *   scenario tidak-bayar:         instead of paying, at the due date (billing + 2 days)
 *                                 406 (CN) or 917 (PIBK), end
 * X-ray photos sent for it add 102 at the moment they are received.
 */
export type Scenario = 'normal' | 'reject' | 'merah' | 'tidak-bayar';
export const SCENARIOS: Scenario[] = ['normal', 'reject', 'merah', 'tidak-bayar'];
export const SCENARIO_HEADER = 'x-sandbox-scenario';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

export function uraianStatus(code: string): string {
  return referenceRow('barang-kiriman-kode-status', code)?.[1] ?? '';
}

export interface BillingInfo {
  kodeBilling: string;
  nomorSppbmcp: string;
  tanggalBilling: string;
  tanggalJatuhTempo: string;
  totalNilaiBm: string;
  totalNilaiPph: string;
  totalNilaiPpn: string;
  totalNilaiPpnbm: string;
  totalNilaiBmtp: string;
  totalNilaiBmad: string;
  totalNilaiTagihan: string;
}

function digits(seed: string, n: number): string {
  const h = BigInt(`0x${createHash('sha256').update(seed).digest('hex').slice(0, 24)}`);
  return (h % 10n ** BigInt(n)).toString().padStart(n, '0');
}

/** Why a document fails CEISA's reference validation (900), or null. */
export function referenceFailures(doc: Record<string, unknown>): string[] {
  const out: string[] = [];
  const kantor = String(doc.kodeKantor ?? '');
  if (!referenceCodes('kantor').has(kantor)) out.push(`KODE KANTOR ${kantor} TIDAK DITEMUKAN PADA REFERENSI`);
  const valuta = String(doc.kodeValuta ?? '');
  if (!referenceCodes('valuta').has(valuta)) out.push(`KODE VALUTA ${valuta} TIDAK DITEMUKAN PADA REFERENSI`);
  if (doc.jenisAju === '2' && !referenceCodes('barang-kiriman-kode-jenis-pibk').has(String(doc.kodeJenisPibk ?? ''))) {
    out.push(`KODE JENIS PIBK ${String(doc.kodeJenisPibk ?? '')} TIDAK DITEMUKAN PADA REFERENSI`);
  }
  return out;
}

function positive(v: unknown): boolean {
  const n = Number(typeof v === 'string' ? v.trim() : NaN);
  return Number.isFinite(n) && n > 0;
}

export interface Plan {
  events: PlannedEvent[];
  outcome: 'reject' | 'release';
  billing: BillingInfo | null;
}

export function planCnPibk(docId: string, doc: Record<string, unknown>, t: Date, scenario: Scenario): Plan {
  const at = (ms: number) => new Date(t.getTime() + ms);
  const ev = (code: string, ms: number, extra: Record<string, unknown> = {}, kind = 'status'): PlannedEvent => ({
    kind,
    code,
    dueAt: at(ms),
    payload: { uraian: uraianStatus(code), keterangan: null, ...extra },
  });
  const events: PlannedEvent[] = [ev('100', 0), ev('202', MIN)];
  const failures = scenario === 'reject' ? ['DITOLAK ATAS PERMINTAAN SKENARIO SANDBOX'] : referenceFailures(doc);
  if (failures.length) {
    events.push(ev('900', 2 * MIN, { keterangan: failures.join('; ') }, 'reject'));
    return { events, outcome: 'reject', billing: null };
  }
  events.push(ev('203', 2 * MIN));
  let b = 5 * MIN;
  if (scenario === 'merah') {
    events.push(ev('307', 5 * MIN), ev('206', 35 * MIN));
    b = 40 * MIN;
  }
  const pibk = doc.jenisAju === '2';
  const pays = pibk || positive(doc.totalTagihan);
  if (!pays) {
    events.push(ev('403', b), ev('408', b + 2 * HOUR));
    return { events, outcome: 'release', billing: null };
  }
  const billedAt = at(b);
  const s = (k: string) => (typeof doc[k] === 'string' ? (doc[k] as string) : '0');
  const billing: BillingInfo = {
    kodeBilling: `6${digits(`billing:${docId}`, 14)}`,
    nomorSppbmcp: digits(`sppbmcp:${docId}`, 6),
    tanggalBilling: billedAt.toISOString(),
    tanggalJatuhTempo: new Date(billedAt.getTime() + 2 * DAY).toISOString(),
    totalNilaiBm: s('totalBm'),
    totalNilaiPph: s('totalPph'),
    totalNilaiPpn: s('totalPpn'),
    totalNilaiPpnbm: s('totalPpnbm'),
    totalNilaiBmtp: s('totalBmtp'),
    totalNilaiBmad: s('totalBmad'),
    totalNilaiTagihan: s('totalTagihan'),
  };
  events.push(ev(pibk ? '303' : '401', b, { billing }, 'billing'));
  if (scenario === 'tidak-bayar') {
    events.push(ev(pibk ? '917' : '406', b + 2 * DAY, {}, pibk ? 'reject' : 'status'));
    return { events, outcome: 'release', billing };
  }
  events.push(ev(pibk ? '404' : '405', b + HOUR), ev('408', b + 2 * HOUR));
  return { events, outcome: 'release', billing };
}

/** The Tarik Respon By Status table: status name -> the codes it selects (REJECT: every 9xx of Referensi Kode Status). */
export const STATUS_GROUPS: Record<string, string[]> = {
  REJECT: [...referenceCodes('barang-kiriman-kode-status')].filter((c) => c.startsWith('9')),
  XRAY: ['102'],
  CLEAR_VALIDASI: ['203'],
  PENELITIAN: ['205'],
  MERAH: ['307'],
  LHP: ['206'],
  NPD: ['305'],
  CLEAR_NPD: ['211'],
  SPBL_NPBL: ['304', '306'],
  CLEAR_SPBL_NPBL: ['212'],
  PENDING_PERSETUJUAN: ['501', '502', '503', '504'],
  BILLING: ['303', '310'],
  PK_SPPBMCP: ['401', '403'],
  SPTNP: ['402'],
  SPPB: ['404'],
  LUNAS: ['405'],
  EXPIRED: ['406', '917'],
  BELUM_GATE: ['408'],
};
