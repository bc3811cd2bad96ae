import FormData from 'form-data';
import { appendFile, type CeisaClientCore, type FileInput } from './client.ts';
import { indexedForm } from './forms.ts';
import type { StatusItem as ServerStatusItem, ResponItem as ServerResponItem, NpeItem as ServerNpeItem } from '../services/pabean/status/service.ts';
import type { RekamHtBody, RekamMmeaBody, RekamEaBody, PerbaikanHtBody, PerbaikanMmeaBody, PerbaikanEaBody } from '../services/cukai/schemas.ts';

/** Pabean envelope of a successful send. */
export interface SendAnswer {
  status: 'OK';
  message: string;
  idHeader: string;
}

/**
 * Status & Respon items: the server's own types, loosened where the live gateway differs
 * (it sends `kodeProses` instead of `kodeStatus`, and omits some fields).
 */
export type StatusItem = Omit<ServerStatusItem, 'kodeStatus' | 'kodeProses' | 'kodeDokumen'> & { kodeStatus?: string; kodeProses?: string; kodeDokumen?: string };
export type ResponItem = Partial<ServerResponItem> & Pick<ServerResponItem, 'nomorAju' | 'kodeRespon' | 'keterangan'>;
export interface StatusAnswer {
  status: string;
  message: string;
  dataStatus?: StatusItem[];
  dataRespon?: ResponItem[];
}

/** `respon/npe-bc33`: NPE responses (the status answers' response items plus the document's warehouse). */
export type NpeItem = ResponItem & Partial<Pick<ServerNpeItem, 'kodeGudang'>>;
export interface NpeAnswer {
  status: string;
  message: string;
  dataRespon?: NpeItem[];
}

/** The live gateway's `kodeProses` and the docs' `kodeStatus`: both present after this. */
export function normalizeStatus(a: StatusAnswer): StatusAnswer {
  for (const s of a.dataStatus ?? []) {
    s.kodeStatus ??= s.kodeProses;
    s.kodeProses ??= s.kodeStatus;
  }
  return a;
}

export interface SendOptions {
  isFinal?: boolean;
  isRevision?: boolean;
  /** sandbox lifecycle hints, sent as x-ceisa-<name> headers (lane, outcome, billing, schema-version) */
  hints?: Record<string, string>;
}

function hintHeaders(hints: Record<string, string> = {}): Record<string, string> {
  return Object.fromEntries(Object.entries(hints).map(([k, v]) => [k.startsWith('x-ceisa-') ? k : `x-ceisa-${k}`, v]));
}

