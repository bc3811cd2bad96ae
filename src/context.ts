import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.ts';
import type { Db, Engine } from './store/db.ts';
import type { BlobStore } from './blobs/index.ts';
import type { Clock } from './lifecycle/clock.ts';
import type { AccountRepo } from './auth/repo.ts';
import type { TokenService } from './auth/tokens.ts';

/** Everything a handler or domain function may need, built once per app. */
export interface AppContext {
  config: Config;
  db: Db;
  engine: Engine;
  blobs: BlobStore;
  clock: Clock;
  accounts: AccountRepo;
  tokens: TokenService;
  log: FastifyBaseLogger;
  /** database reachability */
  ping(): Promise<boolean>;
}
