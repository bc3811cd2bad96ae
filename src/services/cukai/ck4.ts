import { randomUUID } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import { sql } from 'kysely';
import type { AppContext } from '../../context.ts';
import { ApiError } from '../../http/errors.ts';
import type { CukaiCk4Row, CukaiNppbkcRow } from '../../store/migrations/0010_cukai.ts';
import { iso } from '../../store/time.ts';
import {
  ID_JENIS_BKC,
  dateAsInstant,
  invalid,
  isDate,
  notFound,
  page,
  parseDateTime,
  parseJson,
  toDate,
  wibDate,
  wibDateTime,
  type BkcKind,
  type Page,
} from './common.ts';
import { jenisProduksiById } from './jenis-produksi.ts';
import { MasterRepo } from './master.ts';
import type { UploadedFile } from './schemas.ts';

/**
 * CK-4 (production notification of excise goods): recording (Rekam), correcting (Perbaikan),
 * reading (Get Detail) and browsing, for HT, MMEA and EA. A report is kept as a normalized
 * document `{header, details}`; each Rekam/Perbaikan adds a version (nothing is overwritten),
 * the report row points at the current one.
 */

export type Json = Record<string, unknown>;
export interface Ck4Doc {
  header: Json;
  details: Json[];
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : typeof v === 'number' ? v : Number(v));

// ============================================================================================
// Rekam
// ============================================================================================

/** The Rekam pages show `{header: {...}, details: [...]}` as an overview and a flat body as schema/example: both are taken. */
export function flattenRekamBody(body: unknown): unknown {
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const b = body as Json;
    if (b.header && typeof b.header === 'object' && !Array.isArray(b.header)) {
      const { header, ...rest } = b;
      return { ...(header as Json), ...rest };
    }
  }
  return body;
}

interface Resolved {
  nppbkc: CukaiNppbkcRow;
  namaKantor: string | null;
}

async function resolveNppbkc(ctx: AppContext, companyId: string, body: Json): Promise<Resolved> {
  const master = new MasterRepo(ctx.db);
  const row = await master.nppbkcById(companyId, String(body.idNppbkc));
  if (!row) throw notFound('/idNppbkc', `${String(body.idNppbkc)} is not an NPPBKC of this company`);
  if (row.nppbkc !== body.nppbkc) throw invalid('/nppbkc', 'match', `must be the number of NPPBKC ${row.id} (${row.nppbkc})`);
  if (body.npwp !== undefined) {
    const pad = (s: string) => s.padStart(16, '0');
    if (pad(String(body.npwp)) !== pad(row.npwp)) throw invalid('/npwp', 'match', `must be the NPWP of NPPBKC ${row.nppbkc} (${row.npwp})`);
  }
  return { nppbkc: row, namaKantor: await master.namaKantor(companyId, row.kode_kantor) };
}

const MERK_FIELD: Record<BkcKind, string> = { HT: 'idMerkHt', MMEA: 'idMerkMmea', EA: 'idMerk' };

/** A brand of the detail must be the company's, of the report's NPPBKC and of the report's kind. */
async function checkMerk(ctx: AppContext, companyId: string, nppbkcId: string, kind: BkcKind, merkId: string, field: string) {
  const merk = await new MasterRepo(ctx.db).merkById(companyId, merkId);
  if (!merk) throw notFound(field, `${merkId} is not a brand (merk) of this company`);
  if (merk.nppbkc_id !== nppbkcId) throw invalid(field, 'nppbkc', `brand ${merkId} is registered under another NPPBKC than the report's`);
  if (merk.jenis_bkc !== kind) throw invalid(field, 'jenisBkc', `brand ${merkId} is an ${merk.jenis_bkc} brand, not ${kind}`);
  return merk;
}

function checkJenisProduksi(kind: BkcKind, id: number, field: string): void {
  const jp = jenisProduksiById(id);
  if (!jp) throw notFound(field, `${id} is not a known jenis produksi BKC`);
  if (jp.idJenisBkc !== ID_JENIS_BKC[kind]) throw invalid(field, 'jenisBkc', `${id} (${jp.namaJenisProduksi}) is not a production type of ${kind}`);
}

function checkPeriod(awal: string, akhir: string, field: string): void {
  if (parseDateTime(awal)!.getTime() > parseDateTime(akhir)!.getTime()) throw invalid(field, 'order', 'must not be before the start of the production period');
}

/** A detail's production date must fall on a day of the report's production period (WIB days). */
function checkInPeriod(header: Json, tanggal: string, field: string): void {
  const d = toDate(tanggal);
  const from = toDate(String(header.tanggalProduksiAwal));
  const to = toDate(String(header.tanggalProduksiAkhir));
  if (d < from || d > to) throw invalid(field, 'period', `${d} is outside the production period ${from} .. ${to}`);
}

