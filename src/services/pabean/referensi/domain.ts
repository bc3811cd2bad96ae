import { referenceCodes, referenceRow, referenceTable } from '../../../reference/index.ts';
import { lookup, type KursEntry, type ManifestParty, type ManifestRow, type TarifRow } from './data.ts';

/**
 * Cek Referensi: the pabean look-ups (kurs, pos tarif, lartas, BC 1.1 manifest, ports,
 * TPS/gudang, kantor) answered from the shipped reference data. Nothing here knows HTTP:
 * bad input raises `LookupError('invalid', ...)` naming the field, an unknown value
 * `LookupError('not-found', ...)`.
 */
export interface LookupFieldError {
  field: string;
  rule: string;
  message: string;
}

export class LookupError extends Error {
  constructor(
    readonly kind: 'invalid' | 'not-found',
    message: string,
    /** every invalid field (kind 'invalid') */
    readonly errors: LookupFieldError[] = [],
  ) {
    super(message);
  }
}

function invalid(field: string, rule: string, message: string): LookupError {
  return new LookupError('invalid', message, [{ field, rule, message }]);
}

/** Runs every check; if any fails on bad input, throws one error listing all of them. */
export function checkAll<T extends readonly (() => unknown)[]>(...checks: T): { -readonly [K in keyof T]: ReturnType<T[K]> } {
  const out: unknown[] = [];
  const errors: LookupFieldError[] = [];
  for (const check of checks) {
    try {
      out.push(check());
    } catch (err) {
      if (!(err instanceof LookupError && err.kind === 'invalid')) throw err;
      errors.push(...err.errors);
      out.push(undefined);
    }
  }
  if (errors.length) {
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
    throw new LookupError('invalid', `${errors[0]!.message}${more}`, errors);
  }
  return out as { -readonly [K in keyof T]: ReturnType<T[K]> };
}

function notFound(reason: string): LookupError {
  return new LookupError('not-found', reason);
}

// ---------------------------------------------------------------- dates

const DAY = 86_400_000;
const WIB = 7 * 3_600_000;

/** The calendar day (yyyy-mm-dd) an instant falls on in Jakarta (WIB, UTC+7). */
export function jakartaDate(at: Date): string {
  return new Date(at.getTime() + WIB).toISOString().slice(0, 10);
}

/** Parses a real calendar date in yyyy-mm-dd; undefined if it is not one. */
export function parseIsoDate(s: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return undefined;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s ? s : undefined;
}

/** A date the caller gave (field named for errors), yyyy-mm-dd. */
export function requireIsoDate(value: string, field: string): string {
  const d = parseIsoDate(value.trim());
  if (!d) throw invalid(field, 'format', `${field} must be a real date in the format yyyy-mm-dd (got "${value}")`);
  return d;
}

/** DD-MM-YYYY as the manifest look-up writes its dates. */
export function ddmmyyyy(iso: string): string {
  return `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`;
}

function daysOf(iso: string): number {
  return Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY);
}

function isoOfDays(days: number): string {
  return new Date(days * DAY).toISOString().slice(0, 10);
}

// ---------------------------------------------------------------- kantor

/** Validates a kode kantor: six digits and listed in Referensi Kantor. Returns its name. */
export function requireKantor(value: string, field: string): { kodeKantor: string; namaKantor: string } {
  const code = value.trim();
  if (!/^\d{6}$/.test(code)) throw invalid(field, 'pattern', `${field} must be a kode kantor of 6 digits (Referensi Kantor), got "${value}"`);
  const row = referenceRow('kantor', code);
  if (!row) throw invalid(field, 'reference', `${field} "${code}" is not a kode kantor of Referensi Kantor`);
  return { kodeKantor: code, namaKantor: row[1] ?? '' };
}

function namaKantor(code: string | null): string | null {
  if (!code) return null;
  return referenceRow('kantor', code)?.[1] ?? null;
}

export interface KantorItem {
  kodeKantor: string;
  namaKantor: string;
}

