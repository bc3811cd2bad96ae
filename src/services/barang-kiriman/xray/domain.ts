import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AppContext } from '../../../context.ts';
import type { Tenant } from '../../../auth/repo.ts';
import type { DB } from '../../../store/schema.ts';
import { ApiError } from '../../../http/errors.ts';
import type { FieldError } from '../../../http/families.ts';
import { wibTimestamp } from '../../../http/families.ts';
import { isUniqueViolation } from '../../../store/db.ts';
import { timeline } from '../../../lifecycle/timeline.ts';
import { referenceRow } from '../../../reference/index.ts';
import { iso } from '../../../store/time.ts';
import type { BarkirXrayRow } from '../../../store/migrations/0020_barang_kiriman.ts';
import { isDate, wib } from '../common.ts';
import { SUBJECT } from '../repo.ts';
import { uraianStatus } from '../impor/lifecycle.ts';
import { discard, type StoredImage } from './upload.ts';

export interface XrayData {
  nomorAju: string;
  nomorBlAwb: string;
  tanggalBlAwb: string;
  kodeKantor: string;
}

const FIELDS = ['nomorAju', 'nomorBlAwb', 'tanggalBlAwb', 'kodeKantor'] as const;

/** The `data` part: the four strings the seed lists, a real yyyy-MM-dd date and a known office. */
export function validateXrayData(raw: unknown): XrayData {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw ApiError.field('/data', 'type', 'the "data" part must be a JSON object with nomorAju, nomorBlAwb, tanggalBlAwb and kodeKantor');
  }
  const o = raw as Record<string, unknown>;
  const errors: FieldError[] = [];
  for (const f of FIELDS) {
    const v = o[f];
    if (v === undefined || v === null) errors.push({ field: `/data/${f}`, rule: 'required', message: `/data/${f} is required` });
    else if (typeof v !== 'string') errors.push({ field: `/data/${f}`, rule: 'type', message: `/data/${f} must be a string` });
    else if (!v.trim()) errors.push({ field: `/data/${f}`, rule: 'minLength', message: `/data/${f} must not be empty` });
  }
  if (typeof o.tanggalBlAwb === 'string' && o.tanggalBlAwb.trim() && !isDate(o.tanggalBlAwb)) {
    errors.push({ field: '/data/tanggalBlAwb', rule: 'format', message: `/data/tanggalBlAwb must be a date in yyyy-MM-dd format (got "${o.tanggalBlAwb}")` });
  }
  if (typeof o.kodeKantor === 'string' && o.kodeKantor.trim() && !referenceRow('kantor', o.kodeKantor)) {
    errors.push({ field: '/data/kodeKantor', rule: 'reference', message: `/data/kodeKantor "${o.kodeKantor}" is not an office of the Referensi Kantor table` });
  }
  if (errors.length) {
    throw ApiError.badRequest(errors.length === 1 ? errors[0]!.message : `${errors[0]!.message} (and ${errors.length - 1} more)`, errors);
  }
  return { nomorAju: o.nomorAju as string, nomorBlAwb: o.nomorBlAwb as string, tanggalBlAwb: o.tanggalBlAwb as string, kodeKantor: o.kodeKantor as string };
}

/** The seed's answers that are HTTP 200 with `code: 404` in the body. */
export function notFound200(message: string): ApiError {
  return ApiError.exact(200, { success: false, data: null, timestamp: wibTimestamp(), code: 404, message }, message);
}

export const MSG = {
  kirimOk: 'Sukses Kirim Foto Xray',
  addOk: 'Sukses Menambah Foto Xray',
  getOk: 'Sukses Mengambil Data Foto X-Ray',
  blAwbNotFound: 'Gagal Kirim Foto Xray, Data BL/AWB CN tidak ditemukan',
  exists: 'Data X-Ray sudah ada, silahkan gunakan API add untuk menambah foto',
  addNotFound: 'Data Foto Xray tidak ditemukan',
  getNotFound: 'Data Foto Xray tidak ditemukan atas request yang diminta',
};

/** The consignment (sent with Kirim Dokumen Barang Kiriman) that this BL/AWB belongs to, or null. */
export async function consignmentOf(db: Kysely<DB>, companyId: string, d: XrayData): Promise<{ id: string } | null> {
  const doc = await db
    .selectFrom('barkir_documents')
    .select(['id', 'nomor_barang', 'tanggal', 'kode_kantor', 'body'])
    .where('company_id', '=', companyId)
    .where('kind', '=', 'cnpibk')
    .where('nomor_aju', '=', d.nomorAju)
    .executeTakeFirst();
  if (!doc) return null;
  const body = JSON.parse(doc.body) as Record<string, unknown>;
  const awbMatches = doc.nomor_barang === d.nomorBlAwb || body.nomorHouse === d.nomorBlAwb;
  if (!awbMatches || doc.tanggal !== d.tanggalBlAwb || doc.kode_kantor !== d.kodeKantor) return null;
  return { id: doc.id };
}

async function findXray(db: Kysely<DB>, companyId: string, d: XrayData): Promise<BarkirXrayRow | undefined> {
  return db
    .selectFrom('barkir_xray')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('nomor_aju', '=', d.nomorAju)
    .where('nomor_bl_awb', '=', d.nomorBlAwb)
    .where('tanggal_bl_awb', '=', d.tanggalBlAwb)
    .where('kode_kantor', '=', d.kodeKantor)
    .executeTakeFirst();
}

