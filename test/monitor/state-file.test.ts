// The state file: reading, atomic writes, the lock, heartbeats and the
// response-time rollup arithmetic.
import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseResponseTimes } from '../../src/domain/response-times.ts';
import { appendRow, percentile, planRollup, summariseDay } from '../../src/monitor/rollup.ts';
import {
  emptyServiceState,
  emptyState,
  lockState,
  mergeHeartbeats,
  readState,
  recordHeartbeat,
  StateFileError,
  writeState,
} from '../../src/monitor/state-file.ts';

const folders: string[] = [];
afterAll(async () => {
  for (const folder of folders) await rm(folder, { recursive: true, force: true });
});

async function temporaryFolder(): Promise<string> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'sitrep-state-'));
  folders.push(folder);
  return folder;
}

describe('state file', () => {
  it('starts empty without a file', async () => {
    const folder = await temporaryFolder();
    expect(await readState(path.join(folder, 'missing.json'))).toEqual(emptyState());
  });

  it('writes and reads back', async () => {
    const file = path.join(await temporaryFolder(), 'nested', 'state.json');
    const state = emptyState();
    state.services.api = { ...emptyServiceState(), unhealthyRuns: 1, failingSince: '2026-03-10T12:00:00.000Z' };
    await writeState(file, state);
    expect(await readState(file)).toEqual(state);
    // Only the state file is left: the temporary file was renamed over it.
    expect(await readdir(path.dirname(file))).toEqual(['state.json']);
  });

  it('redacts while writing', async () => {
    const file = path.join(await temporaryFolder(), 'state.json');
    const state = emptyState();
    state.services.api = { ...emptyServiceState(), last: { at: '2026-03-10T12:00:00Z', outcome: 'down', kind: 'status', message: 'echo s3cr3t', attempts: 1, maintenance: false } };
    await writeState(file, state, { redact: (text) => text.replaceAll('s3cr3t', '[redacted:KEY]') });
    expect(await readFile(file, 'utf8')).not.toContain('s3cr3t');
  });

  it('rejects invalid JSON', async () => {
    const file = path.join(await temporaryFolder(), 'state.json');
    await writeFile(file, '{"version": 1,');
    await expect(readState(file)).rejects.toThrow(StateFileError);
    await expect(readState(file)).rejects.toThrow(`the state file ${file} is not valid JSON`);
  });

  it('rejects an unknown version', async () => {
    const file = path.join(await temporaryFolder(), 'state.json');
    await writeFile(file, '{"version": 2, "services": {}}');
    await expect(readState(file)).rejects.toThrow(`the state file ${file} is invalid at \`version\``);
  });
});

describe('state lock', () => {
  it('rejects a second run', async () => {
    const file = path.join(await temporaryFolder(), 'state.json');
    const release = await lockState(file);
    await expect(lockState(file)).rejects.toThrow('another `sitrep check` is using the state file');
    await release();
    const again = await lockState(file);
    await again();
  });

  it('takes over a stale lock', async () => {
    const file = path.join(await temporaryFolder(), 'state.json');
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(`${file}.lock`, '12345\n');
    const old = new Date(Date.now() - 20 * 60_000);
    await utimes(`${file}.lock`, old, old);
    const release = await lockState(file);
    await release();
  });
});

describe('heartbeats', () => {
  it('records a beat', async () => {
    const file = path.join(await temporaryFolder(), 'state.json');
    await recordHeartbeat(file, 'backup', new Date('2026-03-10T12:00:00Z'));
    await recordHeartbeat(file, 'backup', new Date('2026-03-10T13:00:00Z'));
    const state = await readState(file);
    expect(state.services.backup!.heartbeat).toEqual({ lastBeat: '2026-03-10T13:00:00.000Z', watchingSince: '2026-03-10T12:00:00.000Z' });
  });

  it('keeps beats from the disk', () => {
    const next = emptyState();
    next.services.backup = { ...emptyServiceState(), heartbeat: { lastBeat: '2026-03-10T12:00:00Z', watchingSince: '2026-03-10T11:00:00Z' } };
    const onDisk = emptyState();
    onDisk.services.backup = { ...emptyServiceState(), heartbeat: { lastBeat: '2026-03-10T12:30:00Z', watchingSince: '2026-03-10T11:00:00Z' } };
    onDisk.services.nightly = { ...emptyServiceState(), heartbeat: { lastBeat: '2026-03-10T12:10:00Z', watchingSince: '2026-03-10T12:10:00Z' } };

    const merged = mergeHeartbeats(next, onDisk);
    expect(merged.services.backup!.heartbeat!.lastBeat).toBe('2026-03-10T12:30:00Z');
    expect(merged.services.nightly!.heartbeat!.lastBeat).toBe('2026-03-10T12:10:00Z');
  });

  it('keeps the later beat', () => {
    const next = emptyState();
    next.services.backup = { ...emptyServiceState(), heartbeat: { lastBeat: '2026-03-10T13:00:00Z', watchingSince: '2026-03-10T11:00:00Z' } };
    const onDisk = emptyState();
    onDisk.services.backup = { ...emptyServiceState(), heartbeat: { lastBeat: '2026-03-10T12:30:00Z', watchingSince: '2026-03-10T11:00:00Z' } };
    expect(mergeHeartbeats(next, onDisk).services.backup!.heartbeat!.lastBeat).toBe('2026-03-10T13:00:00Z');
  });
});

