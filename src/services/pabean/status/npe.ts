/**
 * NPE (Nota Pelayanan Ekspor) look-up of the live v2 gateway's path map,
 * `GET /respon/npe-bc33/{kodeDokumen}/{tanggalDokumen}?kodeGudang=`: which documents have an
 * NPE, which response codes are NPEs, where a document's warehouse is, and the dates the
 * path accepts. Pure functions: the service reads, the routes map failures to field errors.
 */
import { PROFILES, fullResponCode, type DocumentProfile } from '../../../lifecycle/pabean/profiles.ts';

/** Export profiles whose release letter is an NPE (BC 3.0 PEB, BC 3.3); P3BET's release is a NOTA PERSETUJUAN. */
function npeProfile(kodeDokumen: string): DocumentProfile | undefined {
  return PROFILES.find((p) => p.kinds.includes(kodeDokumen) && p.direction === 'export' && p.release?.short === 'NPE');
}

/** Document codes that receive an NPE: `30`, `33`. */
export const NPE_KINDS: readonly string[] = PROFILES.filter((p) => p.direction === 'export' && p.release?.short === 'NPE').flatMap((p) => p.kinds);

/** Export document codes without an NPE (P3BET `331`): named in the refusal. */
export const EXPORT_KINDS_WITHOUT_NPE: readonly string[] = PROFILES.filter((p) => p.direction === 'export' && p.release?.short !== 'NPE').flatMap((p) => p.kinds);

/** The live 4-digit response codes of a document code's NPE letters (BC 3.0: 3015 and the red lane's 3016; BC 3.3: 3305); null when it has none. */
export function npeCodes(kodeDokumen: string): string[] | null {
  const p = npeProfile(kodeDokumen);
  if (!p) return null;
  return [p.release!, ...(p.redRelease ? [p.redRelease] : [])].map((l) => fullResponCode(kodeDokumen, l.code));
}

/**
 * The warehouse of an export document, as the official schemas name it: BC 3.0 `kodeTps`
 * (F.23 Tempat Penimbunan, Referensi TPS), BC 3.3 `kodeGudangAsal` (H.25 Kode Lokasi Gudang
 * PLB). Null when the document names none.
 */
export function warehouseOf(body: Record<string, unknown>): string | null {
  for (const k of ['kodeTps', 'kodeGudangAsal']) {
    const v = body[k];
    if (typeof v === 'string' && v.trim()) return v.trim();
  }
  return null;
}

export interface NpeDay {
  /** the date as YYYY-MM-DD */
  ymd: string;
  /** start of that day in Asia/Jakarta (WIB), inclusive */
  from: Date;
  /** start of the next day in WIB, exclusive */
  to: Date;
}

const WIB_MS = 7 * 3600_000;
const FORMATS: [RegExp, (m: RegExpExecArray) => [string, string, string]][] = [
  [/^(\d{4})-(\d{2})-(\d{2})$/, (m) => [m[1]!, m[2]!, m[3]!]], // 2026-07-01 (the v2 map's format)
  [/^(\d{2})-(\d{2})-(\d{4})$/, (m) => [m[3]!, m[2]!, m[1]!]], // 01-07-2026 (tanggalRespon of the status answers)
  [/^(\d{4})(\d{2})(\d{2})$/, (m) => [m[1]!, m[2]!, m[3]!]], // 20260701 (the date inside a nomorAju)
];

/** A calendar date in one of the accepted forms, as a WIB day; null when it is none (or not a real date). */
export function parseNpeDate(raw: string): NpeDay | null {
  for (const [re, parts] of FORMATS) {
    const m = re.exec(raw.trim());
    if (!m) continue;
    const [y, mo, d] = parts(m).map(Number) as [number, number, number];
    const utc = new Date(Date.UTC(y, mo - 1, d));
    if (utc.getUTCFullYear() !== y || utc.getUTCMonth() !== mo - 1 || utc.getUTCDate() !== d || y < 1900) return null;
    const from = new Date(utc.getTime() - WIB_MS);
    return { ymd: utc.toISOString().slice(0, 10), from, to: new Date(from.getTime() + 86_400_000) };
  }
  return null;
}
