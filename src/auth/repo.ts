import { randomUUID } from 'node:crypto';
import type { Db } from '../store/db.ts';
import { isUniqueViolation } from '../store/db.ts';
import type { CompanyRow, UserRow } from '../store/migrations/0001_foundation.ts';
import { iso } from '../store/time.ts';
import { hashApiKey, hashPassword, newApiKey } from './passwords.ts';
import { ReadCache, type ChangeSignal } from '../store/read-cache.ts';

export class DomainConflict extends Error {}
export class DomainInvalid extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

const NPWP = /^(\d{15}|\d{16})$/;
const NITKU = /^\d{22}$/;

export interface Tenant {
  companyId: string;
  npwp: string;
  nitku: string;
  companyName: string;
  userId: string;
  username: string;
}

/** Companies, users and API keys. */
export class AccountRepo {
  /** per-request look-ups (see ReadCache: never stale; off without a change signal) */
  private readonly keyCache: ReadCache<string>;
  private readonly tenantCache: ReadCache<Tenant>;
  constructor(
    private readonly db: Db,
    changeSignal: ChangeSignal | null = null,
  ) {
    this.keyCache = new ReadCache(changeSignal);
    this.tenantCache = new ReadCache(changeSignal);
  }

  async createCompany(input: { name: string; npwp: string; nitku: string }): Promise<CompanyRow> {
    if (!input.name.trim()) throw new DomainInvalid('name', 'name must not be empty');
    if (!NPWP.test(input.npwp)) throw new DomainInvalid('npwp', 'npwp must be 15 or 16 digits');
    if (!NITKU.test(input.nitku)) throw new DomainInvalid('nitku', 'nitku must be 22 digits');
    const row: CompanyRow = { id: randomUUID(), name: input.name.trim(), npwp: input.npwp, nitku: input.nitku, created_at: iso(Date.now()) };
    try {
      await this.db.insertInto('companies').values(row).execute();
    } catch (err) {
      if (isUniqueViolation(err)) throw new DomainConflict(`a company with NPWP ${input.npwp} already exists`);
      throw err;
    }
    return row;
  }

  async findCompany(idOrNpwp: string): Promise<CompanyRow | undefined> {
    return this.db
      .selectFrom('companies')
      .selectAll()
      .where((eb) => eb.or([eb('id', '=', idOrNpwp), eb('npwp', '=', idOrNpwp)]))
      .executeTakeFirst();
  }

  async listCompanies(): Promise<CompanyRow[]> {
    return this.db.selectFrom('companies').selectAll().orderBy('created_at').execute();
  }

  async countCompanies(): Promise<number> {
    const r = await this.db.selectFrom('companies').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async createUser(input: { companyId: string; username: string; password: string }): Promise<UserRow> {
    if (!/^[A-Za-z0-9._@-]{1,64}$/.test(input.username)) throw new DomainInvalid('username', 'username must be 1-64 letters, digits or . _ @ -');
    if (input.password.length < 1) throw new DomainInvalid('password', 'password must not be empty');
    const row: UserRow = {
      id: randomUUID(),
      company_id: input.companyId,
      username: input.username,
      password_hash: await hashPassword(input.password),
      created_at: iso(Date.now()),
    };
    try {
      await this.db.insertInto('users').values(row).execute();
    } catch (err) {
      if (isUniqueViolation(err)) throw new DomainConflict(`user ${input.username} already exists`);
      throw err;
    }
    return row;
  }

  async findUserByName(username: string): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  }

  async tenantOf(userId: string): Promise<Tenant | undefined> {
    const hit = this.tenantCache.get(userId);
    if (hit) return hit;
    const mark = this.tenantCache.mark();
    const r = await this.db
      .selectFrom('users')
      .innerJoin('companies', 'companies.id', 'users.company_id')
      .select(['users.id as userId', 'users.username', 'companies.id as companyId', 'companies.npwp', 'companies.nitku', 'companies.name'])
      .where('users.id', '=', userId)
      .executeTakeFirst();
    const t = r && { userId: r.userId, username: r.username, companyId: r.companyId, npwp: r.npwp, nitku: r.nitku, companyName: r.name };
    if (t) this.tenantCache.set(userId, t, mark);
    return t && { ...t };
  }

  /** Creates a key; `key` given = use it (demo/admin), otherwise a random one. Returns the clear key once. */
  async createApiKey(companyId: string, label: string, key: string = newApiKey()): Promise<string> {
    if (key.length < 4) throw new DomainInvalid('key', 'an API key must be at least 4 characters');
    try {
      await this.db
        .insertInto('api_keys')
        .values({ id: randomUUID(), company_id: companyId, key_hash: hashApiKey(key), label, created_at: iso(Date.now()), revoked_at: null })
        .execute();
    } catch (err) {
      if (isUniqueViolation(err)) throw new DomainConflict('that API key already exists');
      throw err;
    }
    return key;
  }

  async revokeApiKey(key: string): Promise<boolean> {
    this.keyCache.clear();
    const r = await this.db
      .updateTable('api_keys')
      .set({ revoked_at: iso(Date.now()) })
      .where('key_hash', '=', hashApiKey(key))
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    this.keyCache.clear();
    return Number(r.numUpdatedRows) > 0;
  }

  /** The company id the key belongs to, if the key is known and not revoked. */
  async companyOfApiKey(key: string): Promise<string | undefined> {
    const hit = this.keyCache.get(key);
    if (hit) return hit;
    const mark = this.keyCache.mark();
    const r = await this.db
      .selectFrom('api_keys')
      .select('company_id')
      .where('key_hash', '=', hashApiKey(key))
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (r) this.keyCache.set(key, r.company_id, mark);
    return r?.company_id;
  }

  async saveRefresh(jti: string, userId: string, expiresAt: Date): Promise<void> {
    await this.db.insertInto('refresh_tokens').values({ jti, user_id: userId, expires_at: iso(expiresAt), used_at: null }).execute();
  }

  /** Marks a refresh token used; false when it was unknown or already used (single use, race-safe). */
  async consumeRefresh(jti: string, now: Date): Promise<boolean> {
    const r = await this.db
      .updateTable('refresh_tokens')
      .set({ used_at: iso(now) })
      .where('jti', '=', jti)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }
}
