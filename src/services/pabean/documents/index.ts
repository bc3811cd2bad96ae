import type { Area } from '../../area.ts';
import { precompileAll } from '../../../schemas/index.ts';
import { documentEndpoints } from './routes.ts';

/** Kirim Dokumen (every customs document type) and the document detail look-up. */
export const pabeanDocumentsArea: Area = {
  name: 'pabean-documents',
  endpoints: documentEndpoints,
  async onStart(ctx) {
    // every official schema version compiled once, before the first request
    const started = Date.now();
    const n = precompileAll({ strictTupleItems: ctx.config.strictTupleItems });
    ctx.log.info({ schemas: n, ms: Date.now() - started, strictTupleItems: ctx.config.strictTupleItems }, 'document schemas compiled');
  },
};
