import type { Command } from 'commander';
import type { WithCtx } from '../../../cli/admin.ts';
import type { AppContext } from '../../../context.ts';
import { CliError, print } from '../../../cli/output.ts';
import { ApiError } from '../../../http/errors.ts';
import { payBilling } from '../../../lifecycle/pabean/engine.ts';

async function companyId(ctx: AppContext, npwpOrId: string): Promise<string> {
  const c = await ctx.accounts.findCompany(npwpOrId);
  if (!c) throw new CliError(`no company with NPWP or id ${npwpOrId}`);
  return c.id;
}

/** `ceisa40 admin billing list|pay`: a company's customs billings (sandbox payment). */
export function registerBillingAdmin(admin: Command, withCtx: WithCtx, program: Command): void {
  const billing = admin.command('billing').description("a company's customs billings (kode billing): list, pay");
  billing
    .command('list')
    .description('list the billings of a company (optionally of one nomorAju)')
    .requiredOption('--company <npwp>', 'the company NPWP (or id)')
    .option('--aju <nomorAju>', 'only this document')
    .action(async (o: { company: string; aju?: string }) => {
      const rows = await withCtx(async (ctx) => {
        let q = ctx.db.selectFrom('pabean_billings').select(['kode_billing', 'nomor_aju', 'total', 'status', 'issued_at', 'due_date', 'paid_at']).where('company_id', '=', await companyId(ctx, o.company));
        if (o.aju) q = q.where('nomor_aju', '=', o.aju);
        return q.orderBy('created_at').execute();
      });
      print(rows.map((r) => ({ kodeBilling: r.kode_billing, nomorAju: r.nomor_aju, total: r.total, status: r.status, issuedAt: r.issued_at, dueDate: r.due_date, paidAt: r.paid_at })), program);
    });
  billing
    .command('pay <kodeBilling>')
    .description("pay a billing now (company clock): the document's lifecycle continues")
    .requiredOption('--company <npwp>', 'the company NPWP (or id)')
    .action(async (kode: string, o: { company: string }) => {
      const paid = await withCtx(async (ctx) => {
        try {
          return await payBilling(ctx.db, ctx.clock, await companyId(ctx, o.company), kode);
        } catch (err) {
          if (err instanceof ApiError) throw new CliError(err.message);
          throw err;
        }
      });
      print(paid, program);
    });
}