function baseHeader(kind: BkcKind, id: string, r: Resolved, now: Date): Json {
  return {
    idCk4Header: id,
    idNppbkc: r.nppbkc.id,
    nppbkc: r.nppbkc.nppbkc,
    npwp: r.nppbkc.npwp,
    jenisBarangKenaCukai: kind,
    kodeKantor: r.nppbkc.kode_kantor,
    namaKantor: r.namaKantor,
    tanggalDiterima: wibDateTime(now),
    status: 'Selesai',
    idProses: randomUUID(),
    idSpl: null,
    nomorSurat: null,
    tanggalSurat: null,
    keteranganPerbaikan: null,
    kodeUploadPerbaikan: null,
    isStck: null,
    tanggalPerbaikan: null,
    tanggalPermohonanPerbaikan: null,
    nomorPermohonanPerbaikan: null,
    tanggalPembatalan: null,
    nomorPembatalan: null,
    tanggalBrck: null,
  };
}

const DETAIL_BLANK: Json = {
  nomorProduksi: null,
  tanggalProduksi: null,
  jumlahKemasan: null,
  jumlahProduksi: null,
  jumlahKemasanDilekatiPita: null,
  idMerk: null,
  namaMerk: null,
  jenisProduksi: null,
  hje: null,
  tarif: null,
  isi: null,
  kadar: null,
  bahanKemasan: null,
  jenisKemasan: null,
  kodeSatuan: null,
  seriPita: null,
  idJenisKemasan: null,
  idJenisProduksiBkc: null,
  keterangan: null,
  namaGolongan: null,
  nomorTangki: null,
  idHandleDelete: null,
};

/** Validated Rekam body -> normalized report (references checked against the company's master data). */
export async function buildRekamDoc(ctx: AppContext, companyId: string, kind: BkcKind, b: Json, id: string, now: Date): Promise<Ck4Doc> {
  const r = await resolveNppbkc(ctx, companyId, b);
  const awalKey = kind === 'HT' ? 'tanggalProduksiAwal' : 'tanggalJamProduksiAwal';
  const akhirKey = kind === 'HT' ? 'tanggalProduksiAkhir' : 'tanggalJamProduksiAkhir';
  checkPeriod(String(b[awalKey]), String(b[akhirKey]), `/${akhirKey}`);
  const header: Json = {
    ...baseHeader(kind, id, r, now),
    namaPerusahaan: b.namaPerusahaan,
    alamatPerusahaan: b.alamatPerusahaan,
    jenisLaporan: b.jenisLaporan,
    nomorPemberitahuan: b.nomorPemberitahuan,
    tanggalPemberitahuan: b.tanggalPemberitahuan,
    tanggalProduksiAwal: wibDateTime(parseDateTime(String(b[awalKey]))!),
    tanggalProduksiAkhir: wibDateTime(parseDateTime(String(b[akhirKey]))!),
    periodeBulan: b.periodeBulan ?? null,
    periodeTahun: b.periodeTahun ?? null,
    totalJumlahKemasan: b.totalJumlahKemasan ?? null,
    totalJumlahKemasanDilekatiPita: b.totalJumlahKemasanDilekatiPita ?? null,
    totalJumlahProduksiHtBtg: b.totalJumlahProduksiHtBtg ?? null,
    totalJumlahProduksiHtGr: b.totalJumlahProduksiHtGr ?? null,
    totalJumlahProduksiHtMl: b.totalJumlahProduksiHtMl ?? null,
    totalJumlahProduksi: kind === 'EA' ? b.jumlahProduksi : (b.totalJumlahProduksi ?? null),
    namaKota: b.namaKota,
    namaPengusaha: b.namaPengusaha,
    idSpl: b.idSpl ?? null,
  };
  const details: Json[] = [];
  const list = b.details as Json[];
  for (let i = 0; i < list.length; i++) {
    const d = list[i]!;
    const at = `/details/${i}`;
    const merkField = MERK_FIELD[kind];
    const merk = await checkMerk(ctx, companyId, r.nppbkc.id, kind, String(d[merkField]), `${at}/${merkField}`);
    checkJenisProduksi(kind, Number(d.idJenisProduksiBkc), `${at}/idJenisProduksiBkc`);
    checkInPeriod(header, String(d.tanggalProduksi), `${at}/tanggalProduksi`);
    const common = { ...DETAIL_BLANK, idCk4Detail: randomUUID(), nomorProduksi: d.nomorProduksi, tanggalProduksi: toDate(String(d.tanggalProduksi)), idMerk: merk.id };
    if (kind === 'HT') {
      details.push({
        ...common,
        jumlahKemasan: num(d.jumlahKemasan),
        jumlahProduksi: num(d.jumlahProduksi),
        jumlahKemasanDilekatiPita: num(d.jumlahKemasanDilekatiPita),
        namaMerk: d.namaMerkHt,
        jenisProduksi: d.jenisProduksiHt,
        hje: d.hje,
        tarif: d.tarif,
        isi: d.isiPerKemasan,
        bahanKemasan: d.bahanKemasan,
        kodeSatuan: d.kodeSatuan,
        seriPita: d.seriPita,
        idJenisKemasan: d.idJenisKemasan,
        idJenisProduksiBkc: d.idJenisProduksiBkc,
      });
    } else if (kind === 'MMEA') {
      details.push({
        ...common,
        jumlahKemasan: num(d.jumlahKemasan),
        jumlahProduksi: num(d.jumlahProduksi),
        namaMerk: d.merkMmea,
        isi: d.isi,
        tarif: d.tarif,
        kodeSatuan: d.kodeSatuan,
        namaGolongan: d.namaGolongan,
        keterangan: d.keterangan,
        idJenisProduksiBkc: d.idJenisProduksiBkc,
      });
    } else {
      details.push({
        ...common,
        jumlahProduksi: num(d.jumlahProduksi),
        keterangan: d.keterangan,
        nomorTangki: d.nomorTangki,
        kadar: d.kadar,
        namaMerk: d.namaMerk,
        tarif: d.tarifSpesifik,
        idJenisProduksiBkc: d.idJenisProduksiBkc,
        idHandleDelete: d.idHandleDelete,
      });
    }
  }
  return { header, details };
}

