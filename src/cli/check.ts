// `sitrep check`: runs every configured check once and prints what it found
// and what it changed, as a table or as JSON.
import path from 'node:path';
import { MonitorRunError, runMonitor, type MonitorOptions, type MonitorReport, type ServiceReport } from '../monitor/monitor-run.ts';
import { StateFileError, DEFAULT_STATE_PATH } from '../monitor/state-file.ts';
import { formatSeconds } from '../monitor/classify.ts';

export const CHECK_HELP = `Usage: sitrep check [options]

Runs the check of every service in content/config.yml once, records the
response times, and opens or resolves automated incidents in incidents/.
docs/monitor.md describes the checks, the rules and the state file.

Options:
  --state PATH         the monitor's state file
                       (default: .sitrep/monitor-state.json in the site folder)
  --only SERVICE...    check only these services; repeat the option, or
                       separate ids with commas or spaces
  --dry-run            run the checks and list the files that would be
                       written, but write nothing, not even the state
  --json               print the results as JSON
  --root DIR           the site's folder, holding content/ and incidents/
                       (default: $SITREP_ROOT, or the current folder)
  -h, --help           show this help

Exit status: 0 when the run completed, whatever the services' states;
1 when the run failed, such as on invalid content, an unset variable or a
file that could not be written.`;

/** The folders and output streams of a monitor command. */
export interface MonitorCommandContext {
  root: string;
  cwd: string;
  environment: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export interface CheckValues {
  state?: string;
  only?: string[];
  'dry-run'?: boolean;
  json?: boolean;
}

/**
 * Runs `sitrep check` and returns the exit code. `extraServices` are
 * positional words after `--only`, so `--only api web` selects both.
 */
export async function runCheck(
  context: MonitorCommandContext,
  values: CheckValues,
  extraServices: readonly string[],
  hooks: Pick<MonitorOptions, 'now' | 'lookup' | 'wait' | 'afterPendingWritten'> = {},
): Promise<number> {
  const only = [...(values.only ?? []), ...extraServices].flatMap((value) => value.split(/[\s,]+/)).filter((id) => id !== '');
  const statePath = values.state === undefined ? path.join(context.root, DEFAULT_STATE_PATH) : path.resolve(context.cwd, values.state);

  let report: MonitorReport;
  try {
    report = await runMonitor({ root: context.root, statePath, only, dryRun: values['dry-run'], environment: context.environment, ...hooks });
  } catch (error) {
    if (error instanceof MonitorRunError || error instanceof StateFileError) {
      const details = error instanceof MonitorRunError && error.details.length > 0 ? `\n${error.details.join('\n')}\n` : '';
      context.stderr(`sitrep check: ${error.message}\n  Fix: ${error.fix}\n${details}`);
      return 1;
    }
    throw error;
  }

  const shownState = path.relative(context.cwd, statePath) || statePath;
  const writes = report.writes.map((file) => (file === statePath ? shownState : file));
  if (values.json) context.stdout(`${JSON.stringify(jsonReport(report, writes), null, 2)}\n`);
  else context.stdout(textReport(report, writes));
  return report.failedWrites ? 1 : 0;
}

/** Formats the report as the table and notes that `sitrep check` prints. */
export function textReport(report: MonitorReport, writes: readonly string[]): string {
  const rows = report.services.map((service) => [service.id, resultText(service), service.ms === undefined ? '' : `${service.ms} ms`, service.action || '-']);
  const header = ['SERVICE', 'RESULT', 'TIME', 'ACTION'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: readonly string[]) => cells.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  ').trimEnd();

  const lines = [line(header), ...rows.map(line)];
  if (report.services.length === 0) lines.push('(no service has a `check` in content/config.yml)');

  for (const service of report.services) {
    for (const warning of service.warnings) lines.push(`Warning: ${service.id}: ${warning}`);
  }
  if (report.offline) {
    lines.push(
      `The runner seems offline: every check failed without a response, and so did the control URL (${report.control?.message ?? 'no result'}). These failures were not counted.`,
    );
  }
  for (const item of report.finished.filter((entry) => entry.status === 'written')) {
    lines.push(`Finished ${item.operation.file}, left pending by an interrupted run.`);
  }
  for (const problem of report.problems) lines.push(`Problem: ${problem}`);

  const seconds = formatSeconds(report.durationMs);
  const count = `${report.services.length} service${report.services.length === 1 ? '' : 's'}`;
  if (report.dryRun) {
    lines.push(`Dry run: checked ${count} in ${seconds} and wrote nothing. It would write:`);
    lines.push(...writes.map((file) => `  ${file}`));
  } else {
    lines.push(`Checked ${count} in ${seconds}. Wrote ${writes.join(', ')}.`);
  }
  return `${lines.join('\n')}\n`;
}

function resultText(service: ServiceReport): string {
  const attempts = service.attempts > 1 ? ` (${service.attempts} attempts)` : '';
  if (service.outcome === 'up') return `up${attempts}`;
  const label = service.outcome === 'degraded' ? 'slow' : `down, ${service.kind ?? 'error'}`;
  return `${label}: ${service.message}${attempts}`;
}

/** Returns the report as `--json` prints it. */
export function jsonReport(report: MonitorReport, writes: readonly string[]): Record<string, unknown> {
  return {
    startedAt: report.startedAt.toISOString(),
    durationMs: report.durationMs,
    dryRun: report.dryRun,
    offline: report.offline,
    control: report.control ? { outcome: report.control.outcome, kind: report.control.kind, message: report.control.message } : undefined,
    services: report.services.map((service) => ({
      id: service.id,
      name: service.name,
      outcome: service.outcome,
      kind: service.kind,
      message: service.message,
      ms: service.ms,
      attempts: service.attempts,
      maintenance: service.maintenance,
      action: service.action,
      files: service.files,
      warnings: service.warnings,
    })),
    writes,
    finished: report.finished.map((item) => ({ file: item.operation.file, status: item.status, problem: item.problem })),
    problems: report.problems,
  };
}
