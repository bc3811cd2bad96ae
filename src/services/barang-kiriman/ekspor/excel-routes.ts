import type { FastifyRequest } from 'fastify';
import type { Multipart } from '@fastify/multipart';
import { endpoint, type Endpoint } from '../../../http/registry.ts';
import { ApiError } from '../../../http/errors.ts';
import { drain, drainRemainingParts } from '../../../http/multipart.ts';
import type { AppContext } from '../../../context.ts';
import { ok } from '../common.ts';
import { FILE_FIELDS, MAX_ROWS, XLSX_MIME, openWorkbook, sendWorkbook, templateWorkbook, workbookToBodies } from './excel.ts';

const TAGS = ['Barang Kiriman: Ekspor'];
const EBK = '/h2h-ebk-parser-service/openapi';


function tooLarge(max: number): ApiError {
  return new ApiError(413, `the workbook is larger than ${max} bytes`, [{ field: '/file', rule: 'maxSize', message: `/file must be at most ${max} bytes` }]);
}

/**
 * Reads the one workbook file part (`file` or `excel`) of a multipart request into memory (an
 * xlsx is a ZIP: it cannot be read front to back), at most `ctx.config.upload.maxFileBytes`.
 * Text parts are ignored; any other file part is refused.
 */
export async function receiveWorkbook(req: FastifyRequest, ctx: AppContext): Promise<{ bytes: Buffer; filename: string; field: string }> {
  const max = ctx.config.upload.maxFileBytes;
  if (!req.isMultipart()) {
    throw new ApiError(415, `Content-Type must be multipart/form-data with the workbook in a file part named "file" (got "${req.headers['content-type'] ?? 'none'}")`);
  }
  let found: { bytes: Buffer; filename: string; field: string } | undefined;
  const iterator = req.parts({ limits: { fileSize: max, files: 5 } })[Symbol.asyncIterator]();
  try {
    for (;;) {
      const r = await iterator.next();
      if (r.done) break;
      const part = r.value as Multipart;
      if (part.type !== 'file') {
        if ((FILE_FIELDS as readonly string[]).includes(part.fieldname)) throw ApiError.field(`/${part.fieldname}`, 'type', `the "${part.fieldname}" part must be a file (a multipart part with a filename), the .xlsx workbook`);
        continue;
      }
      if (!(FILE_FIELDS as readonly string[]).includes(part.fieldname)) {
        await drain(part.file);
        throw ApiError.field(`/${part.fieldname}`, 'part', `unexpected file part "${part.fieldname}": send the workbook as the one file part "file" (or "excel")`);
      }
      if (found) {
        await drain(part.file);
        throw ApiError.field(`/${part.fieldname}`, 'maxItems', 'send exactly one workbook per request (one file part "file" or "excel")');
      }
      const chunks: Buffer[] = [];
      for await (const c of part.file as AsyncIterable<Buffer>) chunks.push(c);
      if (part.file.truncated) throw tooLarge(max);
      found = { bytes: Buffer.concat(chunks), filename: part.filename, field: part.fieldname };
    }
  } catch (err) {
    if (err instanceof ApiError) {
      // read what is left, so the client gets this answer rather than a reset connection
      await drainRemainingParts(iterator as AsyncIterator<Multipart>);
      throw err;
    }
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(max);
    if (code === 'FST_FILES_LIMIT') throw ApiError.field('/file', 'maxItems', 'send exactly one workbook per request (one file part "file" or "excel")');
    throw err;
  }
  if (!found) throw ApiError.field('/file', 'required', 'the multipart file part "file" (or "excel") with the .xlsx workbook is required');
  if (!found.bytes.length) throw ApiError.field(`/${found.field}`, 'minLength', `the "${found.field}" part is empty`);
  return found;
}

export const excelEndpoints: Endpoint[] = [
  endpoint({
    method: 'POST',
    paths: [`${EBK}/excel`],
    family: 'barkir',
    summary: 'Kirim Data Excel CN-PKBK: CN ekspor and PKBK documents as one .xlsx workbook',
    description:
      'multipart/form-data with one file part `file` (or `excel`): an .xlsx workbook laid out as GET /excel/template gives it (sheets CN, CN_BARANG, CN_DOKUMEN, ' +
      'CN_BARANG_DOKUMEN, CN_BARANG_TARIF, CN_SURAT, PKBK, PKBK_CN; header row = the JSON field names of /cn and /pkbk). The rows become the /cn and /pkbk ' +
      `bodies, checked by the same rules, stored in one transaction; answers the items /cn then /pkbk answer. Errors name /<sheet>/<row>/<column>. At most ${MAX_ROWS} data rows per sheet.`,
    tags: TAGS,
    multipart: true,
    handler: async (req, _r, ctx) => {
      const upload = await receiveWorkbook(req, ctx);
      const wb = await openWorkbook(upload.bytes, upload.field);
      return ok(await sendWorkbook(ctx, req.tenant, workbookToBodies(wb)));
    },
  }),
  endpoint({
    method: 'GET',
    paths: [`${EBK}/excel/template`],
    family: 'barkir',
    summary: 'ceisa40 extension: the empty Kirim Data Excel CN-PKBK workbook (.xlsx) with its PETUNJUK sheet',
    tags: TAGS,
    handler: async (_req, reply) => {
      const bytes = await templateWorkbook();
      return reply.type(XLSX_MIME).header('content-length', String(bytes.length)).header('content-disposition', 'attachment; filename="template-cn-pkbk.xlsx"').send(bytes);
    },
  }),
];