export async function rekam(ctx: AppContext, companyId: string, kind: BkcKind, body: Json, request: unknown): Promise<string> {
  const now = await ctx.clock.now(companyId);
  const id = randomUUID();
  const doc = await buildRekamDoc(ctx, companyId, kind, body, id, now);
  const at = iso(now);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('cukai_ck4')
      .values({
        id,
        company_id: companyId,
        nppbkc_id: String(doc.header.idNppbkc),
        jenis_bkc: kind,
        nomor_pemberitahuan: String(doc.header.nomorPemberitahuan),
        tanggal_pemberitahuan: String(doc.header.tanggalPemberitahuan),
        jenis_laporan: String(doc.header.jenisLaporan),
        status: 'Selesai',
        version: 1,
        doc: JSON.stringify(doc),
        created_at: at,
        updated_at: at,
      })
      .execute();
    await trx
      .insertInto('cukai_ck4_versions')
      .values({ id: randomUUID(), ck4_id: id, company_id: companyId, version: 1, kind: 'rekam', doc: JSON.stringify(doc), request: JSON.stringify(request), dokumen_key: null, dokumen_name: null, dokumen_type: null, dokumen_size: null, created_at: at })
      .execute();
  });
  return id;
}

// ============================================================================================
// Perbaikan
// ============================================================================================

const CORRECTABLE = new Set<string | null>(['Selesai', 'Selesai (Perbaikan)', null]);
const DOKUMEN_TYPES: Record<string, string> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' };

export async function findCk4(ctx: AppContext, companyId: string, id: string): Promise<CukaiCk4Row | undefined> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return undefined;
  return ctx.db.selectFrom('cukai_ck4').selectAll().where('company_id', '=', companyId).where('id', '=', id.toLowerCase()).executeTakeFirst();
}

/** Checks the dokumen file part: not empty, a PDF, JPEG or PNG by its content (not its name). */
async function checkDokumen(file: UploadedFile): Promise<{ type: string; ext: string }> {
  if (file.size === 0) throw invalid('/dokumen', 'minLength', 'must not be empty');
  const sniffed = await fileTypeFromBuffer(file.data);
  const ext = sniffed ? DOKUMEN_TYPES[sniffed.mime] : undefined;
  if (!sniffed || !ext) throw invalid('/dokumen', 'mediaType', `must be a PDF, JPEG or PNG file (content is ${sniffed?.mime ?? 'not a recognised file type'})`);
  return { type: sniffed.mime, ext };
}

