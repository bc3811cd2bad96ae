import { Command, Option } from 'commander';
import { loadConfig, ConfigError } from '../config.ts';
import { serve } from '../main.ts';
import { registerAdmin } from './admin.ts';
import { registerSessionCommands } from './commands/session.ts';
import { CliError } from './output.ts';
import { CeisaHttpError, CeisaNetworkError } from '../client/errors.ts';

export function buildProgram(): Command {
  const program = new Command('ceisa40')
    .description('ceisa40: a self-hostable CEISA 4.0 host-to-host API (sandbox server, admin)')
    .option('--json', 'machine-readable JSON output')
    .addHelpText('after', '\nExit codes: 0 success, 1 failure or invalid input, 2 usage/configuration error, 3 network error.')
    .showHelpAfterError();

  program
    .command('serve')
    .description('start the server (the same as npm start)')
    .addOption(new Option('-p, --port <port>', 'port').env('PORT'))
    .addOption(new Option('--host <host>', 'address to bind').env('HOST'))
    .addOption(new Option('-d, --data-dir <dir>', 'data directory (SQLite file, blobs)').env('CEISA_DATA_DIR'))
    .addOption(new Option('--database-url <url>', 'postgres:// URL instead of the embedded SQLite').env('DATABASE_URL'))
    .action(async (o) => {
      const overrides: Record<string, unknown> = {};
      if (o.port !== undefined) overrides.port = Number(o.port);
      if (o.host) overrides.host = o.host;
      if (o.dataDir) overrides.dataDir = o.dataDir;
      if (o.databaseUrl) overrides.databaseUrl = o.databaseUrl;
      await serve(loadConfig(process.env, overrides));
    });

  registerSessionCommands(program);
  registerAdmin(program);
  return program;
}

export async function runCli(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (err) {
    if (err instanceof CliError || err instanceof ConfigError || err instanceof CeisaHttpError || err instanceof CeisaNetworkError) {
      process.stderr.write(`ceisa40: ${err.message}\n`);
      process.exit(err instanceof CliError ? err.exitCode : err instanceof ConfigError ? 2 : err instanceof CeisaNetworkError ? 3 : 1);
    }
    throw err;
  }
}

if (process.argv[1]?.endsWith('src/cli/main.ts')) await runCli(process.argv);
