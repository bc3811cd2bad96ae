import type { Area } from '../area.ts';
import { imporEndpoints } from './impor/routes.ts';
import { xrayEndpoints } from './xray/routes.ts';
import { referensiEndpoints } from './referensi/routes.ts';
import { posEndpoints } from './pos/routes.ts';
import { marketplaceEndpoints } from './marketplace/routes.ts';
import { eksporEndpoints } from './ekspor/routes.ts';
import { excelEndpoints } from './ekspor/excel-routes.ts';
import { sweepOrphanPhotos } from './xray/upload.ts';

/** API Services Barang Kiriman: impor CN/PIBK with its lifecycle, X-ray photos, PT POS BC 1.4, marketplaces, ekspor, referensi. */
export const barangKirimanArea: Area = {
  name: 'barang-kiriman',
  endpoints: [...imporEndpoints, ...xrayEndpoints, ...posEndpoints, ...marketplaceEndpoints, ...eksporEndpoints, ...excelEndpoints, ...referensiEndpoints],
  async onStart(ctx) {
    const removed = await sweepOrphanPhotos(ctx, (ctx.config.upload.orphanGraceSec ?? 3600) * 1000);
    if (removed) ctx.log.warn({ removed }, 'removed X-ray photo blobs left by interrupted requests');
  },
};
