
/** A one-page PDF with a title and lines of text (billing slips, NPE), deterministic in content. */
export async function simplePdf(title: string, lines: string[]): Promise<Buffer> {
  // loaded on the first PDF, not at start (cold start)
  const { PDFDocument, StandardFonts } = await import('pdf-lib');
  const pdf = await PDFDocument.create();
  pdf.setTitle(title);
  pdf.setProducer('ceisa40 sandbox');
  pdf.setCreationDate(new Date(0));
  pdf.setModificationDate(new Date(0));
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const page = pdf.addPage([595, 842]);
  page.drawText(title, { x: 50, y: 790, size: 16, font: bold });
  let y = 760;
  for (const line of lines) {
    page.drawText(line.replace(/[^\x20-\x7e]/g, '?'), { x: 50, y, size: 10, font });
    y -= 16;
    if (y < 40) break;
  }
  return Buffer.from(await pdf.save());
}
