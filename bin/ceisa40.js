#!/usr/bin/env node
// The ceisa40 command, from the compiled sources (compiled first when they changed; see
// scripts/build.mjs). CEISA_FROM_SOURCE=1 runs the TypeScript sources through tsx instead.
import { pathToFileURL } from 'node:url';

let cli;
if (process.env.CEISA_FROM_SOURCE === '1') {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import('../src/cli/main.ts');
} else {
  const { ensureBuilt } = await import('../scripts/build.mjs');
  process.setSourceMapsEnabled(true);
  cli = await import(pathToFileURL((await ensureBuilt()).cli).href);
}
await cli.runCli(process.argv);