/** Customs documents, status & respon, look-ups (paths under the configured prefix). */
export function pabeanApi(c: CeisaClientCore) {
  const p = () => c.pabeanPrefix;
  return {
    send: (doc: Record<string, unknown>, o: SendOptions = {}) =>
      c.call<SendAnswer>('POST', `${p()}/document`, { json: doc, query: { isFinal: o.isFinal ?? false, isRevision: o.isRevision ?? false }, headers: hintHeaders(o.hints) }),
    check: (doc: Record<string, unknown>) => c.call<Record<string, unknown>>('POST', `${p()}/document/check`, { json: doc }),
    detail: (jenisDokumen: string, nomorAju: string, kodeKantor: string) =>
      c.call<Record<string, unknown>>('GET', `${p()}/document/detail/${encodeURIComponent(jenisDokumen)}/${encodeURIComponent(nomorAju)}/${encodeURIComponent(kodeKantor)}`),
    /** statuses and responses not yet pulled (each delivered once) */
    status: async (idPerusahaan: string) => normalizeStatus(await c.call<StatusAnswer>('GET', `${p()}/status`, { query: { idPerusahaan } })),
    /** whole history of up to 25 documents */
    statusOf: async (nomorAju: string[]) => normalizeStatus(await c.call<StatusAnswer>('GET', `${p()}/status/${nomorAju.map(encodeURIComponent).join(',')}`)),
    downloadRespon: (path: string) => c.call<Buffer>('GET', `${p()}/download-respon`, { query: { path }, binary: true }),
    responPdf: (kodeRespon: string, nomorAju: string) => c.call<Buffer>('GET', `${p()}/respon/pdf`, { query: { kodeRespon, nomorAju }, binary: true }),
    billingPdf: (kodeBilling: string) => c.call<Buffer>('GET', `${p()}/respon/billing`, { query: { kodeBilling }, binary: true }),
    cetakFormulir: (nomorAju: string, which: '' | 'draft' | 'final' = '') =>
      c.call<Buffer>('GET', `${p()}/respon/cetak-formulir${which ? `/${which}` : ''}`, { query: { nomorAju }, binary: true }),
    /** NPEs of kodeDokumen (30 or 33) issued on tanggalDokumen (YYYY-MM-DD), optionally of one warehouse (live v2 path) */
    npeBc33: (kodeDokumen: string, tanggalDokumen: string, kodeGudang?: string) =>
      c.call<NpeAnswer>('GET', `${p()}/respon/npe-bc33/${encodeURIComponent(kodeDokumen)}/${encodeURIComponent(tanggalDokumen)}`, { query: { kodeGudang } }),
    /** the same NPEs as one PDF (Accept: application/pdf) */
    npeBc33Pdf: (kodeDokumen: string, tanggalDokumen: string, kodeGudang?: string) =>
      c.call<Buffer>('GET', `${p()}/respon/npe-bc33/${encodeURIComponent(kodeDokumen)}/${encodeURIComponent(tanggalDokumen)}`, { query: { kodeGudang }, headers: { accept: 'application/pdf' }, binary: true }),
    kurs: (kodeValuta: string, tanggal?: string) => c.call<{ status: string; data: { nilaiKurs: string }[] }>('GET', `${p()}/kurs/${encodeURIComponent(kodeValuta)}`, { query: { tanggal } }),
    tarifHs: (kodeHs: string, tanggal?: string) => c.call<Record<string, unknown>>('GET', `${p()}/tarif-hs`, { query: { kodeHs, tanggal } }),
    lartas: (kodeHs: string) => c.call<Record<string, unknown>>('GET', `${p()}/hs-lartas`, { query: { kodeHs } }),
    manifesBc11: (q: { noHostBl: string; tglHostBl: string; kodeKantor: string; nama: string }) => c.call<Record<string, unknown>>('GET', `${p()}/manifes-bc11`, { query: q }),
    pelabuhan: (kata: string) => c.call<Record<string, unknown>>('GET', `${p()}/pelabuhan/kata/${encodeURIComponent(kata)}`),
    pelabuhanKantor: (kodeKantor: string) => c.call<Record<string, unknown>>('GET', `${p()}/pelabuhan/kodeKantor/${encodeURIComponent(kodeKantor)}`),
    gudangTps: (kodeKantor: string) => c.call<Record<string, unknown>>('GET', `${p()}/gudangTPS/kodeKantor/${encodeURIComponent(kodeKantor)}`),
    kantor: (kata?: string) => c.call<Record<string, unknown>>('GET', `${p()}/referensi/kantor`, { query: { kata } }),
  };
}

export interface CukaiAnswer<T = unknown> {
  message: string;
  status: boolean;
  data: T;
}

type Kind = 'ht' | 'mmea' | 'ea';

