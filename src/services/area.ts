import type { Command } from 'commander';
import type { AppContext } from '../context.ts';
import type { WithCtx } from '../cli/admin.ts';
import type { Endpoint } from '../http/registry.ts';
import type { CompanyRow } from '../store/migrations/0001_foundation.ts';

/**
 * A catalogue area (pabean, barang-kiriman, cukai/produksi, ...): its endpoints and the
 * hooks it needs at start. Areas are listed in `services/index.ts`.
 */
export interface Area {
  name: string;
  endpoints: Endpoint[];
  /** Sandbox mode: gives the demo company this area's example data. Runs on every start: must be idempotent. */
  seedDemo?(ctx: AppContext, company: CompanyRow): Promise<void>;
  /** Runs once at start after migrations (e.g. sweeping interrupted work). */
  onStart?(ctx: AppContext): Promise<void>;
  /** Adds this area's `ceisa40 admin ...` subcommands (master data); `withCtx` opens the database. */
  registerAdmin?(admin: Command, withCtx: WithCtx, program: Command): void;
}
