import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { endpoint, type Endpoint } from '../../../http/registry.ts';
import { ApiError } from '../../../http/errors.ts';
import type { FieldError } from '../../../http/families.ts';
import type { AppContext } from '../../../context.ts';
import type { Tenant } from '../../../auth/repo.ts';
import type { PlannedEvent, TimelineEvent } from '../../../lifecycle/timeline.ts';
import { cnpibk, ok } from '../common.ts';
import { dueEvents, findByBarang, insertDocument, pullChannel, type BarkirDocument } from '../repo.ts';
import { discountReference } from '../referensi/routes.ts';

const TAGS = ['Barang Kiriman: Marketplace (E-Catalogue, E-Invoice)'];
const MIN = 60_000;
const str = { type: 'string' } as const;

const CATALOGUE_FIELDS = ['categoryCode', 'countryCode', 'currencyTypeCode', 'description', 'elementDescription', 'identityQualifierCode', 'marketplaceName', 'measurementUnit', 'sellerId', 'startingDate', 'valueAmount'];

/**
 * JSONSchema Kirim Data E-Catalogue (draft-06, additionalProperties false). Its `format:
 * integer` on strings: valueAmount must be a digit string; measurementUnit is not checked
 * for it, because the page's own example sends "PCE".
 */
export const CATALOGUE_BODY = {
  type: 'array',
  minItems: 1,
  items: {
    type: 'object',
    additionalProperties: false,
    properties: { ...Object.fromEntries(CATALOGUE_FIELDS.map((k) => [k, str])), startingDate: { type: 'string', format: 'date' }, valueAmount: { type: 'string', pattern: '^\\d+$' } },
    required: CATALOGUE_FIELDS,
  },
} as const;

const COMMODITY_FIELDS = ['countQuantity', 'discountProvider', 'discountType', 'discountValue', 'exitToEntryChargeAmount', 'identityQualifierCode', 'measurementUnit', 'orderUrl'];
const INVOICE_FIELDS = ['buyerName', 'buyerPhoneNumber', 'currencyTypeCode', 'exchangeRate', 'invoiceDate', 'invoiceNumber', 'invoiceURL', 'marketplaceName'];

/** JSONSchema Kirim Data E-Invoice (draft-04 array; its one-element `items` lists check every element). */
export const INVOICE_BODY = {
  type: 'array',
  minItems: 1,
  items: {
    type: 'object',
    properties: {
      ...Object.fromEntries(INVOICE_FIELDS.map((k) => [k, str])),
      commodity: { type: 'array', items: { type: 'object', properties: Object.fromEntries(COMMODITY_FIELDS.map((k) => [k, str])), required: COMMODITY_FIELDS } },
    },
    required: ['buyerName', 'buyerPhoneNumber', 'commodity', ...INVOICE_FIELDS.slice(2)],
  },
} as const;

/** `2023-09-14 10:07:34.049` (WIB, milliseconds) */
function wibMs(isoText: string): string {
  const t = new Date(Date.parse(isoText) + 7 * 3600_000).toISOString();
  return `${t.slice(0, 10)} ${t.slice(11, 23)}`;
}

const RECEIVED = 'Data Received, waiting for CEISA validation';

/**
 * E-Catalogue life: T+1m 200 "E-Catalogue Sent Successfully", or 900 "Redundant E-Catalogue
 * Data" when the company already has an accepted catalogue with that identityQualifierCode and
 * startingDate (in the database or earlier in the same request).
 */
async function sendCatalogue(ctx: AppContext, tenant: Tenant, items: Record<string, string>[]) {
  const now = await ctx.clock.now(tenant.companyId);
  const at = new Date(now.getTime() + MIN);
  return ctx.db.transaction().execute(async (trx) => {
    const out: unknown[] = [];
    const accepted = new Set<string>();
    for (const c of items) {
      const key = `${c.identityQualifierCode}|${c.startingDate}`;
      const earlier = (await findByBarang(trx, tenant.companyId, 'e-catalogue', c.identityQualifierCode!)).some((d) => d.tanggal === c.startingDate && d.info.outcome === '200');
      const redundant = earlier || accepted.has(key);
      if (!redundant) accepted.add(key);
      const code = redundant ? '900' : '200';
      const ev: PlannedEvent = { kind: 'status', code, dueAt: at, payload: { statusDescription: redundant ? 'Redundant E-Catalogue Data' : 'E-Catalogue Sent Successfully' } };
      await insertDocument(trx, tenant.companyId, now, { kind: 'e-catalogue', nomorAju: randomUUID(), nomorBarang: c.identityQualifierCode, tanggal: c.startingDate, body: c, info: { outcome: code } }, [ev]);
      out.push({
        status: '100',
        data: `Catalogue identityQualifierCode ${c.identityQualifierCode} starting date ${c.startingDate}`,
        catalogue: {
          marketplaceName: c.marketplaceName,
          identityQualifierCode: c.identityQualifierCode,
          categoryCode: c.categoryCode,
          description: c.description,
          elementDescription: c.elementDescription,
          currencyTypeCode: c.currencyTypeCode,
          valueAmount: c.valueAmount,
          measurementUnit: c.measurementUnit,
          sellerId: c.sellerId,
          countryCode: c.countryCode,
          startingDate: c.startingDate,
        },
        messages: [RECEIVED],
      });
    }
    return out;
  });
}

