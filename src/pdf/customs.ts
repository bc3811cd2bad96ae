/**
 * The customs letters (responses) and the document form print, as PDFs. Rendered on demand
 * from the timeline event and the document: the same inputs always give the same bytes.
 */
import { renderLetter, type LetterSpec } from './letter.ts';
import { referenceRow } from '../reference/index.ts';
import type { ResponPayload } from '../lifecycle/pabean/plan.ts';
import { dmy, objects, rupiah, terbilang, ymd, ymdhms } from '../lifecycle/pabean/format.ts';

export interface PdfDocument {
  nomorAju: string;
  kodeDokumen: string;
  kodeKantor: string | null;
  state: string;
  body: Record<string, unknown>;
}

export interface PdfParty {
  name: string;
  npwp: string;
}

export interface PdfBilling {
  kodeBilling: string;
  total: string;
  pungutan: { kodeJenisPungutan: string; nilai: string }[];
  issuedAt: string;
  dueDate: string;
  status: string;
  paidAt: string | null;
}

function lookup(table: string, code: string | null | undefined): string {
  if (!code) return '-';
  try {
    const row = referenceRow(table, code);
    return row?.[1] ? `${code} - ${row[1]}` : code;
  } catch {
    return code;
  }
}

function issuer(kodeKantor: string | null): string[] {
  return ['KEMENTERIAN KEUANGAN REPUBLIK INDONESIA', 'DIREKTORAT JENDERAL BEA DAN CUKAI', `KANTOR PELAYANAN ${lookup('kantor', kodeKantor)}`];
}

function str(v: unknown): string {
  return v === undefined || v === null ? '-' : String(v);
}

interface Entity {
  kodeEntitas?: unknown;
  namaEntitas?: unknown;
  nomorIdentitas?: unknown;
  alamatEntitas?: unknown;
}

function entity(body: Record<string, unknown>, ...kinds: string[]): Entity | undefined {
  const list = objects(body.entitas) as Entity[];
  for (const k of kinds) {
    const e = list.find((x) => x && String(x.kodeEntitas) === k);
    if (e) return e;
  }
  return undefined;
}

function partyFields(doc: PdfDocument, party: PdfParty): [string, string][] {
  const exporter = doc.kodeDokumen === '30' || doc.kodeDokumen === '33';
  const e = entity(doc.body, exporter ? '2' : '1', '3', '8');
  const label = exporter ? 'Eksportir' : doc.kodeDokumen === '20' ? 'Importir' : 'Pengusaha';
  return [
    [label, `${str(e?.namaEntitas ?? party.name)} (NPWP ${str(e?.nomorIdentitas ?? party.npwp)})`],
    ['Alamat', str(e?.alamatEntitas)],
  ];
}

function goodsTable(body: Record<string, unknown>): LetterSpec['table'] | undefined {
  const barang = objects(body.barang);
  if (!barang.length) return undefined;
  return {
    head: ['Seri', 'Pos Tarif / HS', 'Uraian Barang', 'Jumlah', 'Netto (kg)'],
    widths: [35, 80, 220, 80, 80],
    rows: barang.slice(0, 200).map((b, i) => [str(b.seriBarang ?? i + 1), str(b.posTarif), str(b.uraian), `${str(b.jumlahSatuan)} ${b.kodeSatuanBarang ? String(b.kodeSatuanBarang) : ''}`.trim(), str(b.netto)]),
  };
}

function docFields(doc: PdfDocument, r: Pick<ResponPayload, 'nomorDaftar' | 'tanggalDaftar'>): [string, string][] {
  return [
    ['Jenis Dokumen', lookup('dokumen', doc.kodeDokumen)],
    ['Nomor Aju', doc.nomorAju],
    ['Nomor / Tanggal Pendaftaran', r.nomorDaftar ? `${r.nomorDaftar} / ${r.tanggalDaftar ? dmy(`${r.tanggalDaftar}T12:00:00+07:00`) : '-'}` : '-'],
    ['Kantor Pabean', lookup('kantor', doc.kodeKantor)],
  ];
}

