import path from 'node:path';

export type Mode = 'sandbox' | 'production';

export interface S3Config {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  prefix: string;
}

export interface Config {
  mode: Mode;
  host: string;
  port: number;
  dataDir: string;
  /** `postgres://...` selects PostgreSQL; otherwise SQLite at `sqliteFile`. */
  databaseUrl: string | null;
  sqliteFile: string;
  s3: S3Config | null;
  tokenSecret: string;
  /** true when the token secret was generated/defaulted rather than given. */
  tokenSecretIsDefault: boolean;
  accessTokenTtlSec: number;
  refreshTokenTtlSec: number;
  bodyLimitBytes: number;
  /** orphanGraceSec: photo blobs no row refers to are removed at start once older than this (uploads in flight on other nodes are younger) */
  upload: { maxFileBytes: number; maxFiles: number; orphanGraceSec?: number };
  demo: { username: string; password: string; apiKey: string };
  adminToken: string | null;
  logLevel: string;
  /** draft-07 tuple semantics for one-element `items` arrays (see schemas/README). */
  strictTupleItems: boolean;
  /** log every database query that takes at least this many milliseconds (0: off) */
  slowQueryMs: number;
}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new ConfigError(`${name} must be a non-negative integer, got "${raw}"`);
  return n;
}

export class ConfigError extends Error {}

const SANDBOX_SECRET = 'ceisa40-sandbox-signing-secret-not-for-production';

/** Builds the one typed config from the environment plus explicit overrides (CLI flags, tests). */
export function loadConfig(env: Env = process.env, overrides: Partial<Config> = {}): Config {
  const mode = (env.CEISA_MODE ?? 'sandbox') as Mode;
  if (mode !== 'sandbox' && mode !== 'production') {
    throw new ConfigError(`CEISA_MODE must be "sandbox" or "production", got "${mode}"`);
  }
  const dataDir = path.resolve(overrides.dataDir ?? env.CEISA_DATA_DIR ?? './data');
  const databaseUrl = overrides.databaseUrl ?? env.DATABASE_URL ?? null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must be a postgres:// URL (leave it unset for the embedded SQLite database)');
  }
  const s3: S3Config | null = env.S3_BUCKET
    ? {
        endpoint: env.S3_ENDPOINT ?? '',
        bucket: env.S3_BUCKET,
        region: env.S3_REGION ?? 'us-east-1',
        accessKeyId: env.S3_ACCESS_KEY_ID ?? env.AWS_ACCESS_KEY_ID ?? '',
        secretAccessKey: env.S3_SECRET_ACCESS_KEY ?? env.AWS_SECRET_ACCESS_KEY ?? '',
        prefix: env.S3_PREFIX ?? '',
      }
    : null;
  const secret = env.CEISA_TOKEN_SECRET;
  if (mode === 'production' && !secret && !overrides.tokenSecret) {
    throw new ConfigError('CEISA_MODE=production needs an explicit token-signing secret: set CEISA_TOKEN_SECRET (32+ characters)');
  }
  const tokenSecret = overrides.tokenSecret ?? secret ?? SANDBOX_SECRET;
  if (tokenSecret.length < 32) throw new ConfigError('CEISA_TOKEN_SECRET must be at least 32 characters');

  const base: Config = {
    mode,
    host: env.HOST ?? '127.0.0.1',
    port: int(env, 'PORT', 8080),
    dataDir,
    databaseUrl,
    sqliteFile: path.join(dataDir, 'ceisa40.sqlite'),
    s3,
    tokenSecret,
    tokenSecretIsDefault: tokenSecret === SANDBOX_SECRET,
    accessTokenTtlSec: int(env, 'CEISA_ACCESS_TOKEN_TTL', 300),
    refreshTokenTtlSec: int(env, 'CEISA_REFRESH_TOKEN_TTL', 86400),
    bodyLimitBytes: int(env, 'CEISA_BODY_LIMIT', 10 * 1024 * 1024),
    upload: {
      maxFileBytes: int(env, 'CEISA_UPLOAD_MAX_FILE_BYTES', 20 * 1024 * 1024),
      maxFiles: int(env, 'CEISA_UPLOAD_MAX_FILES', 20),
      orphanGraceSec: int(env, 'CEISA_ORPHAN_GRACE_SEC', 3600),
    },
    demo: {
      username: env.CEISA_DEMO_USERNAME ?? 'demo',
      password: env.CEISA_DEMO_PASSWORD ?? 'demo',
      apiKey: env.CEISA_DEMO_API_KEY ?? 'demo-key',
    },
    adminToken: env.CEISA_ADMIN_TOKEN ?? null,
    logLevel: env.LOG_LEVEL ?? 'info',
    strictTupleItems: env.CEISA_STRICT_TUPLE_ITEMS === '1',
    slowQueryMs: int(env, 'CEISA_SLOW_QUERY_MS', 0),
  };
  const merged = { ...base, ...overrides };
  if (overrides.dataDir && !overrides.sqliteFile) merged.sqliteFile = path.join(merged.dataDir, 'ceisa40.sqlite');
  return merged;
}