export async function perbaikan(ctx: AppContext, companyId: string, kind: BkcKind, b: Json, request: unknown): Promise<{ id: string; version: number }> {
  const idField = kind === 'HT' ? 'idCk4Header' : 'idCk4';
  const row = await findCk4(ctx, companyId, String(b[idField]));
  if (!row) throw notFound(`/${idField}`, `${String(b[idField])} is not a CK-4 of this company`);
  if (row.jenis_bkc !== kind) throw invalid(`/${idField}`, 'jenisBkc', `is a CK-4 ${row.jenis_bkc}, not ${kind}: use perbaikan-${row.jenis_bkc.toLowerCase()}`);
  if (!CORRECTABLE.has(row.status)) {
    throw invalid(`/${idField}`, 'status', row.status === 'Batal' ? 'is a cancelled CK-4 (status Batal): it cannot be corrected' : `has status "${row.status}": a correction is already awaiting approval`);
  }
  const doc = parseJson<Ck4Doc>(row.doc);
  const header: Json = { ...doc.header };
  const details = doc.details.map((d) => ({ ...d }));
  const list = b.details as Json[];
  const seen = new Set<string>();
  for (let i = 0; i < list.length; i++) {
    const d = list[i]!;
    const at = `/details/${i}`;
    const detailId = String(d.idCk4Detail).toLowerCase();
    if (seen.has(detailId)) throw invalid(`${at}/idCk4Detail`, 'uniqueItems', 'is listed twice');
    seen.add(detailId);
    const target = details.find((x) => String(x.idCk4Detail).toLowerCase() === detailId);
    if (!target) throw notFound(`${at}/idCk4Detail`, `${detailId} is not a detail of CK-4 ${row.id}`);
    checkInPeriod(header, String(d.tanggalProduksi), `${at}/tanggalProduksi`);
    const common = { nomorProduksi: d.nomorProduksi, tanggalProduksi: toDate(String(d.tanggalProduksi)), jumlahProduksi: num(d.jumlahProduksi) };
    if (kind === 'HT') {
      const merk = await checkMerk(ctx, companyId, row.nppbkc_id, kind, String(d.idMerkHt), `${at}/idMerkHt`);
      Object.assign(target, common, {
        idMerk: merk.id,
        namaMerk: d.namaMerkHt ?? (merk.id === target.idMerk ? target.namaMerk : merk.nama_merk),
        bahanKemasan: d.bahanKemasan,
        hje: d.hje,
        isi: d.isiPerKemasan,
        jenisProduksi: d.jenisProduksiHt,
        jumlahKemasan: num(d.jumlahKemasan),
        jumlahKemasanDilekatiPita: num(d.jumlahKemasanDilekatiPita),
        ...(d.tarif !== undefined ? { tarif: d.tarif } : {}),
        ...(d.kodeSatuan !== undefined ? { kodeSatuan: d.kodeSatuan } : {}),
      });
    } else if (kind === 'MMEA') {
      const merk = await checkMerk(ctx, companyId, row.nppbkc_id, kind, String(d.idMerkMmea), `${at}/idMerkMmea`);
      Object.assign(target, common, {
        idMerk: merk.id,
        namaMerk: d.merkMmea,
        isi: d.isi,
        jenisKemasan: d.jenisKemasan,
        jumlahKemasan: num(d.jumlahKemasan),
        jumlahKemasanDilekatiPita: num(d.jumlahKemasanDilekatiPita),
        kadar: d.kadar,
        tarif: d.tarif,
      });
    } else {
      const headerId = String(d.idCk4Header).toLowerCase();
      if (headerId !== row.id && headerId !== String(header.idCk4Header ?? '').toLowerCase()) {
        throw invalid(`${at}/idCk4Header`, 'match', `must be the header id of CK-4 ${row.id}`);
      }
      Object.assign(target, common, { keterangan: d.keterangan, nomorTangki: d.nomorTangki, kadar: d.kadar });
    }
  }

  const now = await ctx.clock.now(companyId);
  const version = row.version + 1;
  const versionId = randomUUID();
  Object.assign(header, {
    nomorPemberitahuan: b.nomorPemberitahuan,
    nomorSurat: b.nomorSurat,
    tanggalSurat: b.tanggalSurat,
    status: 'Selesai (Perbaikan)',
    tanggalPerbaikan: wibDate(now),
    tanggalPermohonanPerbaikan: wibDateTime(now),
    nomorPermohonanPerbaikan: b.nomorSurat,
  });
  if (kind === 'HT') {
    for (const k of ['totalJumlahKemasan', 'totalJumlahKemasanDilekatiPita', 'totalJumlahProduksiHtBtg', 'totalJumlahProduksiHtGr', 'totalJumlahProduksiHtMl']) header[k] = b[k];
  } else if (kind === 'MMEA') {
    header.totalJumlahKemasan = b.totalJumlahKemasan;
    header.totalJumlahProduksi = b.totalJumlahProduksi;
  } else header.totalJumlahProduksi = b.totalJumlahProduksi;

  let dokumen: { key: string; name: string; type: string; size: number } | null = null;
  if (kind === 'HT') {
    const file = b.dokumen as UploadedFile;
    const { type, ext } = await checkDokumen(file);
    // the base-36 time lets the start-up sweep tell a crashed request's leftover from an upload in flight
    const key = `cukai/ck4/${companyId}/${row.id}/v${version}-${Date.now().toString(36)}-${versionId}.${ext}`;
    await ctx.blobs.put(key, file.data, { contentType: type });
    dokumen = { key, name: file.filename, type, size: file.size };
    header.kodeUploadPerbaikan = versionId;
  }
  const next: Ck4Doc = { header, details };
  const at = iso(now);
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const res = await trx
        .updateTable('cukai_ck4')
        .set({ doc: JSON.stringify(next), version, status: String(header.status), nomor_pemberitahuan: String(header.nomorPemberitahuan), updated_at: at })
        .where('id', '=', row.id)
        .where('company_id', '=', companyId)
        .where('version', '=', row.version)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw new ApiError(409, `CK-4 ${row.id} was changed by another request at the same time: read it again and retry`);
      await trx
        .insertInto('cukai_ck4_versions')
        .values({
          id: versionId,
          ck4_id: row.id,
          company_id: companyId,
          version,
          kind: 'perbaikan',
          doc: JSON.stringify(next),
          request: JSON.stringify(request),
          dokumen_key: dokumen?.key ?? null,
          dokumen_name: dokumen?.name ?? null,
          dokumen_type: dokumen?.type ?? null,
          dokumen_size: dokumen?.size ?? null,
          created_at: at,
        })
        .execute();
    });
  } catch (err) {
    if (dokumen) await ctx.blobs.delete(dokumen.key).catch(() => {});
    throw err;
  }
  return { id: row.id, version };
}

