/**
 * What a customs document's lifecycle says, per document type: the process statuses and the
 * response letters of the docs' reference tables (Referensi Status, Referensi Respon).
 *
 * Two status codings exist: the docs' Referensi Status (100..700, `kodeStatus`) and the live
 * gateway's process codes (`kodeProses`, also what the third-party gateway of seed 002 calls
 * `kodeStatus`: 104, 105, 106, 110, 210, 230, 240, 501, 800). Every status event carries both.
 * Process codes marked `sandbox: true` are not seen in any public source: the sandbox needs a
 * step there and names it; see docs/pabean-lifecycle.md.
 */

export interface ProcessStatus {
  /** live process code (kodeProses) */
  proses: string;
  /** docs' Referensi Status code (kodeStatus) */
  status: string;
  keterangan: string;
  sandbox?: boolean;
}

export const PROCESS: Record<string, ProcessStatus> = {
  insw: { proses: '104', status: '200', keterangan: 'Kirim Dokumen Ke INSW' },
  receipt: { proses: '105', status: '200', keterangan: 'LNSW - Penerimaan Dokumen' },
  mandatory: { proses: '106', status: '300', keterangan: 'LNSW - Cek Mandatory Content' },
  validation: { proses: '110', status: '300', keterangan: 'Validasi' },
  rejected: { proses: '115', status: '300', keterangan: 'Dokumen Ditolak', sandbox: true },
  billing: { proses: '205', status: '400', keterangan: 'Penerbitan Billing', sandbox: true },
  payment: { proses: '210', status: '400', keterangan: 'Payment Verification' },
  registration: { proses: '220', status: '500', keterangan: 'Penerbitan Nomor Pendaftaran', sandbox: true },
  ready: { proses: '230', status: '600', keterangan: 'Siap Jalur' },
  lane: { proses: '240', status: '600', keterangan: 'Penjaluran' },
  docExam: { proses: '400', status: '600', keterangan: 'Pemeriksaan Dokumen' },
  physExam: { proses: '410', status: '600', keterangan: 'Pemeriksaan Fisik', sandbox: true },
  release: { proses: '250', status: '700', keterangan: 'Persetujuan Pengeluaran', sandbox: true },
  gateOut: { proses: '501', status: '700', keterangan: 'Gate Out TPS' },
  done: { proses: '800', status: '700', keterangan: 'Selesai Proses' },
};

/** A response letter: its code in Referensi Respon (2 digits) and the text the table gives it. */
export interface Letter {
  code: string;
  uraian: string;
  /** short name shown as `keterangan` (the live gateway says e.g. "NPE") */
  short: string;
  /** PDF template */
  template: 'receipt' | 'register' | 'reject' | 'billing' | 'release' | 'lane' | 'exam' | 'report';
}

export interface DocumentProfile {
  /** the document types this profile serves (kodeDokumen) */
  kinds: string[];
  /** import (goods leave a TPS: gate out), export, or a bonded-zone/other movement */
  direction: 'import' | 'export' | 'other';
  /** a billing (KONFIRMASI BAYAR) is issued when duties are due */
  billing?: Letter;
  receipt?: Letter;
  register: Letter;
  reject: Letter;
  /** the release letter (SPPB, NPE, SPPD, ...); none: the document ends with its registration */
  release?: Letter;
  /** letters of the yellow lane (document examination) before release */
  yellow: Letter[];
  /** letters of the red lane (physical inspection) before release */
  red: Letter[];
  /** release letter of the red lane when it differs (BC 3.0: NPE PEB MERAH) */
  redRelease?: Letter;
}

const L = (code: string, uraian: string, short: string, template: Letter['template']): Letter => ({ code, uraian, short, template });

const REGISTER = L('00', 'PENERBITAN NOMOR DAFTAR', 'PENERBITAN NOMOR DAFTAR', 'register');
const RECEIPT = L('01', 'RESPON PENERIMAAN', 'RESPON PENERIMAAN', 'receipt');
const REJECT = L('02', 'NOTA PEMBERITAHUAN PENOLAKAN (REJECT)', 'REJECT', 'reject');
export const BILLING = L('20', 'KONFIRMASI BAYAR (BILLING)', 'BILLING', 'billing');

