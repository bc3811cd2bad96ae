import type { Area } from '../../area.ts';
import { lifecycleSandboxEndpoints, statusEndpoints } from './routes.ts';
import { registerBillingAdmin } from './admin.ts';
// registers the lifecycle with the send path (onDocumentSubmitted) at module load
import '../../../lifecycle/pabean/engine.ts';

/** Status & Respon of customs documents, their lifecycle, and its sandbox controls (billing payment, timeline view). */
export const pabeanStatusArea: Area = {
  name: 'pabean-status',
  endpoints: [...statusEndpoints, ...lifecycleSandboxEndpoints],
  registerAdmin: registerBillingAdmin,
};