/** Early refusal while the request is still streaming (re-checked in the transaction). */
export async function precheck(ctx: AppContext, tenant: Tenant, mode: 'kirim' | 'add', raw: unknown): Promise<XrayData> {
  const d = validateXrayData(raw);
  if (mode === 'kirim') {
    if (!(await consignmentOf(ctx.db, tenant.companyId, d))) throw notFound200(MSG.blAwbNotFound);
    const existing = await ctx.db.selectFrom('barkir_xray').select('id').where('company_id', '=', tenant.companyId).where('nomor_aju', '=', d.nomorAju).executeTakeFirst();
    if (existing) throw ApiError.conflict(MSG.exists);
  } else if (!(await findXray(ctx.db, tenant.companyId, d))) {
    throw notFound200(MSG.addNotFound);
  }
  return d;
}

export interface XraySaved {
  nomorAju: string;
  nomorBlAwb: string;
  tanggalBlAwb: string;
  kodeKantor: string;
  npwpPemberitahu: string;
  jumlahFotoTerupload: number;
  keterangan: string;
}

/** Records the photos (the images are already in the blob store); on any failure the blobs go too. */
export async function saveXray(ctx: AppContext, tenant: Tenant, mode: 'kirim' | 'add', d: XrayData, images: StoredImage[]): Promise<XraySaved> {
  try {
    const now = await ctx.clock.now(tenant.companyId);
    await ctx.db.transaction().execute(async (trx) => {
      let xrayId: string;
      if (mode === 'kirim') {
        const doc = await consignmentOf(trx, tenant.companyId, d);
        if (!doc) throw notFound200(MSG.blAwbNotFound);
        const existing = await trx.selectFrom('barkir_xray').select('id').where('company_id', '=', tenant.companyId).where('nomor_aju', '=', d.nomorAju).executeTakeFirst();
        if (existing) throw ApiError.conflict(MSG.exists);
        xrayId = randomUUID();
        await trx
          .insertInto('barkir_xray')
          .values({ id: xrayId, company_id: tenant.companyId, document_id: doc.id, nomor_aju: d.nomorAju, nomor_bl_awb: d.nomorBlAwb, tanggal_bl_awb: d.tanggalBlAwb, kode_kantor: d.kodeKantor, created_at: iso(Date.now()) })
          .execute();
        await timeline.schedule(trx, tenant.companyId, SUBJECT, doc.id, [
          { kind: 'status', code: '102', dueAt: now, payload: { uraian: uraianStatus('102'), keterangan: `${images.length} foto x-ray diterima` } },
        ]);
      } else {
        const x = await findXray(trx, tenant.companyId, d);
        if (!x) throw notFound200(MSG.addNotFound);
        xrayId = x.id;
      }
      const base = Date.now();
      await trx
        .insertInto('barkir_xray_photos')
        .values(
          images.map((img, i) => ({
            id: randomUUID(),
            xray_id: xrayId,
            company_id: tenant.companyId,
            blob_key: img.key,
            nama_file: img.namaFile,
            content_type: img.contentType,
            size_bytes: img.size,
            waktu_rekam: wib(now),
            created_at: iso(base + i),
          })),
        )
        .execute();
    });
  } catch (err) {
    await discard(ctx, images);
    if (isUniqueViolation(err)) throw ApiError.conflict(MSG.exists);
    throw err;
  }
  return { ...d, npwpPemberitahu: tenant.nitku, jumlahFotoTerupload: images.length, keterangan: 'Sukses Upload Foto' };
}

export interface XrayQuery {
  nomorAju?: string;
  nomorBlAwb?: string;
  tanggalBlAwb?: string;
  kodeKantor?: string;
}

/** Get Foto X-Ray by nomorAju, or by nomorBlAwb + tanggalBlAwb + kodeKantor. */
export async function findForQuery(ctx: AppContext, tenant: Tenant, q: XrayQuery): Promise<BarkirXrayRow | undefined> {
  const byAju = Boolean(q.nomorAju);
  const byAwb = Boolean(q.nomorBlAwb || q.tanggalBlAwb || q.kodeKantor);
  if (!byAju && !byAwb) {
    throw ApiError.field('/querystring/nomorAju', 'required', 'give nomorAju, or nomorBlAwb with tanggalBlAwb and kodeKantor');
  }
  let qb = ctx.db.selectFrom('barkir_xray').selectAll().where('company_id', '=', tenant.companyId);
  if (q.nomorAju) qb = qb.where('nomor_aju', '=', q.nomorAju);
  if (byAwb) {
    const errors: FieldError[] = [];
    for (const f of ['nomorBlAwb', 'tanggalBlAwb', 'kodeKantor'] as const) {
      if (!q[f]) errors.push({ field: `/querystring/${f}`, rule: 'required', message: `/querystring/${f} is required when searching by BL/AWB` });
    }
    if (q.tanggalBlAwb && !isDate(q.tanggalBlAwb)) errors.push({ field: '/querystring/tanggalBlAwb', rule: 'format', message: `/querystring/tanggalBlAwb must be a date in yyyy-MM-dd format (got "${q.tanggalBlAwb}")` });
    if (errors.length) throw ApiError.badRequest(errors[0]!.message, errors);
    qb = qb.where('nomor_bl_awb', '=', q.nomorBlAwb!).where('tanggal_bl_awb', '=', q.tanggalBlAwb!).where('kode_kantor', '=', q.kodeKantor!);
  }
  return qb.orderBy('created_at', 'desc').executeTakeFirst();
}

export async function photosOf(ctx: AppContext, xrayId: string) {
  return ctx.db.selectFrom('barkir_xray_photos').selectAll().where('xray_id', '=', xrayId).orderBy('created_at').orderBy('id').execute();
}
