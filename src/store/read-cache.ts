/**
 * A cache of per-request look-ups (API key -> company, user -> tenant, company clock) that is
 * never stale. Writes made by this process go through the owning repository, which updates or
 * drops its entries; writes made by any other connection (the admin CLI, another server on the
 * same file) are seen through SQLite's `PRAGMA data_version`, which changes whenever another
 * connection commits: the whole cache is then dropped. Without such a signal (PostgreSQL) the
 * cache is off and every look-up reads the database.
 */
export type ChangeSignal = () => number;

export class ReadCache<V> {
  private readonly map = new Map<string, V>();
  private seen = -1;
  /** bumped by every invalidation: a read that raced with one is not stored */
  private gen = 0;
  constructor(
    private readonly signal: ChangeSignal | null,
    private readonly max = 10_000,
  ) {}

  get(key: string): V | undefined {
    if (!this.signal) return undefined;
    const v = this.signal();
    if (v !== this.seen) {
      this.clear();
      this.seen = v;
      return undefined;
    }
    return this.map.get(key);
  }

  /** Stores a value read from the database after `mark()`, unless anything was invalidated since. */
  set(key: string, value: V, marked: number): void {
    if (!this.signal || marked !== this.gen) return;
    if (this.map.size >= this.max) this.map.delete(this.map.keys().next().value!);
    this.map.set(key, value);
  }

  /** Taken before reading a value to `set`. */
  mark(): number {
    if (!this.signal) return -1;
    const v = this.signal();
    if (v !== this.seen) {
      this.clear();
      this.seen = v;
    }
    return this.gen;
  }

  delete(key: string): void {
    this.gen++;
    this.map.delete(key);
  }

  clear(): void {
    this.gen++;
    this.map.clear();
  }
}
