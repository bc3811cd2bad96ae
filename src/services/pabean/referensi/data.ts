import fs from 'node:fs';
import path from 'node:path';
import { fromRoot } from '../../../paths.ts';

/**
 * The sandbox look-up data sets shipped with the project (src/reference/data/lookup/*.json):
 * exchange rates, pos tarif, lartas, ports, TPS/warehouses and BC 1.1 manifest pos. The docs
 * do not tabulate these; the values are illustrative (each file says so in its `notice`).
 */
export const LOOKUP_DIR = fromRoot('src/reference/data/lookup');

/** IDR per unit, or [base valuta, divisor]: the value follows the base currency. */
export type KursEntry = number | [string, number];

export interface KursData {
  name: string;
  notice: string;
  availableFrom: string;
  rates: Record<string, KursEntry>;
  supplement: Record<string, string>;
}

export interface CukaiTarif {
  kodeJenisPungutan: string;
  kodeJenisTarif: string;
  tarif: number;
  kodeSatuanBarang: string;
}

/** [kodeHs, uraianBarang, kodeSatuanBarang, kodeJenisTarifBm, tarifBm, tarifPph, tarifPphNonApi, tarifPpnbm, cukai] */
export type TarifRow = [string, string, string, string, number, number, number, number, CukaiTarif | null];

export interface TarifData {
  name: string;
  notice: string;
  validFrom: string;
  ppnExempt: string[];
  rows: TarifRow[];
}

export interface LartasData {
  name: string;
  notice: string;
  instansi: Record<string, string>;
  /** [prefixHs, kodeIjin, tipeLartas] */
  rows: [string, string, string][];
}

export interface PelabuhanData {
  name: string;
  notice: string;
  /** [kodePelabuhan, namaPelabuhan, kodeKantor | null] */
  rows: [string, string, string | null][];
}

export interface TpsData {
  name: string;
  notice: string;
  /** [kodeGudang, namaGudang, kodeKantor] */
  rows: [string, string, string][];
}

/** A party of a manifest pos: "@company" is the calling company itself. */
export type ManifestParty = '@company' | { nama: string; npwp: string };

export interface ManifestContainer {
  jenisKontainer: string;
  noKontainer: string;
  tipeKontainer: string;
  ukuranKontainer: string;
}

export interface ManifestRow {
  noHostBl: string;
  /** yyyy-mm-dd */
  tglHostBl: string;
  kodeKantor: string;
  penerima: ManifestParty;
  pemilik: ManifestParty;
  idManifesDetail: string;
  noBc11: string;
  tglBc11: string;
  noPos: string;
  tglTiba: string;
  caraPengangkutan: string;
  bendera: string;
  namaSaranaPengangkut: string;
  noVoyage: string;
  pelAsal: string;
  pelTransit: string;
  pelBongkar: string;
  kodeGudang: string;
  listContainer: ManifestContainer[];
}

export interface ManifestData {
  name: string;
  notice: string;
  rows: ManifestRow[];
}

export interface LookupFiles {
  kurs: KursData;
  'tarif-hs': TarifData;
  lartas: LartasData;
  pelabuhan: PelabuhanData;
  'tps-gudang': TpsData;
  'manifes-bc11': ManifestData;
}

export type LookupName = keyof LookupFiles;
export const LOOKUP_NAMES: LookupName[] = ['kurs', 'tarif-hs', 'lartas', 'pelabuhan', 'tps-gudang', 'manifes-bc11'];

const cache = new Map<string, unknown>();

/** One look-up data set, read once. */
export function lookup<N extends LookupName>(name: N): LookupFiles[N] {
  let hit = cache.get(name);
  if (!hit) {
    hit = JSON.parse(fs.readFileSync(path.join(LOOKUP_DIR, `${name}.json`), 'utf8'));
    cache.set(name, hit);
  }
  return hit as LookupFiles[N];
}