// ============================================================================================
// Reading
// ============================================================================================


function totalProduksi(h: Json): number | null {
  if (h.totalJumlahProduksi != null) return num(h.totalJumlahProduksi);
  const parts = [h.totalJumlahProduksiHtBtg, h.totalJumlahProduksiHtGr, h.totalJumlahProduksiHtMl].filter((v) => v != null);
  return parts.length ? parts.reduce<number>((s, v) => s + Number(v), 0) : null;
}

const dateOf = (v: unknown): string | null => (v == null ? null : toDate(String(v)));
const instantOf = (v: unknown): string | null => (v == null ? null : isDate(String(v)) ? dateAsInstant(String(v)) : String(v));

function tail(h: Json, row: CukaiCk4Row): Json {
  return {
    npwp: h.npwp ?? null,
    jenisBarangKenaCukai: h.jenisBarangKenaCukai ?? row.jenis_bkc,
    tanggalDiterima: h.tanggalDiterima ?? null,
    nomorSurat: h.nomorSurat ?? null,
    tanggalSurat: h.tanggalSurat ?? null,
    nipPenjabatBc: h.nipPenjabatBc ?? null,
    keteranganPerbaikan: h.keteranganPerbaikan ?? null,
  };
}

/** Get Detail HT: the report in the HT page's shape. */
export function renderHt(row: CukaiCk4Row): Json {
  const { header: h, details } = parseJson<Ck4Doc>(row.doc);
  return {
    namaPemrakarsa: null,
    idProsesPemrakarsa: null,
    jabatanPemrakarsa: null,
    nipPemrakarsa: null,
    idNppbkc: h.idNppbkc ?? null,
    namaPerusahaan: h.namaPerusahaan ?? null,
    nppbkc: h.nppbkc ?? null,
    alamatPerusahaan: h.alamatPerusahaan ?? null,
    jenisLaporan: h.jenisLaporan ?? null,
    nomorPemberitahuan: h.nomorPemberitahuan ?? null,
    tanggalPemberitahuan: instantOf(h.tanggalPemberitahuan),
    periodeBulan: h.periodeBulan ?? null,
    periodeTahun: h.periodeTahun ?? null,
    tanggalProduksiAwal: dateOf(h.tanggalProduksiAwal),
    tanggalProduksiAkhir: dateOf(h.tanggalProduksiAkhir),
    totalJumlahKemasan: h.totalJumlahKemasan ?? null,
    totalJumlahKemasanDilekatiPita: h.totalJumlahKemasanDilekatiPita ?? null,
    totalJumlahProduksiHtBtg: h.totalJumlahProduksiHtBtg ?? null,
    totalJumlahProduksiHtGr: h.totalJumlahProduksiHtGr ?? null,
    totalJumlahProduksiHtMl: h.totalJumlahProduksiHtMl ?? null,
    namaKota: h.namaKota ?? null,
    namaPengusaha: h.namaPengusaha ?? null,
    ...tail(h, row),
    namaPejabat: h.namaPejabat ?? null,
    kodeUploadPerbaikan: h.kodeUploadPerbaikan ?? null,
    isStck: h.isStck ?? null,
    kodeKantor: h.kodeKantor ?? null,
    namaKantor: h.namaKantor ?? null,
    status: row.status,
    idProses: h.idProses ?? null,
    idSpl: h.idSpl ?? null,
    tanggalPermohonanPerbaikan: h.tanggalPermohonanPerbaikan ?? null,
    nomorPermohonanPerbaikan: h.nomorPermohonanPerbaikan ?? null,
    tanggalPembatalan: h.tanggalPembatalan ?? null,
    nomorPembatalan: h.nomorPembatalan ?? null,
    details: details.map((d) => ({
      idCk4Detail: d.idCk4Detail,
      idMerkHt: d.idMerk ?? null,
      nomorProduksi: d.nomorProduksi ?? null,
      keterangan: d.keterangan ?? null,
      tanggalProduksi: d.tanggalProduksi ?? null,
      jumlahKemasan: d.jumlahKemasan ?? null,
      jumlahProduksi: d.jumlahProduksi ?? null,
      jumlahKemasanDilekatiPita: d.jumlahKemasanDilekatiPita ?? null,
      namaMerkHt: d.namaMerk ?? null,
      jenisProduksiHt: d.jenisProduksi ?? null,
      hje: d.hje ?? null,
      tarif: d.tarif ?? null,
      bahanKemasan: d.bahanKemasan ?? null,
      isiPerKemasan: d.isi ?? null,
      satuanHt: d.kodeSatuan ?? null,
      seriPita: d.seriPita ?? null,
      idJenisKemasan: d.idJenisKemasan ?? null,
      idJenisProduksiBkc: d.idJenisProduksiBkc ?? null,
    })),
  };
}

