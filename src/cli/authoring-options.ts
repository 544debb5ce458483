// The options that several authoring commands share, with their parsers,
// prompts and the words of their errors.
import {
  parseAffected,
  parseIncidentStatus,
  parseText,
  parseTimeFlag,
  timeNow,
  type GivenTime,
  type Parsed,
} from '../authoring/parse-flags.ts';
import { incidentStatuses, serviceImpacts, type IncidentStatus, type ServiceImpact } from '../domain/schema/vocabulary.ts';
import type { OptionSpec, SiteFacts } from './authoring-support.ts';

/** The option values of every authoring command, as node:util's parseArgs returns them. */
export interface OptionValues {
  title?: string;
  affected?: string[];
  message?: string;
  status?: string;
  at?: string;
  services?: string[];
  start?: string;
  end?: string;
  duration?: string;
}

/** Returns the single value of an option in the list form that OptionSpec takes. */
export function asList(value: string | undefined): string[] | undefined {
  return value === undefined ? undefined : [value];
}

function single<T>(parse: (text: string) => Parsed<T>): (values: readonly string[]) => Parsed<T> {
  return (values) => parse(values.at(-1) ?? '');
}

/**
 * Returns the spec of `--at`: an ISO 8601 time with an offset, by default
 * the current time in UTC, moved back by `clockOffsetMs` on the example site.
 */
export function atOption(values: OptionValues, label: string, clockOffsetMs = 0): OptionSpec<GivenTime> {
  return {
    flag: 'at',
    given: asList(values.at),
    parse: single(parseTimeFlag),
    fallback: () => timeNow(new Date(Date.now() - clockOffsetMs)),
    question: `${label} (ISO 8601 with an offset): `,
    describe: 'an ISO 8601 time with an offset, for example --at 2026-03-10T14:10Z',
  };
}

/** Returns the spec of a text option such as `--title` or `--message`, which is required unless `fallback` is given. */
export function textOption(flag: string, value: string | undefined, label: string, example: string, fallback?: string): OptionSpec<string> {
  return {
    flag,
    given: asList(value),
    parse: single((text) => parseText(text, label)),
    fallback: fallback === undefined ? undefined : () => fallback,
    question: `${label.charAt(0).toUpperCase()}${label.slice(1)}: `,
    describe: `the ${label}, for example --${flag} "${example}"`,
  };
}

/** Returns the spec of `--status` of an incident update, which is required unless `fallback` is given. */
export function statusOption(value: string | undefined, fallback?: IncidentStatus): OptionSpec<IncidentStatus> {
  return {
    flag: 'status',
    given: asList(value),
    parse: single(parseIncidentStatus),
    fallback: fallback === undefined ? undefined : () => fallback,
    question: `Status (${incidentStatuses.join(', ')}): `,
    describe: `one of ${incidentStatuses.join(', ')}, for example --status identified`,
  };
}

/** Returns the spec of `--affected SERVICE=IMPACT`, checked against the services of the site. */
export function affectedOption(values: string[] | undefined, site: SiteFacts, required: boolean): OptionSpec<Record<string, ServiceImpact> | undefined> {
  const ids = site.services.map((service) => service.id);
  return {
    flag: 'affected',
    given: values,
    parse: (list) => parseAffected(list, ids),
    fallback: required ? undefined : () => undefined,
    question: 'Affected services (SERVICE=IMPACT, separated by commas, or none): ',
    hint: describeServices(site, true),
    describe: 'each affected service with its impact, for example --affected api=major_outage,web=partial_outage',
  };
}

/** Lists the site's services, and the impacts when `withImpacts` is set, for a prompt. */
export function describeServices(site: SiteFacts, withImpacts: boolean): string {
  const width = Math.max(0, ...site.services.map((service) => service.id.length));
  const services = site.services.length > 0
    ? site.services.map((service) => `  ${service.id.padEnd(width)}  ${service.name}`).join('\n')
    : '  (none found in content/config.yml)';
  const impacts = withImpacts ? `\nImpacts, from least to worst: ${serviceImpacts.join(', ')}` : '';
  return `Services:\n${services}${impacts}`;
}
