import { loadConfig, ConfigError, type Config } from './config.ts';
import { buildApp } from './app.ts';

/** Starts the server and shuts it down gracefully on SIGTERM/SIGINT (in-flight requests finish). */
export async function serve(config: Config): Promise<void> {
  const { app } = await buildApp(config);
  let closing = false;
  const stop = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    app.close().then(
      () => process.exit(0),
      (err) => {
        app.log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  await app.listen({ host: config.host, port: config.port });
  app.log.info(
    { mode: config.mode, database: config.databaseUrl ? 'postgres' : config.sqliteFile, blobs: config.s3 ? `s3://${config.s3.bucket}` : config.dataDir },
    'ceisa40 ready',
  );
}

/** `npm start`: the configuration from the environment; exit code 2 on a configuration error. */
export async function main(): Promise<void> {
  try {
    await serve(loadConfig());
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`ceisa40: ${err.message}`);
      process.exit(2);
    }
    console.error(err);
    process.exit(1);
  }
}

const isMain = import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('src/main.ts');
if (isMain) await main();
