#!/usr/bin/env node
// `npm start`: the server from the compiled sources (compiled first when they changed; see build.mjs).
import { pathToFileURL } from 'node:url';
import { ensureBuilt } from './build.mjs';

process.setSourceMapsEnabled(true);
const { main } = await ensureBuilt({ quiet: false });
const server = await import(pathToFileURL(main).href);
await server.main();
