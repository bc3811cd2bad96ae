/**
 * The bare baselines of the benchmark, in their own process (as our server is): plain Fastify
 * routes doing no work beyond what the framework does, answering what ceisa40 answers.
 *   GET  /status    the "nothing new" status answer (same JSON as ceisa40)
 *   POST /document  parses the JSON body (same body limit) and answers the Kirim Dokumen OK
 *   POST /sink      a bare streaming sink: the request bytes piped to a file on disk
 * Usage: node --import tsx bench/baselines/bare.ts <port> <sinkDir>
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import Fastify from 'fastify';

const port = Number(process.argv[2] ?? 0);
const sinkDir = process.argv[3] ?? fs.mkdtempSync('/tmp/ceisa-bench-sink-');
fs.mkdirSync(sinkDir, { recursive: true });

const app = Fastify({ logger: false, bodyLimit: 10 * 1024 * 1024 });
const NOT_FOUND = { status: 'Failed', message: 'Data Tidak Ditemukan', dataStatus: [], dataRespon: [] };

app.get('/status', async () => NOT_FOUND);
app.post('/document', async (req) => {
  const body = req.body as { nomorAju?: unknown };
  if (!body || typeof body !== 'object') throw new Error('no body');
  return { status: 'OK', message: 'Sukses, Data Berhasil Ditambahkan', idHeader: randomUUID() };
});
app.addContentTypeParser('multipart/form-data', (_req, payload, done) => done(null, payload));
app.post('/sink', async (req) => {
  const file = path.join(sinkDir, randomUUID());
  await pipeline(req.body as NodeJS.ReadableStream, fs.createWriteStream(file));
  return { success: true, code: 200 };
});

await app.listen({ host: '127.0.0.1', port });
console.log(`bare baseline listening on ${port}`);
