import type { Command } from 'commander';
import pino from 'pino';
import { loadConfig } from '../config.ts';
import { openCore } from '../core.ts';
import type { AppContext } from '../context.ts';
import { DomainConflict, DomainInvalid } from '../auth/repo.ts';
import { parseDuration } from '../lifecycle/routes.ts';
import { areas } from '../services/index.ts';
import { CliError, print } from './output.ts';

export type WithCtx = <T>(fn: (ctx: AppContext) => Promise<T>) => Promise<T>;

/** Runs fn against the database the server would use (same env: DATABASE_URL, CEISA_DATA_DIR). */
export const withCtx: WithCtx = async (fn) => {
  const config = loadConfig();
  const core = await openCore(config, pino({ level: process.env.LOG_LEVEL ?? 'warn' }), { seed: false });
  try {
    return await fn(core.ctx);
  } catch (err) {
    if (err instanceof DomainInvalid) throw new CliError(`${err.field}: ${err.message}`);
    if (err instanceof DomainConflict) throw new CliError(err.message);
    throw err;
  } finally {
    await core.close();
  }
};

async function companyId(ctx: AppContext, npwpOrId: string): Promise<string> {
  const c = await ctx.accounts.findCompany(npwpOrId);
  if (!c) throw new CliError(`no company with NPWP or id ${npwpOrId}`);
  return c.id;
}

/** `ceisa40 admin ...`: companies, users, API keys, clocks, and each area's master data. */
export function registerAdmin(program: Command): void {
  const admin = program.command('admin').description('manage companies, users, API keys and test clocks (works on the configured database)');

  const company = admin.command('company').description('companies (tenants), identified by NPWP');
  company
    .command('add')
    .description('create a company')
    .requiredOption('--name <name>', 'company name')
    .requiredOption('--npwp <npwp>', 'NPWP, 15 or 16 digits')
    .requiredOption('--nitku <nitku>', 'NITKU, 22 digits')
    .action(async (o) => print(await withCtx((ctx) => ctx.accounts.createCompany(o)), program));
  company
    .command('list')
    .description('list companies')
    .action(async () => print(await withCtx((ctx) => ctx.accounts.listCompanies()), program));

  const user = admin.command('user').description('users who log in for a company');
  user
    .command('add')
    .description('create a user (password stored as a scrypt hash)')
    .requiredOption('--company <npwp>', 'the company NPWP (or id)')
    .requiredOption('--username <username>')
    .requiredOption('--password <password>')
    .action(async (o) =>
      print(
        await withCtx(async (ctx) => {
          const u = await ctx.accounts.createUser({ companyId: await companyId(ctx, o.company), username: o.username, password: o.password });
          return { id: u.id, username: u.username, companyId: u.company_id };
        }),
        program,
      ),
    );

  const key = admin.command('key').description('API keys (the beacukai-api-key header)');
  key
    .command('add')
    .description('create an API key for a company; printed once, stored hashed')
    .requiredOption('--company <npwp>', 'the company NPWP (or id)')
    .option('--key <key>', 'use this key instead of a random one')
    .option('--label <label>', 'a label', 'admin')
    .action(async (o) =>
      print(await withCtx(async (ctx) => ({ apiKey: await ctx.accounts.createApiKey(await companyId(ctx, o.company), o.label, o.key) })), program),
    );
  key
    .command('revoke <key>')
    .description('revoke an API key')
    .action(async (k) =>
      print(
        await withCtx(async (ctx) => {
          if (!(await ctx.accounts.revokeApiKey(k))) throw new CliError('no active key matches');
          return { revoked: true };
        }),
        program,
      ),
    );

  const clock = admin.command('clock').description("a company's lifecycle test clock");
  const clockCmd = (name: string, desc: string, fn: (ctx: AppContext, id: string, arg?: string) => Promise<unknown>, arg?: string) => {
    const c = clock.command(arg ? `${name} <${arg}>` : name).description(desc).requiredOption('--company <npwp>', 'the company NPWP (or id)');
    c.action(async (...args: unknown[]) => {
      const o = (arg ? args[1] : args[0]) as { company: string };
      const a = arg ? (args[0] as string) : undefined;
      print(await withCtx(async (ctx) => fn(ctx, await companyId(ctx, o.company), a)), program);
    });
  };
  clockCmd('show', 'show the clock', (ctx, id) => ctx.clock.state(id));
  clockCmd('freeze', 'freeze the clock now', (ctx, id) => ctx.clock.freeze(id));
  clockCmd('advance', 'move the clock forward (500ms, 90s, 15m, 2h, 3d)', (ctx, id, by) => ctx.clock.advance(id, parseDuration(by!)), 'duration');
  clockCmd('resume', 'let a frozen clock run again', (ctx, id) => ctx.clock.resume(id));
  clockCmd('reset', 'back to real time', (ctx, id) => ctx.clock.reset(id));

  for (const area of areas) area.registerAdmin?.(admin, withCtx, program);
}
