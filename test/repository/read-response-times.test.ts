import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseResponseTimes } from '../../src/domain/response-times.ts';
import type { Problem } from '../../src/repository/problem.ts';
import { readResponseTimes, RESPONSE_TIMES_FOLDER } from '../../src/repository/read-response-times.ts';
import { generateResponseTimes } from '../../scripts/generate-response-times.ts';

const HEADER = 'date,count,min_ms,p50_ms,p95_ms,max_ms';
const SERVICE_IDS = ['api', 'web', 'db'];

let root: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'sitrep-response-times-'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function write(name: string, text: string): Promise<void> {
  const file = path.join(root, RESPONSE_TIMES_FOLDER, name);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
}

function describeProblems(problems: readonly Problem[]): string {
  return problems.map((problem) => `${problem.file}:${problem.line ?? '-'} ${problem.field ?? '-'} ${problem.message} / ${problem.fix}`).join('\n');
}

describe('readResponseTimes', () => {
  it('reads no data without folder', async () => {
    const result = await readResponseTimes(root, SERVICE_IDS);
    expect(result.problems).toEqual([]);
    expect(result.series.size).toBe(0);
    expect(result.fileCount).toBe(0);
  });

  it('reads one series per service file', async () => {
    await write('api.csv', `${HEADER}\n2026-03-01,288,41,63,120,480\n2026-03-02,280,40,60,110,300\n`);
    await write('web.csv', `${HEADER}\n`);
    const result = await readResponseTimes(root, SERVICE_IDS);

    expect(result.problems, describeProblems(result.problems)).toEqual([]);
    expect(result.fileCount).toBe(2);
    expect(result.series.get('api')?.map((day) => day.date)).toEqual(['2026-03-01', '2026-03-02']);
    expect(result.series.get('web')).toEqual([]);
    expect(result.series.has('db')).toBe(false);
  });

  it('skips dot files and README.md', async () => {
    await write('.gitkeep', '');
    await write('README.md', '# Response times\n');
    const result = await readResponseTimes(root, SERVICE_IDS);
    expect(result.problems).toEqual([]);
    expect(result.fileCount).toBe(0);
  });

  it('reports unknown service with did-you-mean', async () => {
    await write('apii.csv', `${HEADER}\n2026-03-01,288,41,63,120,480\n`);
    const result = await readResponseTimes(root, SERVICE_IDS);

    expect(result.problems, describeProblems(result.problems)).toHaveLength(1);
    const [problem] = result.problems;
    expect(problem!.file).toBe('content/response-times/apii.csv');
    expect(problem!.message).toContain('unknown service `apii`');
    expect(problem!.fix).toContain('did you mean `api`?');
    expect(problem!.fix).toContain('`api.csv`');
    expect(result.series.has('apii')).toBe(false);
  });

  it('lists service ids without close match', async () => {
    await write('checkout.csv', `${HEADER}\n`);
    const result = await readResponseTimes(root, SERVICE_IDS);

    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]!.message).toContain('unknown service `checkout`');
    expect(result.problems[0]!.fix).toContain('`api`, `web`, `db`');
  });

  it('checks contents of unknown service file', async () => {
    await write('apii.csv', `${HEADER}\n2026-03-01,288,41,63,120\n`);
    const result = await readResponseTimes(root, SERVICE_IDS);
    expect(result.problems.map((problem) => problem.line)).toEqual([undefined, 2]);
    expect(result.fileCount).toBe(1);
  });

  it('reports non-csv file', async () => {
    await write('api.txt', `${HEADER}\n`);
    const result = await readResponseTimes(root, SERVICE_IDS);

    expect(result.problems).toHaveLength(1);
    const [problem] = result.problems;
    expect(problem!.file).toBe('content/response-times/api.txt');
    expect(problem!.message).toContain('only `.csv` files');
    expect(problem!.fix).toContain('rename it to `api.csv`');
    expect(result.fileCount).toBe(0);
  });

  it('reports upper-case extension', async () => {
    await write('api.CSV', `${HEADER}\n`);
    const result = await readResponseTimes(root, SERVICE_IDS);
    expect(result.problems.map((problem) => problem.fix)).toEqual([expect.stringContaining('`api.csv`')]);
  });

  it('reports sub-folder', async () => {
    await write('old/api.csv', `${HEADER}\n`);
    const result = await readResponseTimes(root, SERVICE_IDS);

    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]!.file).toBe('content/response-times/old/');
    expect(result.problems[0]!.message).toContain('is not read');
  });

  it('reports folder that is a file', async () => {
    await mkdir(path.join(root, 'content'), { recursive: true });
    await writeFile(path.join(root, RESPONSE_TIMES_FOLDER), 'not a folder');
    const result = await readResponseTimes(root, SERVICE_IDS);

    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]!.message).toContain('is a file, not a folder');
  });

  it('places every problem in every file', async () => {
    await write('api.csv', `${HEADER}\n2026-03-01,288,41,63,120,480\n2026-03-01,288,41,63,120,480\n2026-03-02,288,41,63,120,x\n`);
    await write('web.csv', 'date,count\n2026-03-01,0,41,63,120,480\n');
    const result = await readResponseTimes(root, SERVICE_IDS);

    const places = result.problems.map((problem) => `${problem.file}:${problem.line} ${problem.field ?? '-'}`);
    expect(places).toEqual([
      'content/response-times/api.csv:3 date',
      'content/response-times/api.csv:4 max_ms',
      'content/response-times/web.csv:1 -',
      'content/response-times/web.csv:2 count',
    ]);
    expect(result.series.get('api')).toHaveLength(1);
  });
});