const LANE_TEXT = { green: 'Jalur Hijau', yellow: 'Jalur Kuning', red: 'Jalur Merah' } as const;

/** The PDF of one response of the lifecycle. */
export async function renderResponPdf(r: ResponPayload, issuedAt: Date, doc: PdfDocument, party: PdfParty, billing?: PdfBilling): Promise<Uint8Array> {
  const common = {
    issuer: issuer(doc.kodeKantor),
    title: r.uraian,
    subtitle: r.nomorRespon ? `Nomor: ${r.nomorRespon}   Tanggal: ${dmy(issuedAt)}` : `Tanggal: ${dmy(issuedAt)}`,
    issuedAt,
    subject: `${r.kodeRespon} ${r.nomorAju}`,
    keywords: [r.kodeRespon, r.nomorAju, ...(r.nomorRespon ? [r.nomorRespon] : []), ...(r.nomorDaftar ? [r.nomorDaftar] : []), ...(billing ? [billing.kodeBilling, billing.status] : [])],
    signature: ['a.n. Kepala Kantor', 'Pejabat Bea dan Cukai', '', '(ditandatangani secara elektronik)', `Kode Respon ${r.kodeRespon}`],
  };
  const fields: [string, string][] = [...docFields(doc, r), ...partyFields(doc, party), ['Waktu Respon', `${ymdhms(issuedAt)} WIB`]];
  switch (r.template) {
    case 'billing': {
      const b = billing;
      return renderLetter({
        ...common,
        fields: [
          ['Kode Billing', b?.kodeBilling ?? str(r.kodeBilling)],
          ['Tanggal Billing', b ? dmy(b.issuedAt) : '-'],
          ['Tanggal Jatuh Tempo', b ? dmy(b.dueDate) : '-'],
          ...fields,
          ['Status', b?.status === 'paid' ? `LUNAS (${b.paidAt ? ymdhms(b.paidAt) : ''} WIB)` : b?.status === 'void' ? 'TIDAK BERLAKU' : 'BELUM DIBAYAR'],
        ],
        table: b
          ? {
              head: ['Akun', 'Jenis Pungutan', 'Jumlah (Rp)'],
              widths: [60, 250, 185],
              rows: [...b.pungutan.map((p) => [p.kodeJenisPungutan, lookup('jenis-pungutan', p.kodeJenisPungutan), rupiah(p.nilai)]), ['', 'TOTAL', rupiah(b.total)]],
            }
          : undefined,
        paragraphs: b ? [`Terbilang: ${terbilang(BigInt(b.total))}.`, 'Pembayaran dilakukan melalui bank/pos persepsi dengan menyebutkan Kode Billing di atas sebelum tanggal jatuh tempo.'] : [],
      });
    }
    case 'reject':
      return renderLetter({
        ...common,
        fields,
        table: { head: ['No', 'Uraian', 'Keterangan'], widths: [35, 200, 260], rows: r.pesan.map((p, i) => [String(i + 1), p.uraian1, p.uraian2]) },
        paragraphs: ['Pemberitahuan pabean Saudara tidak dapat diterima. Silakan perbaiki data dan kirim kembali.'],
      });
    case 'receipt':
      return renderLetter({ ...common, fields, paragraphs: ['Pemberitahuan pabean Saudara telah diterima oleh sistem CEISA 4.0 dan akan diproses lebih lanjut.'] });
    case 'register':
      return renderLetter({ ...common, fields, paragraphs: [`Pemberitahuan pabean Saudara telah mendapat nomor pendaftaran ${r.nomorDaftar ?? '-'}.`] });
    case 'lane':
      return renderLetter({
        ...common,
        fields: [...fields, ['Jalur', r.lane ? LANE_TEXT[r.lane] : '-']],
        paragraphs: [
          r.lane === 'red'
            ? 'Atas pemberitahuan pabean tersebut ditetapkan jalur merah: dilakukan pemeriksaan fisik barang dan penelitian dokumen. Siapkan barang untuk diperiksa.'
            : 'Atas pemberitahuan pabean tersebut dilakukan penelitian dokumen. Serahkan hasil cetak pemberitahuan pabean dan dokumen pelengkap pabean.',
        ],
      });
    case 'exam':
      return renderLetter({
        ...common,
        fields: [...fields, ['Jalur', r.lane ? LANE_TEXT[r.lane] : '-'], ['Tingkat Pemeriksaan', 'Pemeriksaan fisik 10% (sandbox)']],
        table: goodsTable(doc.body),
        paragraphs: ['Pejabat pemeriksa fisik diperintahkan untuk melakukan pemeriksaan fisik atas barang tersebut di atas.'],
      });
    case 'report':
      return renderLetter({
        ...common,
        fields: [...fields, ['Hasil Pemeriksaan', 'Jumlah dan jenis barang sesuai dengan pemberitahuan']],
        table: goodsTable(doc.body),
      });
    case 'release':
      return renderLetter({
        ...common,
        fields: [
          ...fields,
          ['Jalur', r.lane ? LANE_TEXT[r.lane] : '-'],
          ['Jumlah Kemasan', objects(doc.body.kemasan).map((k) => `${str(k.jumlahKemasan)} ${str(k.kodeJenisKemasan)}`).join(', ') || '-'],
          ['Bruto / Netto (kg)', `${str(doc.body.bruto)} / ${str(doc.body.netto)}`],
        ],
        table: goodsTable(doc.body),
        paragraphs: [
          doc.kodeDokumen === '30' || doc.kodeDokumen === '33'
            ? 'Barang ekspor tersebut di atas dapat dimuat ke sarana pengangkut untuk diekspor.'
            : 'Barang tersebut di atas dapat dikeluarkan dari kawasan pabean / tempat penimbunan.',
        ],
      });
  }
}