/** Get Detail MMEA (note the page's `idProcessPemrakarsa` and lower-case `nomorpembatalan`). */
export function renderMmea(row: CukaiCk4Row): Json {
  const { header: h, details } = parseJson<Ck4Doc>(row.doc);
  return {
    namaPemrakarsa: null,
    idProcessPemrakarsa: null,
    jabatanPemrakarsa: null,
    nipPemrakarsa: null,
    idNppbkc: h.idNppbkc ?? null,
    namaNppbkc: h.namaPerusahaan ?? null,
    nppbkc: h.nppbkc ?? null,
    alamatNppbkc: h.alamatPerusahaan ?? null,
    jenisLaporan: h.jenisLaporan ?? null,
    nomorPemberitahuan: h.nomorPemberitahuan ?? null,
    tanggalPemberitahuan: instantOf(h.tanggalPemberitahuan),
    tanggalJamProduksiAwal: instantOf(h.tanggalProduksiAwal),
    tanggalJamProduksiAkhir: instantOf(h.tanggalProduksiAkhir),
    periodeBulan: h.periodeBulan ?? null,
    periodeTahun: h.periodeTahun ?? null,
    totalJumlahKemasan: h.totalJumlahKemasan ?? null,
    totalJumlahKemasanDilekatiPita: h.totalJumlahKemasanDilekatiPita ?? null,
    totalJumlahProduksi: totalProduksi(h),
    namaKota: h.namaKota ?? null,
    namaPengusaha: h.namaPengusaha ?? null,
    ...tail(h, row),
    namaPenjabat: h.namaPejabat ?? null,
    kodeUploadPerbaikan: h.kodeUploadPerbaikan ?? null,
    isStck: h.isStck ?? null,
    kodeKantor: h.kodeKantor ?? null,
    namaKantor: h.namaKantor ?? null,
    status: row.status,
    idProses: h.idProses ?? null,
    tanggalPermohonanPerbaikan: h.tanggalPermohonanPerbaikan ?? null,
    nomorPermohonanPerbaikan: h.nomorPermohonanPerbaikan ?? null,
    tanggalPembatalan: h.tanggalPembatalan ?? null,
    nomorpembatalan: h.nomorPembatalan ?? null,
    idSpl: h.idSpl ?? null,
    details: details.map((d) => ({
      idCk4Detail: d.idCk4Detail,
      idMerkMmea: d.idMerk ?? null,
      namaMerkMmea: d.namaMerk ?? null,
      isiMmea: d.isi ?? null,
      tarifMmea: d.tarif ?? null,
      kadarMmea: d.kadar ?? null,
      nomorProduksi: d.nomorProduksi ?? null,
      keterangan: d.keterangan ?? null,
      tanggalProduksi: d.tanggalProduksi ?? null,
      jumlahKemasan: d.jumlahKemasan ?? null,
      jumlahProduksi: d.jumlahProduksi ?? null,
      jumlahKemasanDilekatiPita: d.jumlahKemasanDilekatiPita ?? null,
      kodeSatuan: d.kodeSatuan ?? null,
      namaGolongan: d.namaGolongan ?? null,
      idJenisProduksiBkc: d.idJenisProduksiBkc ?? null,
    })),
  };
}