describe('generateResponseTimes', () => {
  const options = {
    serviceIds: ['api', 'web'],
    days: 90,
    end: new Date('2026-03-10T12:00:00Z'),
    timeZone: 'America/New_York',
    seed: 7,
  };

  it('writes valid files for every service', async () => {
    const files = await generateResponseTimes(root, options);
    expect(files).toEqual(['content/response-times/api.csv', 'content/response-times/web.csv']);

    const result = await readResponseTimes(root, options.serviceIds);
    expect(result.problems, describeProblems(result.problems)).toEqual([]);
    for (const serviceId of options.serviceIds) {
      const days = result.series.get(serviceId)!;
      expect(days.length).toBeGreaterThan(75);
      expect(days.length).toBeLessThanOrEqual(90);
      expect(days.at(-1)!.date <= '2026-03-10').toBe(true);
      expect(days[0]!.date >= '2025-12-11').toBe(true);
    }
  });

  it('gives p95 about 1.5 to 3 times p50', async () => {
    await generateResponseTimes(root, options);
    const { series } = await readResponseTimes(root, options.serviceIds);
    const ratios = [...series.values()].flat().map((day) => day.p95Ms / day.p50Ms).sort((a, b) => a - b);
    const median = ratios[Math.floor(ratios.length / 2)]!;
    expect(median).toBeGreaterThanOrEqual(1.5);
    expect(median).toBeLessThanOrEqual(3);
  });

  it('is deterministic for a seed', async () => {
    await generateResponseTimes(root, options);
    const first = await readFile(path.join(root, RESPONSE_TIMES_FOLDER, 'api.csv'), 'utf8');
    await generateResponseTimes(root, options);
    const second = await readFile(path.join(root, RESPONSE_TIMES_FOLDER, 'api.csv'), 'utf8');
    await generateResponseTimes(root, { ...options, seed: 8 });
    const third = await readFile(path.join(root, RESPONSE_TIMES_FOLDER, 'api.csv'), 'utf8');

    expect(second).toBe(first);
    expect(third).not.toBe(first);
    expect(parseResponseTimes(third).problems).toEqual([]);
  });
});
