import { CeisaClientCore, type ClientOptions } from './client.ts';

export { CeisaClientCore, appendFile, type ClientOptions, type CallOptions, type FileInput } from './client.ts';
export { CeisaHttpError, CeisaNetworkError } from './errors.ts';
export type { Session, TokenItem } from './session.ts';

/** The typed client for every area of the server (areas are added as they land). */
export class CeisaClient extends CeisaClientCore {
  constructor(opts: ClientOptions) {
    super(opts);
  }

  /** The caller company's lifecycle test clock (ceisa40 sandbox extension). */
  readonly clock = {
    get: () => this.call<ClockState>('GET', '/sandbox/v1/clock'),
    freeze: (at?: string) => this.call<ClockState>('POST', '/sandbox/v1/clock/freeze', { json: at ? { at } : {} }),
    advance: (by: string | number) => this.call<ClockState>('POST', '/sandbox/v1/clock/advance', { json: { by } }),
    resume: () => this.call<ClockState>('POST', '/sandbox/v1/clock/resume'),
    reset: () => this.call<ClockState>('POST', '/sandbox/v1/clock/reset'),
  };
}

export interface ClockState {
  now: string;
  frozen: boolean;
  offsetMs: number;
}
