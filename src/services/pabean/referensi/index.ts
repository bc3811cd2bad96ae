import type { Area } from '../../area.ts';
import { referensiEndpoints, sandboxReferensiEndpoints } from './routes.ts';

/** Pabean "Cek Referensi": kurs, tarif HS, lartas, manifes BC 1.1, ports, TPS, kantor; plus the read-only sandbox tables. */
export const referensiArea: Area = {
  name: 'pabean-referensi',
  endpoints: [...referensiEndpoints, ...sandboxReferensiEndpoints],
};
