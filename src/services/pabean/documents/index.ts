import type { Area } from '../../area.ts';
import { precompileInBackground } from '../../../schemas/index.ts';
import { documentEndpoints } from './routes.ts';

/** Kirim Dokumen (every customs document type) and the document detail look-up. */
export const pabeanDocumentsArea: Area = {
  name: 'pabean-documents',
  endpoints: documentEndpoints,
  async onStart(ctx) {
    // every official schema version compiled once, in the background from the start on (a cold
    // start does not wait for it; bench/README.md cold-start); a version needed before is compiled on first use
    const started = Date.now();
    void precompileInBackground({ strictTupleItems: ctx.config.strictTupleItems }).then((n) =>
      ctx.log.info({ schemas: n, ms: Date.now() - started, strictTupleItems: ctx.config.strictTupleItems }, 'document schemas compiled'),
    );
  },
};