describe('rollup', () => {
  it('computes nearest-rank percentiles', () => {
    const values = Array.from({ length: 20 }, (_, index) => (index + 1) * 10);
    expect(percentile(values, 50)).toBe(100);
    expect(percentile(values, 95)).toBe(190);
    expect(percentile([42], 95)).toBe(42);
    expect(summariseDay('2026-03-10', [30, 10.4, 20])).toEqual({ date: '2026-03-10', count: 3, minMs: 10, p50Ms: 20, p95Ms: 30, maxMs: 30 });
  });

  it('adds samples to today', () => {
    const first = planRollup('api', emptyServiceState(), '2026-03-10', 41.6, undefined);
    expect(first.state.samples).toEqual({ date: '2026-03-10', ms: [42] });
    expect(first.operation).toBeUndefined();
    const second = planRollup('api', first.state, '2026-03-10', undefined, undefined);
    expect(second.state.samples).toEqual({ date: '2026-03-10', ms: [42] });
  });

  it('finalises an earlier day', () => {
    const state = { ...emptyServiceState(), samples: { date: '2026-03-09', ms: [40, 60, 50] } };
    const plan = planRollup('api', state, '2026-03-10', 70, undefined);
    expect(plan.operation).toEqual({ kind: 'append-row', file: 'content/response-times/api.csv', date: '2026-03-09', row: '2026-03-09,3,40,50,60,60', service: 'api' });
    expect(plan.state.samples).toEqual({ date: '2026-03-10', ms: [70] });
  });

  it('drops a day the file has', () => {
    const state = { ...emptyServiceState(), samples: { date: '2026-03-09', ms: [40] } };
    const plan = planRollup('api', state, '2026-03-10', undefined, 'date,count,min_ms,p50_ms,p95_ms,max_ms\n2026-03-09,1,40,40,40,40\n');
    expect(plan.operation).toBeUndefined();
    expect(plan.problem).toBe('content/response-times/api.csv already has a row for 2026-03-09, so the 1 samples of 2026-03-09 were not written');
    expect(plan.state.samples).toBeUndefined();
  });

  it('appends rows keeping bytes', () => {
    const header = 'date,count,min_ms,p50_ms,p95_ms,max_ms';
    expect(appendRow(undefined, '2026-03-10', '2026-03-10,1,5,5,5,5')).toBe(`${header}\n2026-03-10,1,5,5,5,5\n`);
    expect(appendRow(`${header}\r\n2026-03-09,1,4,4,4,4`, '2026-03-10', '2026-03-10,1,5,5,5,5')).toBe(`${header}\r\n2026-03-09,1,4,4,4,4\r\n2026-03-10,1,5,5,5,5\r\n`);
    expect(appendRow(`${header}\n2026-03-10,1,4,4,4,4\n`, '2026-03-10', '2026-03-10,1,5,5,5,5')).toBeUndefined();
    expect(() => appendRow(`${header}\n2026-03-11,1,4,4,4,4\n`, '2026-03-10', '2026-03-10,1,5,5,5,5')).toThrow(RangeError);
    expect(() => appendRow('nonsense\n', '2026-03-10', '2026-03-10,1,5,5,5,5')).toThrow(RangeError);
    expect(parseResponseTimes(appendRow(undefined, '2026-03-10', '2026-03-10,1,5,5,5,5')!).problems).toEqual([]);
  });
});
