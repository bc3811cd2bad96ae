import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.ts';
import type { AppContext } from './context.ts';
import { openDatabase, migrate, type Database } from './store/db.ts';
import { openBlobStore } from './blobs/index.ts';
import { Clock } from './lifecycle/clock.ts';
import { AccountRepo } from './auth/repo.ts';
import { TokenService } from './auth/tokens.ts';
import { areas } from './services/index.ts';
import { seedDemo } from './auth/demo.ts';

export interface Core {
  ctx: AppContext;
  database: Database;
  close(): Promise<void>;
}

/**
 * Opens storage and prepares it: migrations, sweeping interrupted uploads, each area's
 * start hook and (sandbox mode) the demo data. Shared by the server and the admin CLI.
 */
export async function openCore(config: Config, log: FastifyBaseLogger, opts: { seed?: boolean } = {}): Promise<Core> {
  const database = openDatabase(config, (sql, ms) => log.warn({ sql, ms }, 'slow query'));
  const blobs = openBlobStore(config);
  const ctx: AppContext = {
    config,
    db: database.db,
    engine: database.engine,
    blobs,
    clock: new Clock(database.db, Date.now, database.changeSignal),
    accounts: new AccountRepo(database.db, database.changeSignal),
    tokens: new TokenService(config.tokenSecret, config.accessTokenTtlSec, config.refreshTokenTtlSec),
    log,
    ping: () => database.ping(),
  };
  try {
    const applied = await migrate(database.db);
    if (applied.length) log.info({ migrations: applied }, 'migrations applied');
    const swept = await blobs.sweep((config.upload.orphanGraceSec ?? 3600) * 1000);
    if (swept) log.warn({ swept }, 'removed leftovers of interrupted uploads');
    for (const area of areas) await area.onStart?.(ctx);
    if (config.mode === 'sandbox' && opts.seed !== false) await seedDemo(ctx, areas);
  } catch (err) {
    await database.close().catch(() => {});
    throw err;
  }
  return { ctx, database, close: () => database.close() };
}
