import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation.ts';
import * as m0002 from './0002_lifecycle.ts';
import * as m0003 from './0003_lifecycle_subjects.ts';
import * as m0010 from './0010_cukai.ts';
import * as m0020 from './0020_barang_kiriman.ts';
import * as m0030 from './0030_pabean_documents.ts';
import * as m0031 from './0031_pabean_lifecycle.ts';

/**
 * Every migration, by name; names sort in the order they apply. An area adds its
 * own file (`00NN_<area>.ts`) and one line here.
 */
export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_lifecycle': m0002,
  '0003_lifecycle_subjects': m0003,
  '0010_cukai': m0010,
  '0020_barang_kiriman': m0020,
  '0030_pabean_documents': m0030,
  '0031_pabean_lifecycle': m0031,
};
