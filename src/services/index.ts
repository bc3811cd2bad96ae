import type { Area } from './area.ts';
import { pabeanStatusArea } from './pabean/status/index.ts';
import { t2gArea } from './t2g/index.ts';

/** Every catalogue area the server mounts. An area adds one line here. */
export const areas: Area[] = [pabeanStatusArea, t2gArea];