/** Excise production (CK-4) and Referensi Cukai. Rekam is JSON; Perbaikan is the indexed form. */
export function ck4Api(c: CeisaClientCore) {
  const rekam = (kind: Kind, body: unknown) => c.call<CukaiAnswer>('POST', `/portal/ck4/rekam-${kind}`, { json: body });
  const perbaikan = (kind: Kind, body: Record<string, unknown>, dokumen?: FileInput) =>
    c.call<CukaiAnswer>('POST', `/portal/ck4/perbaikan-${kind}`, { form: () => indexedForm(body, { dokumen }) });
  return {
    rekamHt: (body: RekamHtBody) => rekam('ht', body),
    rekamMmea: (body: RekamMmeaBody) => rekam('mmea', body),
    rekamEa: (body: RekamEaBody) => rekam('ea', body),
    perbaikanHt: (body: Omit<PerbaikanHtBody, 'dokumen'> & Record<string, unknown>, dokumen?: FileInput) => perbaikan('ht', body, dokumen),
    perbaikanMmea: (body: PerbaikanMmeaBody & Record<string, unknown>) => perbaikan('mmea', body),
    perbaikanEa: (body: PerbaikanEaBody & Record<string, unknown>) => perbaikan('ea', body),
    /** any of the documented kinds by name, for generic callers (the CLI) */
    rekam,
    perbaikan,
    detail: (kind: Kind, idCk4: string) => c.call<CukaiAnswer>('GET', `/portal/ck4/detail-${kind}`, { query: { idCk4 } }),
    browse: (q: { idJenisBkc: string | number; jenisLaporan: string; nppbkc: string; page?: number }) => c.call<CukaiAnswer>('GET', '/portal/ck4/browse', { query: { page: 1, ...q } }),
    browseTarifMerk: (kind: Kind, nppbkc: string, page = 1) => c.call<CukaiAnswer>('GET', `/portal/tarif-merk/browse-${kind}`, { query: { nppbkc, page } }),
    browseMerk: (nppbkc: string, page = 1) => c.call<CukaiAnswer>('GET', '/data-merk/browse', { query: { nppbkc, page } }),
    merkSwitching: (nppbkc: string, tanggalAwal: string, tanggalAkhir: string) =>
      c.call<CukaiAnswer>('GET', '/data-merk/getDataMerkSwitchingH2h', { query: { nppbkc, tanggalAwal, tanggalAkhir } }),
    versions: (idCk4: string) => c.call<Record<string, unknown>>('GET', `/sandbox/v1/cukai/ck4/${encodeURIComponent(idCk4)}/versions`),
    /** the file sent with a Perbaikan HT (version n of the report) */
    versionDokumen: (idCk4: string, version: number) =>
      c.call<Buffer>('GET', `/sandbox/v1/cukai/ck4/${encodeURIComponent(idCk4)}/versions/${version}/dokumen`, { binary: true }),
    referensi: {
      kuasa: (nppbkc: string) => c.call<CukaiAnswer>('GET', '/referensi/ck1/getKuasa', { query: { nppbkc } }),
      batasTanggalP3c: (q: { bulanPersediaan: number; idJenisBkc: number; idJenisUsaha: number }) => c.call<CukaiAnswer>('GET', '/cekBatasTanggalP3c', { query: q }),
      jenisProduksi: (kodeJenisProduksi: string) =>
        c.call<CukaiAnswer>('GET', '/jenis-produksi/portal/getJenisProduksiByKodeJenisProduksi', { query: { kodeJenisProduksi } }),
      nppbkc: (idNppbkc: string, nppbkc: string) => c.call<CukaiAnswer>('GET', '/getAllTrNppbkc', { query: { idNppbkc, nppbkc } }),
      browseNppbkc: (nppbkc: string, pageNumber = 0, pageSize = 10) => c.call<CukaiAnswer>('GET', '/nppbkc/browseNppbkc', { query: { nppbkc, pageNumber, pageSize } }),
      kantor: (nppbkc: string) => c.call<CukaiAnswer>('GET', '/kode-kantor/by-nppbkc', { query: { nppbkc } }),
    },
  };
}

/** Seed 002's third-party gateway log API. */
export function t2gApi(c: CeisaClientCore) {
  return {
    statusRespon: (q: { edinumber: string; car: string; kode_dokumen: string }) => c.call<Record<string, unknown>>('POST', '/api/getlog/statusrespon', { json: q }),
    resByCarBc30: (q: { edinumber: string; car: string }) => c.call<Record<string, unknown>>('POST', '/getresbycar/bc30', { json: q }),
  };
}

