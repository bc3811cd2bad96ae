import type { AppContext } from '../context.ts';
import type { Area } from '../services/area.ts';
import { DomainConflict } from './repo.ts';

export const DEMO_COMPANY = { name: 'PT DEMO CEISA', npwp: '012345678901234', nitku: '0123456789012345000000' };

/**
 * Sandbox mode: the first start on an empty database creates the demo company, user and
 * key and logs them once; every start lets each area top up its demo data (idempotent).
 */
export async function seedDemo(ctx: AppContext, areas: Area[]): Promise<void> {
  let company = await ctx.accounts.findCompany(DEMO_COMPANY.npwp);
  if (!company && (await ctx.accounts.countCompanies()) === 0) {
    try {
      company = await ctx.accounts.createCompany(DEMO_COMPANY);
      const { username, password, apiKey } = ctx.config.demo;
      await ctx.accounts.createUser({ companyId: company.id, username, password });
      await ctx.accounts.createApiKey(company.id, 'demo', apiKey);
      ctx.log.info(
        { company: DEMO_COMPANY.name, npwp: DEMO_COMPANY.npwp, nitku: DEMO_COMPANY.nitku, username, password, apiKey },
        'sandbox demo created: log in with these credentials and send the api key as beacukai-api-key',
      );
    } catch (err) {
      // Another process started at the same moment and created it.
      if (!(err instanceof DomainConflict)) throw err;
      company = await ctx.accounts.findCompany(DEMO_COMPANY.npwp);
    }
  }
  if (!company) return;
  for (const area of areas) await area.seedDemo?.(ctx, company);
}
