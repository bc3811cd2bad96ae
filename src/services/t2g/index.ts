import type { Area } from '../area.ts';
import { t2gEndpoints } from './routes.ts';
import '../../lifecycle/pabean/engine.ts';

/** Seed 002: the third-party gateway's status/response log API, answered from the customs lifecycle. */
export const t2gArea: Area = { name: 't2g', endpoints: t2gEndpoints };
