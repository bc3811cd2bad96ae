// pdf-lib is loaded on the first PDF, not at start (it is a quarter of a second of the cold start)
import type { PDFDocument, PDFFont, PDFPage } from 'pdf-lib';

/** A one-or-more-page official letter: heading, numbered fields, a table, paragraphs, signature. */
export interface LetterSpec {
  /** e.g. KEMENTERIAN KEUANGAN REPUBLIK INDONESIA / DIREKTORAT JENDERAL BEA DAN CUKAI / KANTOR ... */
  issuer: string[];
  title: string;
  subtitle?: string;
  /** label/value rows */
  fields: [string, string][];
  table?: { head: string[]; rows: string[][]; widths?: number[] };
  paragraphs?: string[];
  signature?: string[];
  /** PDF metadata: the instant the letter was issued (makes the output deterministic) */
  issuedAt: Date;
  subject?: string;
  /** identifiers of the letter (kode respon, nomor aju, kode billing, ...) in the PDF's Keywords */
  keywords?: string[];
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 50;

/** Standard fonts speak WinAnsi: anything outside printable Latin-1 becomes '?'. */
function safe(s: string): string {
  return s.replace(/[\t\r\n]+/g, ' ').replace(/[^\x20-\x7e\xa0-\xff]/g, '?');
}

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const words = safe(text).split(' ');
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    const next = line ? `${line} ${w}` : w;
    if (font.widthOfTextAtSize(next, size) <= width) {
      line = next;
      continue;
    }
    if (line) lines.push(line);
    // a single word wider than the line is cut
    let rest = w;
    while (font.widthOfTextAtSize(rest, size) > width && rest.length > 1) {
      let n = rest.length;
      while (n > 1 && font.widthOfTextAtSize(rest.slice(0, n), size) > width) n--;
      lines.push(rest.slice(0, n));
      rest = rest.slice(n);
    }
    line = rest;
  }
  if (line || !lines.length) lines.push(line);
  return lines;
}

/** The metadata of every PDF of the sandbox; dates are the letter's issue time (deterministic output). */
function setMetadata(pdf: PDFDocument, meta: { title: string; subject?: string; keywords?: string[]; issuedAt: Date }): void {
  pdf.setTitle(safe(meta.title));
  if (meta.subject) pdf.setSubject(safe(meta.subject));
  if (meta.keywords?.length) pdf.setKeywords(meta.keywords.map(safe));
  pdf.setAuthor('Direktorat Jenderal Bea dan Cukai (ceisa40 sandbox)');
  pdf.setProducer('ceisa40');
  pdf.setCreator('ceisa40');
  pdf.setCreationDate(meta.issuedAt);
  pdf.setModificationDate(meta.issuedAt);
}

/**
 * Renders a letter with pdf-lib and the standard Helvetica fonts. Deterministic: the same
 * spec gives the same bytes (creation and modification dates are the letter's issue time).
 */
export async function renderLetter(spec: LetterSpec): Promise<Uint8Array> {
  const { PDFDocument, StandardFonts, rgb } = await import('pdf-lib');
  const pdf = await PDFDocument.create({ updateMetadata: false });
  setMetadata(pdf, spec);
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const width = A4[0] - 2 * MARGIN;
  let page: PDFPage = pdf.addPage(A4);
  let y = A4[1] - MARGIN;
  const need = (h: number) => {
    if (y - h < MARGIN) {
      page = pdf.addPage(A4);
      y = A4[1] - MARGIN;
    }
  };
  const text = (s: string, x: number, size: number, font: PDFFont) => page.drawText(safe(s), { x, y, size, font, color: rgb(0, 0, 0) });

  for (const line of spec.issuer) {
    need(12);
    text(line, MARGIN, 9, bold);
    y -= 12;
  }
  y -= 4;
  page.drawLine({ start: { x: MARGIN, y }, end: { x: A4[0] - MARGIN, y }, thickness: 1 });
  y -= 24;
  for (const line of wrap(spec.title, bold, 13, width)) {
    need(16);
    text(line, MARGIN + (width - bold.widthOfTextAtSize(line, 13)) / 2, 13, bold);
    y -= 16;
  }
  if (spec.subtitle) {
    for (const line of wrap(spec.subtitle, regular, 10, width)) {
      need(13);
      text(line, MARGIN + (width - regular.widthOfTextAtSize(line, 10)) / 2, 10, regular);
      y -= 13;
    }
  }
  y -= 12;
  const labelW = 170;
  for (const [label, value] of spec.fields) {
    const lines = wrap(value || '-', regular, 9.5, width - labelW - 10);
    need(12 * lines.length + 2);
    text(label, MARGIN, 9.5, bold);
    text(':', MARGIN + labelW - 8, 9.5, regular);
    for (const l of lines) {
      text(l, MARGIN + labelW, 9.5, regular);
      y -= 12;
    }
    y -= 2;
  }
  if (spec.table) {
    y -= 8;
    const cols = spec.table.head.length;
    const widths = spec.table.widths ?? Array.from({ length: cols }, () => width / cols);
    const row = (cells: string[], font: PDFFont) => {
      const wrapped = cells.map((c, i) => wrap(c, font, 8.5, widths[i]! - 6));
      const h = Math.max(...wrapped.map((w) => w.length)) * 11 + 4;
      need(h);
      let x = MARGIN;
      for (let i = 0; i < cols; i++) {
        page.drawRectangle({ x, y: y - h + 9, width: widths[i]!, height: h, borderWidth: 0.5, borderColor: rgb(0, 0, 0) });
        let yy = y;
        for (const l of wrapped[i]!) {
          page.drawText(l, { x: x + 3, y: yy, size: 8.5, font });
          yy -= 11;
        }
        x += widths[i]!;
      }
      y -= h;
    };
    row(spec.table.head, bold);
    for (const r of spec.table.rows) row(r, regular);
  }
  for (const p of spec.paragraphs ?? []) {
    y -= 8;
    for (const l of wrap(p, regular, 9.5, width)) {
      need(12);
      text(l, MARGIN, 9.5, regular);
      y -= 12;
    }
  }
  if (spec.signature?.length) {
    y -= 24;
    for (const l of spec.signature) {
      need(12);
      text(l, A4[0] - MARGIN - 200, 9.5, regular);
      y -= 12;
    }
  }
  return pdf.save({ useObjectStreams: false });
}

/**
 * Several PDFs as one (their pages in order), e.g. the day's NPE letters. Deterministic like
 * the letters: the metadata dates are `issuedAt`.
 */
export async function combinePdfs(parts: Uint8Array[], meta: { title: string; keywords?: string[]; issuedAt: Date }): Promise<Uint8Array> {
  const { PDFDocument } = await import('pdf-lib');
  const out = await PDFDocument.create({ updateMetadata: false });
  setMetadata(out, meta);
  for (const bytes of parts) {
    const src = await PDFDocument.load(bytes, { updateMetadata: false });
    for (const page of await out.copyPages(src, src.getPageIndices())) out.addPage(page);
  }
  return out.save({ useObjectStreams: false });
}
