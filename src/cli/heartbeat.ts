// `sitrep heartbeat <service>`: records that a scheduled job ran, for the
// service's heartbeat check.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { closestMatch } from '../domain/suggest.ts';
import { CONTENT_PATHS } from '../repository/load-repository.ts';
import { parseYamlSource } from '../repository/yaml-source.ts';
import { DEFAULT_STATE_PATH, recordHeartbeat, StateFileError } from '../monitor/state-file.ts';
import type { MonitorCommandContext } from './check.ts';

export const HEARTBEAT_HELP = `Usage: sitrep heartbeat <service> [options]

Records a heartbeat of <service> at the current time in the monitor's
state file. Run it at the end of each successful run of the job that the
service's \`check: { type: heartbeat }\` watches. The next \`sitrep check\`
counts a failure when no beat arrived within the check's period and grace.

Options:
  --state PATH   the monitor's state file
                 (default: .sitrep/monitor-state.json in the site folder)
  --root DIR     the site's folder, holding content/ and incidents/
                 (default: $SITREP_ROOT, or the current folder)
  -h, --help     show this help`;

/** Runs `sitrep heartbeat` and returns the exit code. */
export async function runHeartbeat(context: MonitorCommandContext, values: { state?: string }, service: string | undefined, now: Date = new Date()): Promise<number> {
  if (service === undefined) {
    context.stderr(`sitrep heartbeat: missing the service\n  Fix: give the id of a service whose check has \`type: heartbeat\`, such as \`sitrep heartbeat nightly-backup\`\n`);
    return 2;
  }

  const problem = await checkService(context.root, service);
  if (problem) {
    context.stderr(`sitrep heartbeat: ${problem.message}\n  Fix: ${problem.fix}\n`);
    return 2;
  }

  const statePath = values.state === undefined ? path.join(context.root, DEFAULT_STATE_PATH) : path.resolve(context.cwd, values.state);
  try {
    await recordHeartbeat(statePath, service, now);
  } catch (error) {
    if (!(error instanceof StateFileError)) throw error;
    context.stderr(`sitrep heartbeat: ${error.message}\n  Fix: ${error.fix}\n`);
    return 1;
  }
  context.stdout(`Recorded a heartbeat of ${service} at ${now.toISOString()} in ${path.relative(context.cwd, statePath) || statePath}.\n`);
  return 0;
}

// Reads content/config.yml leniently, so that a problem elsewhere in the
// content never costs a beat, and checks that the service has a heartbeat check.
async function checkService(root: string, service: string): Promise<{ message: string; fix: string } | undefined> {
  let text: string;
  try {
    text = await readFile(path.join(root, CONTENT_PATHS.config), 'utf8');
  } catch {
    return { message: `the site configuration is missing (looked in ${path.resolve(root)})`, fix: 'give the site folder with --root or SITREP_ROOT' };
  }

  const data = parseYamlSource(text).data as { services?: unknown } | undefined;
  const services = Array.isArray(data?.services) ? (data.services as { id?: unknown; check?: { type?: unknown } }[]) : [];
  const ids = services.flatMap((entry) => (typeof entry?.id === 'string' ? [entry.id] : []));
  const entry = services.find((candidate) => candidate?.id === service);
  if (!entry) {
    const guess = closestMatch(service, ids);
    return { message: `unknown service \`${service}\``, fix: guess ? `did you mean \`${guess}\`?` : 'use the id of a service in content/config.yml' };
  }
  if (entry.check?.type !== 'heartbeat') {
    return { message: `the service \`${service}\` has no heartbeat check`, fix: 'give it `check: { type: heartbeat, period: 1h }` in content/config.yml, or name another service' };
  }
  return undefined;
}
