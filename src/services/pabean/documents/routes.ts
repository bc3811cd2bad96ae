import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { endpoint, under, PABEAN_PREFIXES, type Endpoint } from '../../../http/registry.ts';
import { ApiError } from '../../../http/errors.ts';
import type { FieldError } from '../../../http/families.ts';
import { MAX_SCHEMA_ERRORS, UnknownSchemaVersion, type ValidationResult } from '../../../schemas/index.ts';
import { checkDocument, documentDetail, DocumentInvalid, DocumentRefused, sendDocument } from './domain.ts';

/** Header pinning the schema version a body is validated against (e.g. `0.5.7.13`); the answer's header names the version used. */
export const SCHEMA_VERSION_HEADER = 'x-ceisa-schema-version';

const Body = Type.Unknown({ description: 'The customs document (JSON object); its kodeDokumen selects the official schema (see schemas/README.md).' });
const Ok = Type.Object({ status: Type.Literal('OK'), message: Type.String(), idHeader: Type.String() });
const Failed = Type.Object({
  status: Type.Literal('Failed'),
  message: Type.String(),
  errors: Type.Optional(
    Type.Array(Type.Object({ field: Type.String(), rule: Type.String(), code: Type.Optional(Type.Integer()), message: Type.String(), detail: Type.Optional(Type.String()) })),
  ),
});
const HeadersSchema = Type.Object({ [SCHEMA_VERSION_HEADER]: Type.Optional(Type.String({ description: 'validate against this schema version only (e.g. 0.5.7.13)' })) });

/** x-ceisa-* request headers, lower-cased name -> value: hints for the lifecycle. */
export function ceisaHints(req: FastifyRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    const name = k.toLowerCase();
    if (!name.startsWith('x-ceisa-') || v === undefined) continue;
    out[name] = Array.isArray(v) ? v.join(', ') : String(v);
  }
  return out;
}

function pinnedVersion(req: FastifyRequest): string | undefined {
  const v = req.headers[SCHEMA_VERSION_HEADER];
  const s = Array.isArray(v) ? v[0] : v;
  return s && s.trim() ? s.trim() : undefined;
}

/** A failed validation as the pabean envelope: every error with its DJBC code, field pointer and the schema's message. */
function invalid(result: ValidationResult): ApiError {
  const errors: Array<FieldError & { detail: string }> = result.errors.map((e) => ({ field: e.field, rule: e.rule, code: e.code, message: e.message, detail: e.detail }));
  const first = result.errors[0];
  const count = result.truncated ? `lebih dari ${MAX_SCHEMA_ERRORS} kesalahan (${MAX_SCHEMA_ERRORS} pertama ditampilkan)` : `${result.errors.length} kesalahan`;
  const where = result.schemaVersion ? ` (${result.schemaVersion})` : '';
  const message = `Data tidak sesuai JSON Schema${where}: ${count}. ${first ? `${first.field || '(dokumen)'} [${first.code}] ${first.message}` : ''}`.trim();
  return new ApiError(400, message, errors);
}

function mapError(err: unknown, reply: FastifyReply): never {
  if (err instanceof DocumentInvalid) {
    if (err.result.schemaVersion) void reply.header(SCHEMA_VERSION_HEADER, err.result.schemaVersion);
    throw invalid(err.result);
  }
  if (err instanceof UnknownSchemaVersion) {
    throw new ApiError(400, err.message, [{ field: `/headers/${SCHEMA_VERSION_HEADER}`, rule: 'enum', message: err.message }]);
  }
  if (err instanceof DocumentRefused) {
    const status = { duplicate: 409, 'not-final': 409, 'other-kind': 409, 'not-found': 404, 'not-revisable': 400 }[err.kind];
    throw new ApiError(status, err.message, [{ field: err.field, rule: err.kind, message: err.message }]);
  }
  throw err;
}

