// Measures the uptime computation alone on a large generated history.
//
//   npx tsx bench/uptime.ts [--incidents 5000] [--years 5] [--services 100] [--runs 7]
//
// Generates the content with scripts/generate-content.ts, loads and
// validates it, then times computeUptime for 90 days of bars and all
// windows. Prints the median of the runs. Record results in docs/benchmarks.md.
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { computeUptime } from '../src/domain/uptime.ts';
import { trackingStarts } from '../src/domain/tracking.ts';
import { loadRepository } from '../src/repository/load-repository.ts';
import { generateContent } from '../scripts/generate-content.ts';
import { PACKAGE_ROOT } from '../test/helpers/astro-build.ts';

const { values } = parseArgs({
  options: {
    incidents: { type: 'string', default: '5000' },
    years: { type: 'string', default: '5' },
    services: { type: 'string', default: '100' },
    runs: { type: 'string', default: '7' },
  },
});

const root = path.join(PACKAGE_ROOT, '.sitrep', 'bench', `uptime-${values.incidents}`);
const now = new Date('2026-12-01T00:00:00Z');
await generateContent(root, { incidents: Number(values.incidents), years: Number(values.years), services: Number(values.services), end: now });

const loadStarted = process.hrtime.bigint();
const { repository, problems } = await loadRepository(root);
const loadSeconds = Number(process.hrtime.bigint() - loadStarted) / 1e9;
if (!repository) throw new Error(`The generated content is invalid: ${problems.length} problems`);

const times: number[] = [];
for (let run = 0; run < Number(values.runs); run++) {
  const started = process.hrtime.bigint();
  computeUptime(repository, { now, days: 90, since: trackingStarts(repository.config, repository.incidents, new Map(), now) });
  times.push(Number(process.hrtime.bigint() - started) / 1e6);
}
times.sort((a, b) => a - b);

console.log(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`);
console.log(`${values.incidents} incidents over ${values.years} years, ${values.services} services`);
console.log(`Reading and validating the files: ${loadSeconds.toFixed(2)} s`);
console.log(`computeUptime, median of ${values.runs}: ${times[Math.floor(times.length / 2)]!.toFixed(1)} ms (fastest ${times[0]!.toFixed(1)} ms)`);