/** The document form as sent ("cetak formulir"): header, parties and goods. */
export async function renderFormPdf(doc: PdfDocument, party: PdfParty, at: Date, nomorDaftar: string | null, tanggalDaftar: string | null): Promise<Uint8Array> {
  const b = doc.body;
  return renderLetter({
    issuer: issuer(doc.kodeKantor),
    title: lookup('dokumen', doc.kodeDokumen).replace(/^\d+ - /, ''),
    subtitle: doc.state === 'draft' ? 'DRAFT - belum dikirim' : 'Pemberitahuan pabean (final)',
    issuedAt: at,
    subject: `formulir ${doc.nomorAju}`,
    keywords: [doc.nomorAju, doc.kodeDokumen, doc.state],
    fields: [
      ['Nomor Aju', doc.nomorAju],
      ['Tanggal Aju', str(b.tanggalAju)],
      ['Nomor / Tanggal Pendaftaran', nomorDaftar ? `${nomorDaftar} / ${tanggalDaftar ? dmy(tanggalDaftar) : '-'}` : '-'],
      ['Kantor Pabean', lookup('kantor', doc.kodeKantor)],
      ...partyFields(doc, party),
      ['Valuta / NDPBM', `${str(b.kodeValuta)} / ${str(b.ndpbm)}`],
      ['CIF / FOB', `${str(b.cif)} / ${str(b.fob)}`],
      ['Bruto / Netto (kg)', `${str(b.bruto)} / ${str(b.netto)}`],
      ['Tempat / Tanggal TTD', `${str(b.kotaTtd)} / ${str(b.tanggalTtd)}`],
      ['Penandatangan', `${str(b.namaTtd)} (${str(b.jabatanTtd)})`],
      ['Dicetak', `${ymd(at)}`],
    ],
    table: goodsTable(b),
  });
}
