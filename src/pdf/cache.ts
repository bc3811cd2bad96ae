import { createHash } from 'node:crypto';

/**
 * Rendered PDFs kept in memory, keyed by a digest of everything that goes into them. The
 * letters are deterministic (the same inputs give the same bytes), so a hit is exactly what
 * rendering again would give and nothing ever needs invalidating: a changed input (a billing
 * paid, a revised body, a renamed company) is another key. Bounded by bytes, the least recently
 * used out first. Concurrent requests for the same letter share one rendering.
 *
 * The returned bytes are shared between callers: copy them before modifying.
 */
export class PdfCache {
  private readonly map = new Map<string, Uint8Array>();
  private readonly pending = new Map<string, Promise<Uint8Array>>();
  private size = 0;
  hits = 0;
  misses = 0;

  constructor(private readonly maxBytes: number) {}

  /** The PDF of these inputs (every value the renderer reads, in a fixed order). */
  async get(inputs: readonly (string | number | null | undefined)[], render: () => Promise<Uint8Array>): Promise<Uint8Array> {
    const key = digest(inputs);
    const hit = this.map.get(key);
    if (hit) {
      this.hits++;
      // most recently used last
      this.map.delete(key);
      this.map.set(key, hit);
      return hit;
    }
    let p = this.pending.get(key);
    if (!p) {
      this.misses++;
      p = render().then(
        (bytes) => {
          this.pending.delete(key);
          this.store(key, bytes);
          return bytes;
        },
        (err: unknown) => {
          this.pending.delete(key);
          throw err;
        },
      );
      this.pending.set(key, p);
    }
    return p;
  }

  /** How many bytes the cache holds. */
  get bytes(): number {
    return this.size;
  }

  clear(): void {
    this.map.clear();
    this.size = 0;
  }

  private store(key: string, bytes: Uint8Array): void {
    if (bytes.length > this.maxBytes || this.map.has(key)) return;
    this.map.set(key, bytes);
    this.size += bytes.length;
    for (const [k, v] of this.map) {
      if (this.size <= this.maxBytes) break;
      this.map.delete(k);
      this.size -= v.length;
    }
  }
}

/** SHA-256 of the inputs, each length-prefixed (no two different lists give the same text). */
function digest(inputs: readonly (string | number | null | undefined)[]): string {
  const h = createHash('sha256');
  for (const v of inputs) {
    const s = v === null ? '\u0000null' : v === undefined ? '\u0000undefined' : typeof v === 'number' ? `\u0000n${v}` : v;
    h.update(`${Buffer.byteLength(s)}:`);
    h.update(s);
  }
  return h.digest('base64');
}
