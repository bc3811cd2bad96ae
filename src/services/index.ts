import type { Area } from './area.ts';
import { cukaiArea } from './cukai/index.ts';
import { pabeanDocumentsArea } from './pabean/documents/index.ts';
import { referensiArea } from './pabean/referensi/index.ts';
import { pabeanStatusArea } from './pabean/status/index.ts';
import { t2gArea } from './t2g/index.ts';
import { barangKirimanArea } from './barang-kiriman/index.ts';

/** Every catalogue area the server mounts. An area adds one line here. */
export const areas: Area[] = [
  referensiArea,
  pabeanDocumentsArea,
  pabeanStatusArea,
  t2gArea,
  cukaiArea,
  barangKirimanArea,
];
