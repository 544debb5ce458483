export * from './vocabulary.ts';
export * from './config.ts';
export * from './check.ts';
export * from './oncall.ts';
export * from './incident.ts';
export * from './maintenance.ts';
export * from './postmortem.ts';
export { zonedTime } from './time-field.ts';

import type { SiteConfig } from './config.ts';
import type { Incident } from './incident.ts';
import type { Maintenance } from './maintenance.ts';
import type { Postmortem } from './postmortem.ts';
import type { ResponseDay } from '../response-times.ts';

/** Everything one status site is built from, after validation. */
export interface Repository {
  config: SiteConfig;
  incidents: Incident[];
  maintenance: Maintenance[];
  postmortems: Postmortem[];
  /** Daily response-time rollups by service id; a service without data has no entry. */
  responseTimes: Map<string, ResponseDay[]>;
}