/** ceisa40 sandbox extensions: billing payment, timelines, reference tables. */
export function sandboxApi(c: CeisaClientCore) {
  return {
    payBilling: (kodeBilling: string) => c.call<Record<string, unknown>>('POST', `/sandbox/v1/billing/${encodeURIComponent(kodeBilling)}/pay`),
    timeline: (nomorAju: string) => c.call<Record<string, unknown>>('GET', `/sandbox/v1/pabean/${encodeURIComponent(nomorAju)}/timeline`),
    referensi: (name?: string) => c.call<Record<string, unknown>>('GET', name ? `/sandbox/v1/referensi/${encodeURIComponent(name)}` : '/sandbox/v1/referensi'),
  };
}

/** The X-ray photo services' `data` part (seed 000). */
export interface XrayData {
  nomorAju: string;
  nomorBlAwb: string;
  /** yyyy-MM-dd */
  tanggalBlAwb: string;
  kodeKantor: string;
}

/** The X-ray family envelope: HTTP 200 may still say `code: 404` (read `code`, not only the status). */
export interface XrayAnswer<T = Record<string, unknown>> {
  success: boolean;
  data: T | null;
  timestamp: string;
  code: number;
  message: string;
}

/** X-ray photos of consignments: multipart `data` (JSON part) + `images` parts, streamed. */
export function xrayApi(c: CeisaClientCore) {
  const base = () => `${c.pabeanPrefix}/cnpibk/xray`;
  const upload = (op: 'kirim' | 'add', data: XrayData, images: FileInput[], onProgress?: (sent: number, total: number | undefined) => void) =>
    c.call<XrayAnswer>('POST', `${base()}/${op}-foto-xray`, {
      form: () => {
        const form = new FormData();
        form.append('data', JSON.stringify(data), { contentType: 'application/json' });
        for (const img of images) appendFile(form, 'images', img);
        return form;
      },
      onProgress,
    });
  return {
    kirim: (data: XrayData, images: FileInput[], onProgress?: (sent: number, total: number | undefined) => void) => upload('kirim', data, images, onProgress),
    add: (data: XrayData, images: FileInput[], onProgress?: (sent: number, total: number | undefined) => void) => upload('add', data, images, onProgress),
    get: (q: { nomorAju: string } | { nomorBlAwb: string; tanggalBlAwb: string; kodeKantor: string }) => c.call<XrayAnswer>('GET', `${base()}/get-foto-xray`, { query: q }),
    /** ceisa40 extension: the bytes of one stored photo (by its 1-based position, or its file name) */
    download: (q: { nomorAju: string; urutan?: number; namaFile?: string }) => c.call<Buffer>('GET', `${base()}/download-foto-xray`, { query: q, binary: true }),
  };
}

/** A consignment-family answer (`{message, status, data}`; not-found reads are HTTP 200 with status false). */
export interface BarkirAnswer<T = unknown> {
  message: string;
  status: boolean;
  data: T;
}

type Json = Record<string, unknown>;