/** Referensi Kantor, optionally filtered by a word in its code or name. */
export function listKantor(kata?: string): KantorItem[] {
  const rows = referenceTable('kantor').rows.filter((r) => /^\d{6}$/.test(r[0] ?? ''));
  const q = kata?.trim().toLowerCase();
  if (kata !== undefined && !q) throw invalid('/querystring/kata', 'minLength', '/querystring/kata must not be empty');
  const items = rows
    .filter((r) => !q || r[0]!.includes(q) || (r[1] ?? '').toLowerCase().includes(q))
    .map((r) => ({ kodeKantor: r[0]!, namaKantor: r[1] ?? '' }));
  if (!items.length) throw notFound(`no kantor matches "${kata}"`);
  return items;
}

// ---------------------------------------------------------------- kurs

/** Every valuta code the kurs look-up accepts: Referensi Valuta plus the documented supplement (EUR, ...). */
export function valutaCodes(): Set<string> {
  const codes = new Set(referenceCodes('valuta'));
  for (const c of Object.keys(lookup('kurs').supplement)) codes.add(c);
  return codes;
}

export function requireValuta(value: string, field: string): string {
  const code = value.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(code)) throw invalid(field, 'pattern', `${field} must be a kode valuta of 3 letters (Referensi Valuta), got "${value}"`);
  if (!valutaCodes().has(code)) throw invalid(field, 'reference', `${field} "${code}" is not a kode valuta of Referensi Valuta`);
  return code;
}

/** Kurs weeks run Wednesday to Tuesday (as the weekly kurs pajak does); 1970-01-01 was a Thursday. */
export function kursWeek(iso: string): number {
  return Math.floor((daysOf(iso) + 1) / 7);
}

/** The last day (a Tuesday) of the kurs week a date falls in. */
export function kursWeekEnd(iso: string): string {
  return isoOfDays(kursWeek(iso) * 7 - 1 + 6);
}

function phase(code: string): number {
  let h = 2166136261;
  for (const ch of code) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return ((h % 10_000) / 10_000) * 2 * Math.PI;
}

function rateOf(code: string, week: number, depth = 0): number {
  if (code === 'IDR') return 1;
  const entry: KursEntry | undefined = lookup('kurs').rates[code];
  if (entry === undefined || depth > 4) throw new Error(`no kurs base for ${code}`);
  if (Array.isArray(entry)) return rateOf(entry[0], week, depth + 1) / entry[1];
  const p = phase(code);
  const factor = 1 + 0.04 * Math.sin((2 * Math.PI * week) / 52 + p) + 0.015 * Math.sin((2 * Math.PI * week) / 9 + 2 * p);
  return entry * factor;
}

/**
 * A kurs as the gateway writes it, a decimal string without exponent: whole rupiah from 1000 up
 * (the live answer is "17781", and public clients read it into an integer), at most 2
 * decimals from 1 up, 6 significant digits below 1.
 */
export function formatKurs(v: number): string {
  if (v >= 1000) return String(Math.round(v));
  if (v >= 1) return String(Number(v.toFixed(2)));
  const s = v.toFixed(12).replace(/0+$/, '');
  const digits = s.replace(/^0\.0*/, '');
  const lead = s.length - digits.length;
  return s.slice(0, lead + Math.min(6, digits.length));
}

/**
 * The kurs (IDR per unit) of a valuta on a date. Values are deterministic per kurs week;
 * they exist from the data set's first day up to the end of the current kurs week
 * (`today` on the caller's clock): later weeks are not published yet.
 */
export function kursOn(kodeValuta: string, tanggal: string, today: string): string {
  const from = lookup('kurs').availableFrom;
  if (tanggal < from) throw notFound(`kurs ${kodeValuta} ${tanggal}: the sandbox has kurs from ${from}`);
  if (tanggal > kursWeekEnd(today)) throw notFound(`kurs ${kodeValuta} ${tanggal}: not published yet (today is ${today})`);
  return formatKurs(rateOf(kodeValuta, kursWeek(tanggal)));
}

// ---------------------------------------------------------------- HS

/** A kode HS of 8 digits (BTKI 2022) or 10 digits (the older BTKI, i.e. 8 digits + "00"). */
export function requireKodeHs(value: string, field: string): { asked: string; hs8: string | undefined } {
  const code = value.trim().replace(/\./g, '');
  if (!/^(\d{8}|\d{10})$/.test(code)) throw invalid(field, 'pattern', `${field} must be a kode HS of 8 or 10 digits, got "${value}"`);
  if (code.length === 10 && !code.endsWith('00')) return { asked: code, hs8: undefined };
  return { asked: code, hs8: code.slice(0, 8) };
}

