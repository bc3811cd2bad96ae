import type { Readable } from 'node:stream';
import type { Multipart } from '@fastify/multipart';

/** Reads a file stream to its end, discarding it (the request is being refused). */
export async function drain(stream: Readable): Promise<void> {
  try {
    for await (const _ of stream) {
      /* discard */
    }
  } catch {
    /* the request is failing anyway */
  }
}

/**
 * Reads what is left of a refused multipart request, so the client receives the answer rather
 * than a reset connection.
 */
export async function drainRemainingParts(iterator: AsyncIterator<Multipart>): Promise<void> {
  try {
    for (;;) {
      const r = await iterator.next();
      if (r.done) break;
      if (r.value.type === 'file') await drain(r.value.file);
    }
  } catch {
    /* limits or a broken stream: nothing more to read */
  }
}
