import { Type } from '@sinclair/typebox';
import { endpoint, type Endpoint } from '../../../http/registry.ts';
import { ApiError } from '../../../http/errors.ts';
import { wibTimestamp } from '../../../http/families.ts';
import { receiveXray } from './upload.ts';
import { findForQuery, MSG, photosOf, precheck, saveXray, type XrayData } from './domain.ts';

/** The seed's two base paths (the documented `/openapi/cnpibk` and the development gateway's), plus the v2 map. */
export const XRAY_BASES = ['/openapi/cnpibk/xray', '/v2/openapi/cnpibk/xray', '/kirim-cn-pibk-barkir-public/kirim-cn-pibk-barkir/xray'];
/** The seed also gives `URL: /kirim-foto-xray` straight under the development base path. */
const DEV_BASE = '/kirim-cn-pibk-barkir-public/kirim-cn-pibk-barkir';

function xrayPaths(op: string): string[] {
  return [...XRAY_BASES.map((b) => `${b}/${op}`), `${DEV_BASE}/${op}`];
}

function success(data: unknown, message: string) {
  return { success: true, data, timestamp: wibTimestamp(), code: 200, message };
}

const TAGS = ['Barang Kiriman: X-Ray'];

function upload(mode: 'kirim' | 'add'): Endpoint {
  return endpoint({
    method: 'POST',
    paths: xrayPaths(mode === 'kirim' ? 'kirim-foto-xray' : 'add-foto-xray'),
    family: 'xray',
    multipart: true,
    summary: mode === 'kirim' ? 'Kirim Foto X-Ray: first photos of a consignment (multipart: data + images)' : 'Add Foto X-Ray: more photos for a consignment that has some',
    description:
      'multipart/form-data with a `data` part (application/json: nomorAju, nomorBlAwb, tanggalBlAwb yyyy-MM-dd, kodeKantor) and one or more `images` parts. Images are checked by their bytes, streamed to the blob store; all-or-nothing.',
    tags: TAGS,
    handler: async (req, _reply, ctx) => {
      const tenant = req.tenant;
      const { images, checked } = await receiveXray(req, ctx, tenant.companyId, (raw) => precheck(ctx, tenant, mode, raw));
      const saved = await saveXray(ctx, tenant, mode, checked as XrayData, images);
      return success(saved, mode === 'kirim' ? MSG.kirimOk : MSG.addOk);
    },
  });
}

const Query = Type.Object({
  nomorAju: Type.Optional(Type.String()),
  nomorBlAwb: Type.Optional(Type.String()),
  tanggalBlAwb: Type.Optional(Type.String()),
  kodeKantor: Type.Optional(Type.String()),
});

export const xrayEndpoints: Endpoint[] = [
  upload('kirim'),
  upload('add'),
  endpoint({
    method: 'GET',
    paths: xrayPaths('get-foto-xray'),
    family: 'xray',
    summary: 'Get Foto X-Ray by nomorAju or by nomorBlAwb + tanggalBlAwb + kodeKantor',
    tags: TAGS,
    schema: { querystring: Query },
    handler: async (req, _reply, ctx) => {
      const x = await findForQuery(ctx, req.tenant, req.query);
      if (!x) throw ApiError.notFound(MSG.getNotFound);
      const photos = await photosOf(ctx, x.id);
      return success(
        {
          nomorAju: x.nomor_aju,
          nomorBlAwb: x.nomor_bl_awb,
          tanggalBlAwb: x.tanggal_bl_awb,
          kodeKantor: x.kode_kantor,
          npwpPemberitahu: req.tenant.nitku,
          totalFotoTerupload: photos.length,
          keterangan: null,
          detail: photos.map((p) => ({ namaFile: p.nama_file, waktuRekam: p.waktu_rekam })),
        },
        MSG.getOk,
      );
    },
  }),
  endpoint({
    method: 'GET',
    paths: xrayPaths('download-foto-xray'),
    family: 'xray',
    summary: 'Download one stored X-ray photo (ceisa40 extension): by nomorAju (or BL/AWB) and urutan (1-based, the order of get-foto-xray detail) or namaFile',
    tags: TAGS,
    schema: { querystring: Type.Intersect([Query, Type.Object({ urutan: Type.Optional(Type.Integer({ minimum: 1 })), namaFile: Type.Optional(Type.String({ minLength: 1 })) })]) },
    handler: async (req, reply, ctx) => {
      const q = req.query as { urutan?: number; namaFile?: string };
      if (q.urutan === undefined && q.namaFile === undefined) {
        throw ApiError.field('/querystring/urutan', 'required', 'give urutan (1-based position in get-foto-xray detail) or namaFile');
      }
      const x = await findForQuery(ctx, req.tenant, req.query);
      if (!x) throw ApiError.notFound(MSG.getNotFound);
      const photos = await photosOf(ctx, x.id);
      const photo = q.urutan !== undefined ? photos[q.urutan - 1] : photos.find((p) => p.nama_file === q.namaFile);
      if (!photo) throw ApiError.notFound(MSG.getNotFound);
      const stream = await ctx.blobs.get(photo.blob_key);
      if (!stream) throw new ApiError(500, 'stored photo is missing from the blob store');
      const safeName = photo.nama_file.replace(/[^\w.\- ]/g, '_');
      return reply
        .type(photo.content_type)
        .header('content-length', String(photo.size_bytes))
        .header('content-disposition', `inline; filename="${safeName}"`)
        .send(stream);
    },
  }),
];
