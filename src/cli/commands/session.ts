import fs from 'node:fs';
import type { Command } from 'commander';
import { CeisaClient } from '../../client/index.ts';
import { CliError, print } from '../output.ts';
import { clientFromSession, loadSession, saveSession, sessionFile } from '../session-store.ts';

/** `ceisa40 login`, `logout`, `whoami`, `call`: a session against this server or the real gateway. */
export function registerSessionCommands(program: Command): void {
  program
    .command('login')
    .description('log in and store the session for later commands (file mode 0600)')
    .option('--url <url>', 'server base URL', process.env.CEISA_URL ?? 'http://127.0.0.1:8080')
    .option('-u, --username <username>', 'username', process.env.CEISA_USERNAME)
    .option('-p, --password <password>', 'password (or CEISA_PASSWORD)', process.env.CEISA_PASSWORD)
    .option('-k, --api-key <key>', 'beacukai-api-key (or CEISA_API_KEY)', process.env.CEISA_API_KEY)
    .option('--legacy-auth', 'use the older /nle-oauth/v1 login path')
    .action(async (o) => {
      if (!o.username || o.password === undefined || !o.apiKey) throw new CliError('login needs --username, --password and --api-key (or CEISA_USERNAME, CEISA_PASSWORD, CEISA_API_KEY)');
      const client = new CeisaClient({ baseUrl: o.url, username: o.username, password: o.password, apiKey: o.apiKey, authPrefix: o.legacyAuth ? '/nle-oauth/v1' : undefined, retries: 1 });
      const s = await client.login();
      saveSession(s);
      print({ loggedIn: true, url: s.baseUrl, username: s.username, accessExpiresAt: new Date(s.accessExpiresAt).toISOString(), sessionFile: sessionFile() }, program);
    });

  program
    .command('logout')
    .description('forget the stored session')
    .action(() => {
      fs.rmSync(sessionFile(), { force: true });
      print({ loggedIn: false }, program);
    });

  program
    .command('whoami')
    .description('show the stored session')
    .action(() => {
      const s = loadSession();
      if (!s) throw new CliError('not logged in');
      print({ url: s.baseUrl, username: s.username, accessExpiresAt: new Date(s.accessExpiresAt).toISOString(), refreshExpiresAt: s.refreshExpiresAt ? new Date(s.refreshExpiresAt).toISOString() : 'unknown' }, program);
    });

  program
    .command('call <method> <path>')
    .description('an authenticated call to any endpoint, e.g. call GET /openapi/status?idPerusahaan=...; --data for a JSON body')
    .option('--data <json>', 'JSON body (or @file.json)')
    .action(async (method: string, path: string, o) => {
      let json: unknown;
      if (o.data) {
        const text = o.data.startsWith('@') ? fs.readFileSync(o.data.slice(1), 'utf8') : o.data;
        try {
          json = JSON.parse(text);
        } catch (err) {
          throw new CliError(`--data is not valid JSON: ${(err as Error).message}`);
        }
      }
      const u = new URL(path, 'http://x');
      const res = await clientFromSession().call<{ status: number; body: unknown }>(method.toUpperCase(), u.pathname, {
        query: Object.fromEntries(u.searchParams),
        json,
        raw: true,
      });
      process.stdout.write(`${JSON.stringify(res.body, null, 2)}\n`);
      if (res.status >= 400) process.exitCode = 1;
    });
}