function tarifRow(hs8: string | undefined): TarifRow | undefined {
  if (!hs8) return undefined;
  return lookup('tarif-hs').rows.find((r) => r[0] === hs8);
}

export interface BarangTarifItem {
  kodeJenisPungutan: string;
  kodeJenisTarif: string;
  tarif: number;
  kodeSatuanBarang?: string;
}

export interface PosTarif {
  kodeHs: string;
  uraianBarang: string;
  kodeSatuanBarang: string;
  tanggalBerlaku: string;
  kodeJenisTarifBm: string;
  tarifBm: number;
  tarifPpn: number;
  tarifPph: number;
  tarifPphNonApi: number;
  tarifPpnbm: number;
  kodeJenisPungutanCukai: string | null;
  kodeJenisTarifCukai: string | null;
  tarifCukai: number;
  kodeSatuanCukai: string | null;
  barangTarif: BarangTarifItem[];
}

const PPN_12_LUXURY_FROM = '2025-01-01';

/** The pos tarif of a kode HS in force on a date. */
export function tarifOn(kodeHs: string, tanggal: string): PosTarif {
  const { hs8 } = requireKodeHs(kodeHs, '/querystring/kodeHs');
  const row = tarifRow(hs8);
  if (!row) throw notFound(`no pos tarif ${kodeHs} in the sandbox data`);
  const data = lookup('tarif-hs');
  if (tanggal < data.validFrom) throw notFound(`pos tarif ${kodeHs} on ${tanggal}: the sandbox ships BTKI 2022, in force from ${data.validFrom}`);
  const [code, uraian, satuan, jenisBm, bm, pph, pphNonApi, ppnbm, cukai] = row;
  const exempt = data.ppnExempt.some((p) => code.startsWith(p));
  const luxury12 = ppnbm > 0 && tanggal >= PPN_12_LUXURY_FROM;
  const ppn = exempt ? 0 : luxury12 ? 12 : 11;
  const berlaku = luxury12 ? PPN_12_LUXURY_FROM : data.validFrom;
  const barangTarif: BarangTarifItem[] = [
    { kodeJenisPungutan: 'BM', kodeJenisTarif: jenisBm, tarif: bm, ...(jenisBm === '2' ? { kodeSatuanBarang: satuan } : {}) },
    { kodeJenisPungutan: 'PPN', kodeJenisTarif: '1', tarif: ppn },
    { kodeJenisPungutan: 'PPH', kodeJenisTarif: '1', tarif: pph },
  ];
  if (ppnbm > 0) barangTarif.push({ kodeJenisPungutan: 'PPNBM', kodeJenisTarif: '1', tarif: ppnbm });
  if (cukai) barangTarif.push({ kodeJenisPungutan: cukai.kodeJenisPungutan, kodeJenisTarif: cukai.kodeJenisTarif, tarif: cukai.tarif, kodeSatuanBarang: cukai.kodeSatuanBarang });
  return {
    kodeHs: code,
    uraianBarang: uraian,
    kodeSatuanBarang: satuan,
    tanggalBerlaku: berlaku,
    kodeJenisTarifBm: jenisBm,
    tarifBm: bm,
    tarifPpn: ppn,
    tarifPph: pph,
    tarifPphNonApi: pphNonApi,
    tarifPpnbm: ppnbm,
    kodeJenisPungutanCukai: cukai?.kodeJenisPungutan ?? null,
    kodeJenisTarifCukai: cukai?.kodeJenisTarif ?? null,
    tarifCukai: cukai?.tarif ?? 0,
    kodeSatuanCukai: cukai?.kodeSatuanBarang ?? null,
    barangTarif,
  };
}

export interface LartasItem {
  kodeHs: string;
  uraianBarang: string;
  jenisLartas: 'IMPOR';
  tipeLartas: string;
  kodeIjin: string;
  namaIjin: string;
  namaInstansi: string;
}

