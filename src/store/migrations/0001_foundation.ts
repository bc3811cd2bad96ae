import { type Kysely, sql } from 'kysely';

export interface CompanyRow {
  id: string;
  name: string;
  npwp: string;
  nitku: string;
  created_at: string;
}
export interface UserRow {
  id: string;
  company_id: string;
  username: string;
  password_hash: string;
  created_at: string;
}
export interface ApiKeyRow {
  id: string;
  company_id: string;
  /** sha256 of the key: keys are shown once and never stored in clear. */
  key_hash: string;
  label: string;
  created_at: string;
  revoked_at: string | null;
}
export interface RefreshTokenRow {
  jti: string;
  user_id: string;
  expires_at: string;
  used_at: string | null;
}
export interface CompanyClockRow {
  company_id: string;
  /** milliseconds added to real time */
  offset_ms: number;
  /** when set, the company's clock stands still at this instant (ISO) */
  frozen_at: string | null;
  updated_at: string;
}

export interface FoundationTables {
  companies: CompanyRow;
  users: UserRow;
  api_keys: ApiKeyRow;
  refresh_tokens: RefreshTokenRow;
  company_clocks: CompanyClockRow;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('companies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('npwp', 'text', (c) => c.notNull().unique())
    .addColumn('nitku', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('api_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema
    .createTable('refresh_tokens')
    .addColumn('jti', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema
    .createTable('company_clocks')
    .addColumn('company_id', 'text', (c) => c.primaryKey().references('companies.id'))
    .addColumn('offset_ms', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('frozen_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await sql`select 1`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['company_clocks', 'refresh_tokens', 'api_keys', 'users', 'companies']) {
    await db.schema.dropTable(t).execute();
  }
}