function catalogueItem(doc: BarkirDocument, e: TimelineEvent, no: number) {
  const b = doc.body as Record<string, string>;
  const base = { no, identityQualifierCode: b.identityQualifierCode, statusDescription: String(e.payload.statusDescription), statusCode: e.code };
  if (e.code !== '200') return { ...base, receivedTime: wibMs(doc.submittedAt) };
  return {
    ...base,
    startingDate: b.startingDate,
    currencyTypeCode: b.currencyTypeCode,
    valueAmount: b.valueAmount,
    measurementUnit: b.measurementUnit,
    itemDescription: b.description,
    sellerId: b.sellerId,
    receivedTime: wibMs(doc.submittedAt),
  };
}

const PageQuery = Type.Object({
  identityQualifierCode: Type.Optional(Type.String({ minLength: 1 })),
  page: Type.Integer({ minimum: 1, default: 1 }),
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 10 }),
});

async function catalogueResponses(req: FastifyRequest<{ Querystring: { identityQualifierCode?: string; page: number; limit: number } }>, ctx: AppContext) {
  const { identityQualifierCode, page, limit } = req.query;
  const tenant = req.tenant;
  const now = await ctx.clock.now(tenant.companyId);
  if (identityQualifierCode) {
    const docs = await findByBarang(ctx.db, tenant.companyId, 'e-catalogue', identityQualifierCode);
    const byId = new Map(docs.map((d) => [d.id, d]));
    const events = await dueEvents(ctx.db, tenant.companyId, docs.map((d) => d.id), now);
    const slice = events.slice((page - 1) * limit, page * limit);
    return { totalData: events.length, data: slice.map((e, i) => catalogueItem(byId.get(e.subjectId)!, e, (page - 1) * limit + i + 1)), totalPage: Math.ceil(events.length / limit), message: 'Success', status: true };
  }
  // Without a code: the responses not taken before, `limit` at a time (each delivered once).
  const { events, docs } = await pullChannel(ctx.db, tenant.companyId, 'e-catalogue', 'e-catalogue', now, {}, limit);
  return { totalData: events.length, data: events.map((e, i) => catalogueItem(docs.get(e.subjectId)!, e, i + 1)), totalPage: events.length ? 1 : 0, message: 'Success', status: true };
}

/**
 * E-Invoice life: T+1m one response: 100 when every commodity's SKU has an accepted
 * e-catalogue of the company starting on or before the invoice date, else 900 naming the
 * SKUs not found.
 */
async function sendInvoice(ctx: AppContext, tenant: Tenant, items: Record<string, unknown>[]) {
  const discounts = discountReference();
  const types = new Set(['', ...discounts.discountType.map((r) => r.kode)]);
  const providers = new Set(['', ...discounts.discountProvider.map((r) => r.kode)]);
  const errors: FieldError[] = [];
  items.forEach((inv, i) =>
    (inv.commodity as Record<string, string>[]).forEach((c, j) => {
      if (!types.has(c.discountType!)) errors.push({ field: `/${i}/commodity/${j}/discountType`, rule: 'reference', message: `/${i}/commodity/${j}/discountType must be "" or a Discount Type code 1-9 (Referensi Discount)` });
      if (!providers.has(c.discountProvider!)) errors.push({ field: `/${i}/commodity/${j}/discountProvider`, rule: 'reference', message: `/${i}/commodity/${j}/discountProvider must be "" or a Discount Provider code 1-3 (Referensi Discount)` });
    }),
  );
  if (errors.length) throw ApiError.badRequest(`Request body is invalid: ${errors[0]!.message}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}`, errors);
  const now = await ctx.clock.now(tenant.companyId);
  return ctx.db.transaction().execute(async (trx) => {
    const out: unknown[] = [];
    for (const inv of items) {
      const invoiceNumber = String(inv.invoiceNumber);
      const invoiceDate = String(inv.invoiceDate);
      const notes: string[] = [];
      let found = true;
      for (const c of inv.commodity as Record<string, string>[]) {
        const sku = c.identityQualifierCode!;
        const cats = (await findByBarang(trx, tenant.companyId, 'e-catalogue', sku)).filter((d) => d.info.outcome === '200' && (d.tanggal ?? '') <= invoiceDate);
        if (cats.length) {
          notes.push(`Catalogue SKU Number ${sku} found in ${invoiceDate} for invoice ${invoiceNumber}`, `Catalogue SKU Number ${sku} price valid for Invoice number ${invoiceNumber} invoice date ${invoiceDate}`);
        } else {
          found = false;
          notes.push(`Catalogue SKU Number ${sku} not found in ${invoiceDate} for invoice ${invoiceNumber}`);
        }
      }
      const code = found ? '100' : '900';
      await insertDocument(trx, tenant.companyId, now, { kind: 'e-invoice', nomorAju: randomUUID(), nomorBarang: invoiceNumber, tanggal: invoiceDate, body: inv, info: { outcome: code } }, [
        { kind: 'status', code, dueAt: new Date(now.getTime() + MIN), payload: { statusDescription: JSON.stringify(found ? notes : notes.filter((n) => n.includes('not found'))) } },
      ]);
      out.push({ status: '100', data: `Invoice Number: ${invoiceNumber} Date: ${invoiceDate}`, messages: [RECEIVED] });
    }
    return out;
  });
}