/** Profiles, from the rows of Referensi Respon (each code below is listed there for the profile's kinds). */
export const PROFILES: DocumentProfile[] = [
  {
    kinds: ['20', '25'],
    direction: 'import',
    billing: BILLING,
    receipt: RECEIPT,
    register: REGISTER,
    reject: REJECT,
    release: L('03', 'SURAT PERSETUJUAN PENGELUARAN BARANG (SPPB)', 'SPPB', 'release'),
    yellow: [L('04', 'SURAT PEMBERITAHUAN JALUR KUNING (SPJK)', 'SPJK', 'lane')],
    red: [
      L('05', 'SURAT PEMBERITAHUAN JALUR MERAH (SPJM)', 'SPJM', 'lane'),
      L('06', 'SURAT PERINTAH PEMERIKSAAN FISIK (SPPF)', 'SPPF', 'exam'),
      L('07', 'LAPORAN HASIL PEMERIKSAAN', 'LHP', 'report'),
      L('08', 'BERITA ACARA HASIL PEMERIKSAAN', 'BAHP', 'report'),
    ],
  },
  {
    kinds: ['28'],
    direction: 'import',
    billing: BILLING,
    receipt: RECEIPT,
    register: REGISTER,
    reject: REJECT,
    release: L('03', 'SURAT PERSETUJUAN PENGELUARAN BARANG (SPPB)', 'SPPB', 'release'),
    yellow: [],
    red: [
      L('04', 'SURAT PEMBERITAHUAN PEMERIKSAAN FISIK (SPPF)', 'SPPF', 'lane'),
      L('05', 'INSTRUKSI PEMERIKSAAN', 'IP', 'exam'),
      L('07', 'LAPORAN HASIL PEMERIKSAAN', 'LHP', 'report'),
    ],
  },
  {
    kinds: ['16'],
    direction: 'import',
    receipt: RECEIPT,
    register: REGISTER,
    reject: REJECT,
    release: L('03', 'SURAT PERSETUJUAN PENGELUARAN BARANG (SPPB)', 'SPPB', 'release'),
    yellow: [],
    red: [],
  },
  {
    kinds: ['23', '27'],
    direction: 'other',
    receipt: RECEIPT,
    register: REGISTER,
    reject: REJECT,
    release: L('05', 'SURAT PERSETUJUAN PENYELESAIAN DOKUMEN (SPPD)', 'SPPD', 'release'),
    yellow: [],
    red: [
      L('08', 'SURAT PERINTAH PEMERIKSAAN FISIK (SPPF)', 'SPPF', 'exam'),
      L('09', 'BERITA ACARA HASIL PEMERIKSAAN / LAPORAN HASIL PEMERIKSAAN FISIK (LHP)', 'LHP', 'report'),
    ],
  },
  {
    kinds: ['261'],
    direction: 'other',
    receipt: RECEIPT,
    register: REGISTER,
    reject: REJECT,
    release: L('08', 'SURAT PERSETUJUAN PENGELUARAN BARANG (SPPB)', 'SPPB', 'release'),
    yellow: [],
    red: [
      L('03', 'SURAT PERINTAH PEMERIKSAAN FISIK', 'SPPF', 'exam'),
      L('04', 'LAPORAN HASIL PEMERIKSAAN', 'LHP', 'report'),
      L('05', 'BERITA ACARA HASIL PEMERIKSAAN', 'BAHP', 'report'),
    ],
  },
  {
    kinds: ['262'],
    direction: 'other',
    receipt: RECEIPT,
    register: REGISTER,
    reject: REJECT,
    release: L('09', 'SURAT PERSETUJUAN PEMASUKAN KEMBALI BARANG (SPPKB)', 'SPPKB', 'release'),
    yellow: [],
    red: [
      L('03', 'SURAT PERINTAH PEMERIKSAAN FISIK', 'SPPF', 'exam'),
      L('04', 'LAPORAN HASIL PEMERIKSAAN', 'LHP', 'report'),
      L('05', 'BERITA ACARA HASIL PEMERIKSAAN', 'BAHP', 'report'),
    ],
  },
  {
    kinds: ['30'],
    direction: 'export',
    // BC 3.0 has no RESPON PENERIMAAN (01) in the table: its receipt is RESPON PROSES PEB (20)
    receipt: L('20', 'RESPON PROSES PEB', 'RESPON PROSES PEB', 'receipt'),
    register: REGISTER,
    reject: L('10', 'RESPON REJECT PEB', 'REJECT', 'reject'),
    release: L('15', 'RESPON NOTA PELAYANAN EKSPOR', 'NPE', 'release'),
    yellow: [],
    red: [L('14', 'RESPON PPB', 'PPB', 'exam')],
    redRelease: L('16', 'RESPON NOTA PELAYANAN EKSPOR PEB MERAH', 'NPE', 'release'),
  },
  {
    kinds: ['33'],
    direction: 'export',
    receipt: RECEIPT,
    register: REGISTER,
    reject: REJECT,
    release: L('05', '[KHUSUS 33] NOTA PELAYANAN EKSPOR (NPE)', 'NPE', 'release'),
    yellow: [],
    red: [
      L('06', 'PEMBERITAHUAN PEMERIKSAAN BARANG (PPB)', 'PPB', 'lane'),
      L('17', 'INSTRUKSI PEMERIKSAAN (IP)', 'IP', 'exam'),
      L('19', 'LAPORAN HASIL PEMERIKSAAN (LHP)', 'LHP', 'report'),
    ],
  },
  {
    kinds: ['331'],
    direction: 'export',
    receipt: RECEIPT,
    register: REGISTER,
    reject: REJECT,
    release: L('10', 'NOTA PERSETUJUAN P3BET', 'NOTA PERSETUJUAN P3BET', 'release'),
    yellow: [],
    red: [L('11', 'PEMBERITAHUAN PENGAWASAN STUFFING (PPS)', 'PPS', 'exam')],
  },
  {
    kinds: ['511', '513'],
    direction: 'import',
    register: REGISTER,
    reject: REJECT,
    release: L('03', 'SURAT PERSETUJUAN PENGELUARAN BARANG (SPPB)', 'SPPB', 'release'),
    yellow: [],
    red: [
      L('06', 'SURAT PEMERIKSAAN FISIK', 'SPF', 'lane'),
      L('07', 'INSTRUKSI PEMERIKSAAN', 'IP', 'exam'),
      L('08', 'BERITA ACARA HASIL PEMERIKSAAN', 'BAHP', 'report'),
    ],
  },
];

/**
 * Document types Referensi Respon does not list (BC 4.0, 4.1, FTZ 01-2, ...): receipt,
 * registration or rejection only (the registration ends the lifecycle; no lane is run).
 */
export const GENERIC_PROFILE: DocumentProfile = {
  kinds: [],
  direction: 'other',
  receipt: RECEIPT,
  register: REGISTER,
  reject: REJECT,
  yellow: [],
  red: [],
};

/** Types billed when their duties are above zero (Referensi Respon lists KONFIRMASI BAYAR (BILLING) for 20, 25, 28, 513). */
const BILLING_KINDS = new Set(['20', '25', '28', '513']);

export function profileOf(kodeDokumen: string): DocumentProfile {
  const p = PROFILES.find((x) => x.kinds.includes(kodeDokumen)) ?? GENERIC_PROFILE;
  if (kodeDokumen === '513' && !p.billing) return { ...p, billing: BILLING };
  return p;
}

export function billsDuties(kodeDokumen: string): boolean {
  return BILLING_KINDS.has(kodeDokumen);
}

/** The live 4-digit form of a response code: the document code then the 2-digit code ("30" + "15" = "3015"). */
export function fullResponCode(kodeDokumen: string, code: string): string {
  return `${kodeDokumen}${code}`;
}
