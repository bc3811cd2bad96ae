import type { Area } from './area.ts';
import { cukaiArea } from './cukai/index.ts';

/** Every catalogue area the server mounts. An area adds one line here. */
export const areas: Area[] = [cukaiArea];