/** Get Detail EA (the page's example has no details: their fields are those of Rekam/Perbaikan EA). */
export function renderEa(row: CukaiCk4Row): Json {
  const { header: h, details } = parseJson<Ck4Doc>(row.doc);
  return {
    namaPemrakarsa: null,
    idProcessPemrakarsa: null,
    jabatanPemrakarsa: null,
    nipPemrakarsa: null,
    idNppbkc: h.idNppbkc ?? null,
    idCk4header: h.idCk4Header ?? null,
    namaNppbkc: h.namaPerusahaan ?? null,
    alamatNppbkc: h.alamatPerusahaan ?? null,
    jenisLaporan: h.jenisLaporan ?? null,
    nomorPemberitahuan: h.nomorPemberitahuan ?? null,
    tanggalPemberitahuan: instantOf(h.tanggalPemberitahuan),
    tanggalJamProduksiAwal: instantOf(h.tanggalProduksiAwal),
    tanggalJamProduksiAkhir: instantOf(h.tanggalProduksiAkhir),
    totalJumlahProduksi: totalProduksi(h),
    namaKota: h.namaKota ?? null,
    namaPengusaha: h.namaPengusaha ?? null,
    npwp: h.npwp ?? null,
    nppbkc: h.nppbkc ?? null,
    namaPerusahaan: h.namaPerusahaan ?? null,
    alamatPerusahaan: h.alamatPerusahaan ?? null,
    ...tail(h, row),
    namaPenjabat: h.namaPejabat ?? null,
    kodeUploadPerbaikan: h.kodeUploadPerbaikan ?? null,
    isStck: h.isStck ?? null,
    kodeKantor: h.kodeKantor ?? null,
    namaKantor: h.namaKantor ?? null,
    status: row.status,
    idProses: h.idProses ?? null,
    tanggalPermohonanPerbaikan: h.tanggalPermohonanPerbaikan ?? null,
    nomorPermohonanPerbaikan: h.nomorPermohonanPerbaikan ?? null,
    tanggalPembatalan: h.tanggalPembatalan ?? null,
    nomorPembatalan: h.nomorPembatalan ?? null,
    idSpl: h.idSpl ?? null,
    details: details.map((d) => ({
      idCk4Detail: d.idCk4Detail,
      idCk4Header: h.idCk4Header ?? row.id,
      idMerk: d.idMerk ?? null,
      namaMerk: d.namaMerk ?? null,
      nomorProduksi: d.nomorProduksi ?? null,
      nomorTangki: d.nomorTangki ?? null,
      tanggalProduksi: d.tanggalProduksi ?? null,
      jumlahProduksi: d.jumlahProduksi ?? null,
      kadar: d.kadar ?? null,
      tarifSpesifik: d.tarif ?? null,
      keterangan: d.keterangan ?? null,
      idJenisProduksiBkc: d.idJenisProduksiBkc ?? null,
      idHandleDelete: d.idHandleDelete ?? null,
    })),
  };
}

/**
 * isAlert: the notification came too late (after the 10th of the month following the end of
 * production, the CK-4 deadline) or is dated before production started. It reproduces every
 * row of the docs' Browse CK-4 example.
 */
export function isAlert(h: Json): boolean {
  const tgl = String(h.tanggalPemberitahuan ?? '');
  const awal = dateOf(h.tanggalProduksiAwal);
  const akhir = dateOf(h.tanggalProduksiAkhir);
  if (!isDate(tgl) || !awal || !akhir) return false;
  const [y, m] = akhir.split('-').map(Number) as [number, number];
  const deadline = new Date(Date.UTC(y, m, 10)).toISOString().slice(0, 10);
  return tgl < awal || tgl > deadline;
}

export function renderBrowseRow(row: CukaiCk4Row): Json {
  const { header: h } = parseJson<Ck4Doc>(row.doc);
  const ht = row.jenis_bkc === 'HT';
  return {
    idCk4: row.id,
    nomorPemberitahuan: h.nomorPemberitahuan ?? null,
    namaPerusahaan: h.namaPerusahaan ?? null,
    periodeBulanProduksi: h.periodeBulan ?? null,
    periodeTahunProduksi: h.periodeTahun ?? null,
    tanggalPemberitahuan: h.tanggalPemberitahuan ?? null,
    tanggalProduksiAwal: dateOf(h.tanggalProduksiAwal),
    tanggalProduksiAkhir: dateOf(h.tanggalProduksiAkhir),
    jumlahProduksiLt: ht ? (h.totalJumlahProduksiHtMl ?? 0) : (totalProduksi(h) ?? 0),
    jumlahProduksiBtg: ht ? (h.totalJumlahProduksiHtBtg ?? 0) : 0,
    jumlahProduksiGr: ht ? (h.totalJumlahProduksiHtGr ?? 0) : 0,
    npwp: h.npwp ?? null,
    nppbkc: h.nppbkc ?? null,
    status: row.status,
    idJenisBkc: ID_JENIS_BKC[row.jenis_bkc as BkcKind],
    kodeKantor: h.kodeKantor ?? null,
    isAlert: isAlert(h),
    jumlahKemasan: h.totalJumlahKemasan ?? null,
    alamatPerusahaan: h.alamatPerusahaan ?? null,
    namaPengusaha: h.namaPengusaha ?? null,
    kota: h.namaKota ?? null,
    tanggalJamProduksiAwal: instantOf(h.tanggalProduksiAwal),
    tanggalJamProduksiAkhir: instantOf(h.tanggalProduksiAkhir),
    tanggalBrck: h.tanggalBrck ?? null,
    jumlahKemasanDilekatiPita: h.totalJumlahKemasanDilekatiPita ?? null,
    jenisLaporan: h.jenisLaporan ?? null,
    tanggalPerbaikan: h.tanggalPerbaikan ?? null,
  };
}

export interface BrowseQuery {
  nppbkcId?: string;
  kind?: BkcKind;
  /** case-insensitive prefix of jenisLaporan ("bulan" finds BULANAN and Bulanan) */
  jenisLaporan?: string;
  page: number;
  limit: number;
}