function invoiceItem(doc: BarkirDocument, e: TimelineEvent) {
  const b = doc.body as Record<string, unknown>;
  const base = { invoiceNumber: String(b.invoiceNumber), statusDescription: String(e.payload.statusDescription), statusCode: e.code };
  if (e.code !== '100') return { ...base, receivedTime: wibMs(doc.submittedAt), commodityDetail: [] };
  return {
    ...base,
    currencyTypeCode: b.currencyTypeCode,
    invoiceDate: b.invoiceDate,
    receivedTime: wibMs(doc.submittedAt),
    buyerName: b.buyerName,
    buyerPhoneNumber: b.buyerPhoneNumber,
    exchangeRate: b.exchangeRate,
    invoiceUrl: b.invoiceURL,
    commodityDetail: (b.commodity as Record<string, string>[]).map((c) => ({ countQuantity: c.countQuantity, measurementUnit: c.measurementUnit, exitToEntryChargeAmount: c.exitToEntryChargeAmount, identityQualifierCode: c.identityQualifierCode })),
  };
}

async function invoiceResponses(req: FastifyRequest<{ Querystring: { invoiceNumber?: string } }>, ctx: AppContext) {
  const tenant = req.tenant;
  const now = await ctx.clock.now(tenant.companyId);
  if (req.query.invoiceNumber) {
    const docs = await findByBarang(ctx.db, tenant.companyId, 'e-invoice', req.query.invoiceNumber);
    const byId = new Map(docs.map((d) => [d.id, d]));
    const events = await dueEvents(ctx.db, tenant.companyId, docs.map((d) => d.id), now);
    return ok(events.map((e) => invoiceItem(byId.get(e.subjectId)!, e)));
  }
  const { events, docs } = await pullChannel(ctx.db, tenant.companyId, 'e-invoice', 'e-invoice', now);
  return ok(events.map((e) => invoiceItem(docs.get(e.subjectId)!, e)));
}

export const marketplaceEndpoints: Endpoint[] = [
  endpoint({
    method: 'POST',
    paths: [...cnpibk('/e-catalogue/send-data'), ...cnpibk('/e-catalogue/sendData')],
    family: 'barkir',
    summary: 'Kirim Data E-Catalogue (marketplaces): an array of catalogue entries',
    tags: TAGS,
    schema: { body: Type.Unsafe<Record<string, string>[]>(CATALOGUE_BODY) },
    handler: async (req, _r, ctx) => sendCatalogue(ctx, req.tenant, req.body),
  }),
  endpoint({
    method: 'GET',
    paths: [...cnpibk('/e-catalogue/getResponse'), ...cnpibk('/e-catalogue/get-response')],
    family: 'barkir',
    summary: 'Tarik Respon E-Catalogue: new responses once, or every response of an identityQualifierCode (paged)',
    tags: TAGS,
    schema: { querystring: PageQuery },
    handler: async (req, _r, ctx) => catalogueResponses(req, ctx),
  }),
  endpoint({
    method: 'POST',
    paths: [...cnpibk('/e-invoice/send-data'), ...cnpibk('/e-invoice/sendData')],
    family: 'barkir',
    summary: 'Kirim Data E-Invoice (marketplaces): an array of invoices',
    tags: TAGS,
    schema: { body: Type.Unsafe<Record<string, unknown>[]>(INVOICE_BODY) },
    handler: async (req, _r, ctx) => sendInvoice(ctx, req.tenant, req.body),
  }),
  endpoint({
    method: 'GET',
    paths: [...cnpibk('/e-invoice/getResponse'), ...cnpibk('/e-invoice/get-response')],
    family: 'barkir',
    summary: 'Tarik Respon E-Invoice: new responses once, or every response of an invoiceNumber',
    tags: TAGS,
    schema: { querystring: Type.Object({ invoiceNumber: Type.Optional(Type.String({ minLength: 1 })) }) },
    handler: async (req, _r, ctx) => invoiceResponses(req, ctx),
  }),
];