/** The permits (Referensi Ijin) a kode HS needs on import; [] when it needs none. */
export function lartasOf(kodeHs: string): LartasItem[] {
  const { hs8 } = requireKodeHs(kodeHs, '/querystring/kodeHs');
  const row = tarifRow(hs8);
  if (!row) throw notFound(`no pos tarif ${kodeHs} in the sandbox data`);
  const data = lookup('lartas');
  return data.rows
    .filter(([prefix]) => row[0].startsWith(prefix))
    .map(([, kodeIjin, tipe]) => ({
      kodeHs: row[0],
      uraianBarang: row[1],
      jenisLartas: 'IMPOR' as const,
      tipeLartas: tipe,
      kodeIjin,
      namaIjin: referenceRow('ijin', kodeIjin)?.[1] ?? '',
      namaInstansi: data.instansi[kodeIjin.slice(0, 2)] ?? '',
    }));
}

// ---------------------------------------------------------------- ports and TPS

export interface PelabuhanItem {
  kodePelabuhan: string;
  namaPelabuhan: string;
  kodeKantor: string | null;
  namaKantor: string | null;
}

/** At most this many ports answer a search (the docs' example is such a page of 25). */
export const PORT_SEARCH_LIMIT = 25;

/**
 * Ports whose code or name contains `kata` (case-insensitive), by code, at most 25.
 * `foreignOnly` leaves out Indonesian ports (the live pelabuhan-luar-negeri path).
 */
export function searchPelabuhan(kata: string, field: string, foreignOnly: boolean): PelabuhanItem[] {
  const q = kata.trim().toLowerCase();
  if (q.length < 3) throw invalid(field, 'minLength', `${field} must have at least 3 characters, got "${kata}"`);
  if (q.length > 50) throw invalid(field, 'maxLength', `${field} must have at most 50 characters`);
  const items = lookup('pelabuhan')
    .rows.filter(([kode, nama]) => kode.toLowerCase().includes(q) || nama.toLowerCase().includes(q))
    .filter(([, , kantor]) => !foreignOnly || kantor === null)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, PORT_SEARCH_LIMIT)
    .map(([kodePelabuhan, namaPelabuhan, kodeKantor]) => ({ kodePelabuhan, namaPelabuhan, kodeKantor, namaKantor: namaKantor(kodeKantor) }));
  if (!items.length) throw notFound(`no port matches "${kata}"`);
  return items;
}

/** The Indonesian ports a kantor serves. */
export function pelabuhanOfKantor(kodeKantor: string, field: string): PelabuhanItem[] {
  const k = requireKantor(kodeKantor, field);
  const items = lookup('pelabuhan')
    .rows.filter(([, , kantor]) => kantor === k.kodeKantor)
    .map(([kodePelabuhan, namaPelabuhan]) => ({ kodePelabuhan, namaPelabuhan, kodeKantor: k.kodeKantor, namaKantor: k.namaKantor }));
  if (!items.length) throw notFound(`no port is served by kantor ${k.kodeKantor}`);
  return items;
}

export interface GudangItem {
  kodeGudang: string;
  namaGudang: string;
  kodeKantor: string;
  namaKantor: string;
}

/** The TPS / warehouses under a kantor. */
export function gudangOfKantor(kodeKantor: string, field: string): GudangItem[] {
  const k = requireKantor(kodeKantor, field);
  const items = lookup('tps-gudang')
    .rows.filter(([, , kantor]) => kantor === k.kodeKantor)
    .map(([kodeGudang, namaGudang]) => ({ kodeGudang, namaGudang, kodeKantor: k.kodeKantor, namaKantor: k.namaKantor }));
  if (!items.length) throw notFound(`no TPS / gudang under kantor ${k.kodeKantor}`);
  return items;
}

// ---------------------------------------------------------------- manifest BC 1.1

export interface Caller {
  companyName: string;
  npwp: string;
}

export interface ManifestQuery {
  noHostBl: string;
  tglHostBl: string;
  kodeKantor: string;
  nama: string;
}

/** The answer of the manifest look-up, field for field as the docs print it (`npwpPemilk` included). */
export interface ManifestAnswer {
  bendera: string;
  caraPengangkutan: string;
  idManifesDetail: string;
  kodeGudang: string;
  listContainer: { jenisKontainer: string; noKontainer: string; tipeKontainer: string; ukuranKontainer: string }[];
  namaPemilik: string;
  namaPenerima: string;
  namaSaranaPengangkut: string;
  nilaiSimi: string;
  noBc11: string;
  noPos: string;
  noVoyage: string;
  npwpPemilk: string;
  npwpPenerima: string;
  pelAsal: string;
  pelBongkar: string;
  pelTransit: string;
  respon: string;
  tglBc11: string;
  tglTiba: string;
}