/** Consignments (barang kiriman): impor CN/PIBK, BC 1.1, PT POS BC 1.4, barang tertentu, marketplaces, ekspor, referensi. */
export function barangKirimanApi(c: CeisaClientCore) {
  const b = () => `${c.pabeanPrefix}/cnpibk`;
  return {
    /** Kirim Dokumen Barang Kiriman: the body is an array of documents (values as strings) */
    kirim: (docs: Json[]) => c.call<BarkirAnswer>('POST', `${b()}/kirim-data-cnpibk`, { json: docs }),
    tarikRespon: (nomorAju: string) => c.call<BarkirAnswer>('GET', `${b()}/respon/tarik-respon`, { query: { nomorAju } }),
    tarikResponByStatus: (status?: string) => c.call<BarkirAnswer>('GET', `${b()}/respon/tarik-respon-by-status`, { query: { status } }),
    /** billing konsolidasi not yet pulled, or one by kodeBilling */
    tarikBilling: (kodeBilling?: string) => c.call<BarkirAnswer>('GET', `${b()}/billing-konsolidasi/tarik-billing`, { query: { kodeBilling } }),
    downloadRespon: (path: string) => c.call<Buffer>('GET', `${b()}/download-respon`, { query: { path }, binary: true }),
    updateBc11: (body: Json) => c.call<BarkirAnswer>('POST', `${b()}/bc11/update-bc11`, { json: body }),
    bc14: {
      kirim: (body: Json | Json[]) => c.call<BarkirAnswer>('POST', `${b()}/bc14/kirim-data`, { json: body }),
      cekStatus: (noAju: string) => c.call<BarkirAnswer>('GET', `${b()}/bc14/cek-status-bc14`, { query: { noAju } }),
      pecahPos: (body: Json | Json[]) => c.call<BarkirAnswer>('POST', `${b()}/bc14/pecah-pos`, { json: body }),
    },
    barangTertentu: {
      kirim: (body: Json | Json[]) => c.call<BarkirAnswer>('POST', `${b()}/daftar-tertentu/kirim-data`, { json: body }),
      respon: (nomorDaftar?: string) => c.call<BarkirAnswer>('GET', `${b()}/daftar-tertentu/request-respon`, { query: { nomorDaftar } }),
    },
    eCatalogue: {
      kirim: (body: Json | Json[]) => c.call<BarkirAnswer>('POST', `${b()}/e-catalogue/send-data`, { json: body }),
      respon: (q: { identityQualifierCode?: string; page?: number; limit?: number } = {}) => c.call<BarkirAnswer>('GET', `${b()}/e-catalogue/getResponse`, { query: q }),
    },
    eInvoice: {
      kirim: (body: Json | Json[]) => c.call<BarkirAnswer>('POST', `${b()}/e-invoice/send-data`, { json: body }),
      respon: (invoiceNumber?: string) => c.call<BarkirAnswer>('GET', `${b()}/e-invoice/getResponse`, { query: { invoiceNumber } }),
    },
    ekspor: {
      kirimCn: (docs: Json[]) => c.call<BarkirAnswer>('POST', `${b()}/kirim-data-cnpibk-ekspor`, { json: docs }),
      kirimPkbk: (docs: Json[]) => c.call<BarkirAnswer>('POST', `${b()}/kirim-data-pkbk`, { json: docs }),
      responPerTanggalDaftar: (tanggal: string) => c.call<Json>('GET', `${b()}/respon/ekspor-by-tanggal-daftar`, { query: { tanggal } }),
      responPerTanggalSubmit: (tanggal: string) => c.call<Json>('GET', `${b()}/respon/ekspor-by-tanggal-submit`, { query: { tanggal } }),
      responTanggalBarang: (tanggal: string) => c.call<Json>('GET', '/h2h-ebk-parser-service/openapi/respon-tanggal-barang', { query: { tanggal } }),
      responPerDokumen: (q: { nomorAju?: string; nomorBarang?: string }) => c.call<Json>('GET', `${b()}/respon/ekspor-by-dokumen`, { query: q }),
      /** Kirim Data Excel CN-PKBK: an .xlsx workbook laid out as the template */
      kirimExcel: (workbook: FileInput) =>
        c.call<BarkirAnswer>('POST', '/h2h-ebk-parser-service/openapi/excel', {
          form: () => {
            const form = new FormData();
            appendFile(form, 'file', workbook);
            return form;
          },
        }),
      /** the empty workbook (ceisa40's template, with a PETUNJUK sheet) */
      excelTemplate: () => c.call<Buffer>('GET', '/h2h-ebk-parser-service/openapi/excel/template', { binary: true }),
    },
    referensi: (name?: string) => c.call<BarkirAnswer>('GET', name ? `${b()}/referensi/${encodeURIComponent(name)}` : `${b()}/referensi`),
  };
}
