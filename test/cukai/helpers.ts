import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument } from 'pdf-lib';
import type { TestApp } from '../helpers/app.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const FIXTURES = path.join(HERE, 'fixtures');

/** A docs example request body, verbatim (test/cukai/fixtures, copied from the pages). */
export function rekamExample(kind: 'ht' | 'mmea' | 'ea'): Record<string, any> {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, `rekam-${kind}.json`), 'utf8'));
}

export function rekamExampleText(kind: 'ht' | 'mmea' | 'ea'): string {
  return fs.readFileSync(path.join(FIXTURES, `rekam-${kind}.json`), 'utf8');
}

/** The docs' response examples (the same file the demo seed is built from). */
export const DOCS = JSON.parse(fs.readFileSync(path.join(HERE, '../../src/services/cukai/examples/docs-examples.json'), 'utf8')) as Record<string, any>;

export interface Part {
  name: string;
  value: string | Buffer;
  filename?: string;
  contentType?: string;
}

/** Parts of a docs multipart example, in the page's order (`--boundary` separated). */
export function perbaikanExampleParts(kind: 'ht' | 'mmea' | 'ea'): Part[] {
  const text = fs.readFileSync(path.join(FIXTURES, `perbaikan-${kind}.txt`), 'utf8');
  const parts: Part[] = [];
  for (const chunk of text.split(/^--boundary(?:--)?\s*$/m)) {
    const m = /Content-Disposition: form-data; name="([^"]+)"\n\n([\s\S]*?)\n*$/.exec(chunk.replace(/^\n/, ''));
    if (m) parts.push({ name: m[1]!, value: m[2]! });
  }
  return parts;
}

let pdfCache: Buffer | undefined;
export async function pdf(): Promise<Buffer> {
  if (!pdfCache) {
    const doc = await PDFDocument.create();
    doc.addPage([200, 200]).drawText('Surat perbaikan CK-4');
    pdfCache = Buffer.from(await doc.save());
  }
  return pdfCache;
}

/** The docs' HT example with its `(binary)` placeholder replaced by a real PDF file part. */
export async function perbaikanHtParts(): Promise<Part[]> {
  const file = await pdf();
  return perbaikanExampleParts('ht').map((p) => (p.name === 'dokumen' ? { name: 'dokumen', value: file, filename: 'surat-perbaikan.pdf', contentType: 'application/pdf' } : p));
}

const BOUNDARY = 'boundary';

/** A multipart/form-data body exactly as the pages write it (boundary "boundary", CRLF lines). */
export function multipart(parts: Part[]): { payload: Buffer; headers: Record<string, string> } {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    let head = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${p.name}"`;
    if (p.filename !== undefined) head += `; filename="${p.filename}"\r\nContent-Type: ${p.contentType ?? 'application/octet-stream'}`;
    chunks.push(Buffer.from(`${head}\r\n\r\n`), Buffer.isBuffer(p.value) ? p.value : Buffer.from(p.value), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` } };
}

export function setPart(parts: Part[], name: string, value: string | null): Part[] {
  const out = parts.filter((p) => p.name !== name);
  if (value !== null) out.push({ name, value });
  return out;
}

export async function counts(app: TestApp): Promise<{ ck4: number; versions: number; blobs: number }> {
  const ck4 = Number((await app.ctx.db.selectFrom('cukai_ck4').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const versions = Number((await app.ctx.db.selectFrom('cukai_ck4_versions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const blobs = (await app.ctx.blobs.list('cukai/')).length;
  return { ck4, versions, blobs };
}

export async function snapshot(app: TestApp): Promise<string> {
  const rows = await app.ctx.db.selectFrom('cukai_ck4').select(['id', 'version', 'doc', 'status']).orderBy('id').execute();
  return JSON.stringify({ rows, counts: await counts(app) });
}
