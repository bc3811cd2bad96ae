import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Session } from '../client/session.ts';
import { CeisaClient } from '../client/index.ts';
import { CliError } from './output.ts';

/** Where `ceisa40 login` keeps the session: $CEISA_SESSION_FILE or ~/.config/ceisa40/session.json (mode 0600). */
export function sessionFile(): string {
  return process.env.CEISA_SESSION_FILE ?? path.join(os.homedir(), '.config', 'ceisa40', 'session.json');
}

export function saveSession(s: Session): void {
  const file = sessionFile();
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(s, null, 2), { mode: 0o600 });
  fs.renameSync(tmp, file);
  fs.chmodSync(file, 0o600);
}

export function loadSession(): Session | null {
  try {
    return JSON.parse(fs.readFileSync(sessionFile(), 'utf8')) as Session;
  } catch {
    return null;
  }
}

/**
 * A client from the stored session (kept up to date on refresh); fails with a hint when not
 * logged in. The password is never stored: when the refresh token has expired, log in again.
 */
export function clientFromSession(opts: { pabeanPrefix?: '/openapi' | '/v2/openapi' } = {}): CeisaClient {
  const s = loadSession();
  if (!s) throw new CliError(`not logged in: run "ceisa40 login" first (session file ${sessionFile()})`);
  return new CeisaClient({
    baseUrl: s.baseUrl,
    apiKey: s.apiKey,
    username: s.username,
    session: s,
    pabeanPrefix: opts.pabeanPrefix,
    onSession: (n) => saveSession(n),
  });
}
