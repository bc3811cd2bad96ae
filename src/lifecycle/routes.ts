import { Type } from '@sinclair/typebox';
import { endpoint, type Endpoint } from '../http/registry.ts';
import { ApiError } from '../http/errors.ts';

const ClockState = Type.Object({ now: Type.String({ format: 'date-time' }), frozen: Type.Boolean(), offsetMs: Type.Number() });
const PREFIX = '/sandbox/v1/clock';

/** `90s`, `15m`, `2h`, `3d` or plain milliseconds. */
export function parseDuration(v: string | number): number {
  if (typeof v === 'number') return v;
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(v.trim());
  if (!m) throw ApiError.field('/by', 'format', '/by must be a duration such as 500ms, 90s, 15m, 2h or 3d');
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[(m[2] ?? 'ms') as 'ms'];
  return Math.round(Number(m[1]) * unit);
}

/** The caller company's test clock: read, freeze, advance, resume, reset. */
export const clockEndpoints: Endpoint[] = [
  endpoint({
    method: 'GET',
    paths: [PREFIX],
    family: 'sandbox',
    summary: "Read the company's lifecycle clock",
    tags: ['Sandbox'],
    schema: { response: { 200: ClockState } },
    handler: async (req, _r, ctx) => ctx.clock.state(req.tenant.companyId),
  }),
  endpoint({
    method: 'POST',
    paths: [`${PREFIX}/freeze`],
    family: 'sandbox',
    summary: "Freeze the company's clock (now, or at a given instant)",
    tags: ['Sandbox'],
    schema: { body: Type.Optional(Type.Object({ at: Type.Optional(Type.String({ format: 'date-time' })) }, { additionalProperties: false })), response: { 200: ClockState } },
    handler: async (req, _r, ctx) => ctx.clock.freeze(req.tenant.companyId, req.body?.at ? new Date(req.body.at) : undefined),
  }),
  endpoint({
    method: 'POST',
    paths: [`${PREFIX}/advance`],
    family: 'sandbox',
    summary: "Move the company's clock forward by a duration (e.g. {\"by\":\"2h\"})",
    tags: ['Sandbox'],
    schema: {
      body: Type.Object({ by: Type.Union([Type.String({ minLength: 1 }), Type.Integer({ minimum: 0 })]) }, { additionalProperties: false }),
      response: { 200: ClockState },
    },
    handler: async (req, _r, ctx) => ctx.clock.advance(req.tenant.companyId, parseDuration(req.body.by)),
  }),
  endpoint({
    method: 'POST',
    paths: [`${PREFIX}/resume`],
    family: 'sandbox',
    summary: 'Let a frozen clock run again from the instant it shows',
    tags: ['Sandbox'],
    schema: { response: { 200: ClockState } },
    handler: async (req, _r, ctx) => ctx.clock.resume(req.tenant.companyId),
  }),
  endpoint({
    method: 'POST',
    paths: [`${PREFIX}/reset`],
    family: 'sandbox',
    summary: 'Return the company clock to real time',
    tags: ['Sandbox'],
    schema: { response: { 200: ClockState } },
    handler: async (req, _r, ctx) => ctx.clock.reset(req.tenant.companyId),
  }),
];