/** tglHostBl as the docs write it (DD-MM-YYYY); yyyy-mm-dd is accepted too. Returns yyyy-mm-dd. */
export function parseTglHostBl(value: string, field: string): string {
  const v = value.trim();
  const m = /^(\d{2})-(\d{2})-(\d{4})$/.exec(v);
  const iso = m ? parseIsoDate(`${m[3]}-${m[2]}-${m[1]}`) : parseIsoDate(v);
  if (!iso) throw invalid(field, 'format', `${field} must be a real date in the format DD-MM-YYYY (as the docs say; yyyy-mm-dd is accepted too), got "${value}"`);
  return iso;
}

/** Upper case, punctuation dropped, spaces collapsed: how names are compared. */
export function normalizeName(s: string): string {
  return s.toUpperCase().replace(/[.,'"]/g, ' ').replace(/\s+/g, ' ').trim();
}

function party(p: ManifestParty, caller: Caller): { nama: string; npwp: string } {
  return p === '@company' ? { nama: caller.companyName, npwp: caller.npwp } : p;
}

/**
 * A BC 1.1 manifest pos by host B/L number and date, kantor and importer name. The name must
 * be (part of, at least 3 characters) the penerima's name; a pos whose penerima is
 * "@company" belongs to whichever company asks.
 */
export function findManifest(q: ManifestQuery, caller: Caller): ManifestAnswer {
  const noHostBl = q.noHostBl.trim();
  const nama = normalizeName(q.nama);
  const [tgl, kantor] = checkAll(
    () => parseTglHostBl(q.tglHostBl, '/querystring/tglHostBl'),
    () => requireKantor(q.kodeKantor, '/querystring/kodeKantor'),
    () => {
      if (!noHostBl) throw invalid('/querystring/noHostBl', 'minLength', '/querystring/noHostBl must not be empty');
      if (noHostBl.length > 35) throw invalid('/querystring/noHostBl', 'maxLength', '/querystring/noHostBl must have at most 35 characters');
    },
    () => {
      if (nama.length < 3) throw invalid('/querystring/nama', 'minLength', '/querystring/nama (nama importir) must have at least 3 characters');
    },
  );
  const hit = lookup('manifes-bc11').rows.find(
    (r: ManifestRow) =>
      normalizeName(r.noHostBl) === normalizeName(noHostBl) &&
      r.tglHostBl === tgl &&
      r.kodeKantor === kantor.kodeKantor &&
      normalizeName(party(r.penerima, caller).nama).includes(nama),
  );
  if (!hit) throw notFound(`no manifest pos for B/L ${noHostBl} of ${tgl} at kantor ${kantor.kodeKantor} for "${q.nama}"`);
  const penerima = party(hit.penerima, caller);
  const pemilik = party(hit.pemilik, caller);
  return {
    bendera: hit.bendera,
    caraPengangkutan: hit.caraPengangkutan,
    idManifesDetail: hit.idManifesDetail,
    kodeGudang: hit.kodeGudang,
    listContainer: hit.listContainer.map((c) => ({ jenisKontainer: c.jenisKontainer, noKontainer: c.noKontainer, tipeKontainer: c.tipeKontainer, ukuranKontainer: c.ukuranKontainer })),
    namaPemilik: pemilik.nama,
    namaPenerima: penerima.nama,
    namaSaranaPengangkut: hit.namaSaranaPengangkut,
    nilaiSimi: '',
    noBc11: hit.noBc11,
    noPos: hit.noPos,
    noVoyage: hit.noVoyage,
    npwpPemilk: pemilik.npwp,
    npwpPenerima: penerima.npwp,
    pelAsal: hit.pelAsal,
    pelBongkar: hit.pelBongkar,
    pelTransit: hit.pelTransit,
    respon: 'Data ditemukan',
    tglBc11: ddmmyyyy(hit.tglBc11),
    tglTiba: ddmmyyyy(hit.tglTiba),
  };
}