export const documentEndpoints: Endpoint[] = [
  endpoint({
    method: 'POST',
    paths: under(PABEAN_PREFIXES, '/document'),
    family: 'pabean',
    summary: 'Kirim Dokumen: send a customs document (BC 2.0, 3.0, TPB, FTZ, PLB) as draft or final, or a revision',
    description:
      'The body is validated against the official JSON Schema its kodeDokumen selects (DJBC dialect; errors carry DJBC codes 1008 enum, 1023 pattern, 1028 mandatory, 1042 const). ' +
      'isFinal=false (default) stores a replaceable draft; isFinal=true sends it; isRevision=true revises a sent BC 3.0/TPB/PLB document. ' +
      `The response header ${SCHEMA_VERSION_HEADER} names the schema version that validated the body.`,
    tags: ['Pabean: Kirim Dokumen'],
    schema: {
      body: Body,
      querystring: Type.Object({
        isFinal: Type.Optional(Type.Boolean({ default: false, description: 'true = data langsung dikirim; false = draft (default)' })),
        isRevision: Type.Optional(Type.Boolean({ default: false, description: 'true = data perbaikan (BC 3.0, TPB, PLB)' })),
      }),
      headers: HeadersSchema,
      response: { 200: Ok, 400: Failed, 404: Failed, 409: Failed },
    },
    handler: async (req, reply, ctx) => {
      try {
        const r = await sendDocument(ctx, {
          companyId: req.tenant.companyId,
          body: req.body,
          isFinal: req.query.isFinal === true,
          isRevision: req.query.isRevision === true,
          schemaVersion: pinnedVersion(req),
          hints: ceisaHints(req),
        });
        req.log.info({ nomorAju: r.nomorAju, schemaVersion: r.schemaVersion, tried: r.validation.tried, action: r.action, state: r.state, revision: r.revision, warnings: r.validation.warnings.length }, 'document accepted');
        void reply.header(SCHEMA_VERSION_HEADER, r.schemaVersion);
        return { status: 'OK', message: 'Sukses, Data Berhasil Ditambahkan', idHeader: r.idHeader };
      } catch (err) {
        if (err instanceof DocumentInvalid) req.log.info({ schemaVersion: err.result.schemaVersion, tried: err.result.tried, errors: err.result.errors.length }, 'document rejected by schema');
        mapError(err, reply);
      }
    },
  }),
  endpoint({
    method: 'POST',
    paths: under(PABEAN_PREFIXES, '/document/check'),
    family: 'pabean',
    summary: 'Check a customs document against its official schema only (nothing is stored)',
    description: 'Same validation and the same errors as POST /document, without storing or any nomorAju rule. The answer names the schema version that validated the body and any leniency applied.',
    tags: ['Pabean: Kirim Dokumen'],
    schema: {
      body: Body,
      headers: HeadersSchema,
      response: {
        200: Type.Object({
          status: Type.Literal('OK'),
          message: Type.String(),
          kodeDokumen: Type.String(),
          jenisDokumen: Type.String(),
          schemaVersion: Type.String(),
          tried: Type.Array(Type.String()),
          warnings: Type.Array(Type.Object({ field: Type.String(), rule: Type.String(), code: Type.Integer(), message: Type.String(), detail: Type.String() })),
        }),
        400: Failed,
      },
    },
    handler: async (req, reply, ctx) => {
      try {
        const r = checkDocument(ctx, req.body, pinnedVersion(req));
        if (!r.valid) throw new DocumentInvalid(r);
        void reply.header(SCHEMA_VERSION_HEADER, r.schemaVersion!);
        return { status: 'OK', message: 'Sukses, Data Sesuai JSON Schema', kodeDokumen: r.kodeDokumen!, jenisDokumen: r.documentType!, schemaVersion: r.schemaVersion!, tried: r.tried, warnings: r.warnings };
      } catch (err) {
        mapError(err, reply);
      }
    },
  }),
  endpoint({
    method: 'GET',
    paths: under(PABEAN_PREFIXES, '/document/detail/:jenisDokumen/:nomorAju/:kodeKantor'),
    family: 'pabean',
    summary: 'Get Dokumen BC 2.3 (eks PJT) atau BC 2.7 Pemasukan',
    description:
      "A BC 2.3 or BC 2.7 document by nomorAju and kode kantor: the caller's own, or a sent one of another company that names the caller (NPWP/NITKU) as a party, e.g. the receiving TPB. Otherwise 404.",
    tags: ['Pabean: Cek Referensi'],
    schema: {
      params: Type.Object({
        jenisDokumen: Type.String({ description: '23 atau 27' }),
        nomorAju: Type.String({ description: 'nomor aju 26 digit' }),
        kodeKantor: Type.String({ description: 'kode kantor daftar dokumen TPB' }),
      }),
      response: { 200: Type.Object({ status: Type.Literal('OK'), message: Type.String(), idHeader: Type.String(), data: Type.Unknown() }), 404: Failed },
    },
    handler: async (req, _reply, ctx) => {
      const { jenisDokumen, nomorAju, kodeKantor } = req.params;
      if (jenisDokumen !== '23' && jenisDokumen !== '27') {
        throw ApiError.field('/params/jenisDokumen', 'enum', `jenisDokumen diisi 23 atau 27 (got "${jenisDokumen}")`);
      }
      if (!/^[A-Za-z0-9]{26}$/.test(nomorAju)) {
        throw new ApiError(400, 'nomorAju harus 26 karakter huruf/angka', [{ field: '/params/nomorAju', rule: 'pattern', code: 1023, message: 'nomorAju harus 26 karakter huruf/angka' }]);
      }
      const d = await documentDetail(ctx, req.tenant, { jenisDokumen, nomorAju, kodeKantor });
      if (!d) throw new ApiError(404, 'Data Tidak Ditemukan');
      return { status: 'OK', message: 'Data Ditemukan', idHeader: d.idHeader, data: d.body };
    },
  }),
];
