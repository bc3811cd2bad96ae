import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp, type BuiltApp } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { createTestStorage, type Engine, type TestStorage } from './db.ts';

export interface TestApp extends BuiltApp {
  storage: TestStorage;
  config: Config;
  /** logs in and returns the headers of an authenticated API call */
  login(username?: string, password?: string, apiKey?: string): Promise<Record<string, string>>;
  /** creates another company with its own user and key; returns its API headers */
  otherCompany(npwp?: string): Promise<{ headers: Record<string, string>; companyId: string; npwp: string }>;
  inject(opts: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** An in-process app (sandbox mode, demo data seeded) on a fresh database of the given engine. */
export async function testApp(engine: Engine, overrides: Partial<Config> = {}, env: Record<string, string> = {}): Promise<TestApp> {
  const storage = await createTestStorage(engine);
  const config = loadConfig({ CEISA_MODE: 'sandbox', ...env }, { dataDir: storage.dataDir, databaseUrl: storage.databaseUrl, ...overrides });
  const built = await buildApp(config, { logger: false });
  await built.app.ready();
  const login = async (username = 'demo', password = 'demo', apiKey = 'demo-key') => {
    const res = await built.app.inject({ method: 'POST', url: '/v1/openapi-auth/user/login', payload: { username, password } });
    if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
    return { authorization: `Bearer ${res.json().item.access_token}`, 'beacukai-api-key': apiKey };
  };
  let n = 0;
  return {
    ...built,
    storage,
    config,
    login,
    async otherCompany(npwp?: string) {
      n++;
      const id = npwp ?? `9${String(Date.now() % 1e9).padStart(9, '0')}${String(n).padStart(5, '0')}`.slice(0, 15);
      const company = await built.ctx.accounts.createCompany({ name: `PT LAIN ${n}`, npwp: id, nitku: `${id}0000000`.padEnd(22, '0').slice(0, 22) });
      const username = `user${n}_${id}`;
      await built.ctx.accounts.createUser({ companyId: company.id, username, password: 'secret' });
      const key = await built.ctx.accounts.createApiKey(company.id, 'test', `key-${username}`);
      return { headers: await login(username, 'secret', key), companyId: company.id, npwp: id };
    },
    inject: (opts) => built.app.inject(opts),
    async close() {
      await built.app.close();
      await storage.cleanup();
    },
  };
}
