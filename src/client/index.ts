import { CeisaClientCore, type ClientOptions } from './client.ts';
import { pabeanApi, ck4Api, t2gApi, sandboxApi, xrayApi, barangKirimanApi } from './areas.ts';

export { CeisaClientCore, appendFile, type ClientOptions, type CallOptions, type FileInput } from './client.ts';
export { CeisaHttpError, CeisaNetworkError } from './errors.ts';
export type { Session, TokenItem } from './session.ts';
export { normalizeStatus, type SendAnswer, type SendOptions, type StatusAnswer, type StatusItem, type ResponItem, type NpeItem, type NpeAnswer, type CukaiAnswer, type XrayData, type XrayAnswer, type BarkirAnswer } from './areas.ts';
export { indexedForm } from './forms.ts';

/** The typed client for every area of the server (areas are added as they land). */
export class CeisaClient extends CeisaClientCore {
  /** Kirim Dokumen, Status & Respon, Cek Referensi */
  readonly pabean = pabeanApi(this);
  /** CK-4 produksi and Referensi Cukai */
  readonly ck4 = ck4Api(this);
  /** consignments: CN/PIBK, BC 1.1, BC 1.4, barang tertentu, marketplaces, ekspor, referensi */
  readonly barangKiriman = barangKirimanApi(this);
  /** X-ray photos of consignments (kirim, add, get) */
  readonly xray = xrayApi(this);
  /** the third-party gateway log API (seed 002) */
  readonly t2g = t2gApi(this);
  /** sandbox extensions: pay a billing, a document's timeline, reference tables */
  readonly sandbox = sandboxApi(this);

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