export async function browseCk4(ctx: AppContext, companyId: string, q: BrowseQuery): Promise<Page<Json>> {
  let base = ctx.db.selectFrom('cukai_ck4').where('company_id', '=', companyId);
  if (q.nppbkcId) base = base.where('nppbkc_id', '=', q.nppbkcId);
  if (q.kind) base = base.where('jenis_bkc', '=', q.kind);
  if (q.jenisLaporan) base = base.where(sql<string>`upper(jenis_laporan)`, 'like', `${q.jenisLaporan.toUpperCase()}%`);
  const total = Number((await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await base
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .offset((q.page - 1) * q.limit)
    .limit(q.limit)
    .execute();
  return page(rows.map(renderBrowseRow), q.page, q.limit, total);
}

/** Every version of a report, oldest first: what was sent and what the report looked like after it. */
export async function history(ctx: AppContext, companyId: string, id: string) {
  const row = await findCk4(ctx, companyId, id);
  if (!row) return undefined;
  const versions = await ctx.db
    .selectFrom('cukai_ck4_versions')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('ck4_id', '=', row.id)
    .orderBy('version')
    .execute();
  return {
    idCk4: row.id,
    jenisBkc: row.jenis_bkc,
    currentVersion: row.version,
    status: row.status,
    versions: versions.map((v) => ({
      version: v.version,
      kind: v.kind,
      createdAt: v.created_at,
      request: parseJson<unknown>(v.request),
      report: parseJson<Ck4Doc>(v.doc),
      dokumen: v.dokumen_key ? { name: v.dokumen_name, type: v.dokumen_type, size: v.dokumen_size } : null,
    })),
  };
}

export async function dokumenOf(ctx: AppContext, companyId: string, id: string, version: number) {
  const row = await findCk4(ctx, companyId, id);
  if (!row) return undefined;
  const v = await ctx.db
    .selectFrom('cukai_ck4_versions')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('ck4_id', '=', row.id)
    .where('version', '=', version)
    .executeTakeFirst();
  if (!v?.dokumen_key) return undefined;
  const stream = await ctx.blobs.get(v.dokumen_key);
  return stream ? { stream, name: v.dokumen_name!, type: v.dokumen_type!, size: v.dokumen_size! } : undefined;
}

/** Cancels a report (admin): status Batal, a new version; the report stays readable. */
export async function cancel(ctx: AppContext, companyId: string, id: string, nomorPembatalan: string): Promise<{ idCk4: string; status: string; version: number }> {
  const row = await findCk4(ctx, companyId, id);
  if (!row) throw new ApiError(404, `no CK-4 ${id} for this company`);
  if (row.status === 'Batal') throw new ApiError(409, `CK-4 ${id} is already cancelled`);
  const now = await ctx.clock.now(companyId);
  const doc = parseJson<Ck4Doc>(row.doc);
  const next: Ck4Doc = { header: { ...doc.header, status: 'Batal', tanggalPembatalan: wibDateTime(now), nomorPembatalan }, details: doc.details };
  const version = row.version + 1;
  await ctx.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('cukai_ck4')
      .set({ doc: JSON.stringify(next), version, status: 'Batal', updated_at: iso(now) })
      .where('id', '=', row.id)
      .where('version', '=', row.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new ApiError(409, `CK-4 ${id} changed concurrently`);
    await trx
      .insertInto('cukai_ck4_versions')
      .values({ id: randomUUID(), ck4_id: row.id, company_id: companyId, version, kind: 'pembatalan', doc: JSON.stringify(next), request: JSON.stringify({ nomorPembatalan }), dokumen_key: null, dokumen_name: null, dokumen_type: null, dokumen_size: null, created_at: iso(now) })
      .execute();
  });
  return { idCk4: row.id, status: 'Batal', version };
}

/**
 * Removes CK-4 dokumen blobs no version refers to: what a process killed between storing the
 * file and committing the correction left behind. Blobs younger than `graceMs` (by the time in
 * their key) may belong to a correction in flight on another node and are left alone.
 */
export async function sweepOrphanDokumen(ctx: AppContext, graceMs = 3_600_000, now = Date.now()): Promise<number> {
  const keys = await ctx.blobs.list('cukai/ck4/');
  let removed = 0;
  for (let i = 0; i < keys.length; i += 500) {
    const batch = keys.slice(i, i + 500);
    const known = new Set((await ctx.db.selectFrom('cukai_ck4_versions').select('dokumen_key').where('dokumen_key', 'in', batch).execute()).map((r) => r.dokumen_key));
    for (const key of batch) {
      if (known.has(key)) continue;
      const stamp = /\/v\d+-([0-9a-z]+)-[0-9a-f-]{36}\.\w+$/.exec(key)?.[1];
      const created = stamp ? parseInt(stamp, 36) : NaN;
      if (Number.isFinite(created) && now - created < graceMs) continue;
      await ctx.blobs.delete(key);
      removed++;
    }
  }
  return removed;
}
