import type { Db } from '../store/db.ts';
import { iso } from '../store/time.ts';
import { ReadCache, type ChangeSignal } from '../store/read-cache.ts';

type ClockRow = { offset_ms: number | string; frozen_at: string | null } | undefined;

export interface ClockState {
  now: string;
  frozen: boolean;
  offsetMs: number;
}

/**
 * Per-company test clock (like Stripe's test clocks). Real time by default; an admin can
 * freeze it, advance it, or let it run again from where it stands. Lifecycle events carry
 * due times and reads show what is due at `now(company)`: no background threads.
 */
export class Clock {
  /** the company_clocks rows read by `now` (never stale, see ReadCache; off without a change signal) */
  private readonly rows: ReadCache<{ row: ClockRow }>;
  constructor(
    private readonly db: Db,
    private readonly realNow: () => number = Date.now,
    changeSignal: ChangeSignal | null = null,
  ) {
    this.rows = new ReadCache(changeSignal);
  }

  async now(companyId: string): Promise<Date> {
    const hit = this.rows.get(companyId);
    if (hit) return new Date(this.at(hit.row));
    const mark = this.rows.mark();
    const row = await this.row(companyId);
    this.rows.set(companyId, { row: row && { ...row } }, mark);
    return new Date(this.at(row));
  }

  async state(companyId: string): Promise<ClockState> {
    const r = await this.row(companyId);
    return { now: iso(this.at(r)), frozen: r?.frozen_at != null, offsetMs: Number(r?.offset_ms ?? 0) };
  }

  async freeze(companyId: string, at?: Date): Promise<ClockState> {
    const current = at ? at.getTime() : this.at(await this.row(companyId));
    await this.save(companyId, { offset_ms: 0, frozen_at: iso(current) });
    return this.state(companyId);
  }

  /** Moves the company's clock forward (frozen or running). */
  async advance(companyId: string, ms: number): Promise<ClockState> {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('advance needs a non-negative number of milliseconds');
    const r = await this.row(companyId);
    if (r?.frozen_at) await this.save(companyId, { offset_ms: 0, frozen_at: iso(Date.parse(r.frozen_at) + ms) });
    else await this.save(companyId, { offset_ms: Number(r?.offset_ms ?? 0) + ms, frozen_at: null });
    return this.state(companyId);
  }

  /** Lets a frozen clock run again from the instant it shows. */
  async resume(companyId: string): Promise<ClockState> {
    const current = this.at(await this.row(companyId));
    await this.save(companyId, { offset_ms: current - this.realNow(), frozen_at: null });
    return this.state(companyId);
  }

  /** Back to real time. */
  async reset(companyId: string): Promise<ClockState> {
    this.rows.delete(companyId);
    await this.db.deleteFrom('company_clocks').where('company_id', '=', companyId).execute();
    this.rows.delete(companyId);
    return this.state(companyId);
  }

  private at(r: { offset_ms: number | string; frozen_at: string | null } | undefined): number {
    if (!r) return this.realNow();
    if (r.frozen_at) return Date.parse(r.frozen_at);
    return this.realNow() + Number(r.offset_ms);
  }

  private row(companyId: string) {
    return this.db.selectFrom('company_clocks').select(['offset_ms', 'frozen_at']).where('company_id', '=', companyId).executeTakeFirst();
  }

  private async save(companyId: string, v: { offset_ms: number; frozen_at: string | null }): Promise<void> {
    const updated_at = iso(this.realNow());
    this.rows.delete(companyId);
    await this.db
      .insertInto('company_clocks')
      .values({ company_id: companyId, ...v, updated_at })
      .onConflict((oc) => oc.column('company_id').doUpdateSet({ ...v, updated_at }))
      .execute();
    this.rows.delete(companyId);
  }
}
