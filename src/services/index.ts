import type { Area } from './area.ts';
import { barangKirimanArea } from './barang-kiriman/index.ts';

/** Every catalogue area the server mounts. An area adds one line here. */
export const areas: Area[] = [barangKirimanArea];
