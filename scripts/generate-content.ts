// Writes a synthetic status site with years of history, for benchmarks and
// for tests that need more content than a hand-written fixture.
//
//   npx tsx scripts/generate-content.ts --out /tmp/big-site --incidents 300 --years 3 --services 20
//
// The output is deterministic for a given seed.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { seededRandom } from '../src/domain/hash.ts';

export interface GenerateOptions {
  incidents: number;
  /** How many years before `end` the history reaches back. */
  years: number;
  services: number;
  /** Services per group; the rest of the last group takes the remainder. */
  groupSize?: number;
  maintenance?: number;
  /** The newest moment any generated incident may reach. */
  end?: Date;
  seed?: number;
}

const IMPACTS = ['degraded_performance', 'partial_outage', 'major_outage'] as const;

/** Writes `content/` and `incidents/` for a synthetic site into `root`, replacing what was there. */
export async function generateContent(root: string, options: GenerateOptions): Promise<void> {
  const random = seededRandom(options.seed ?? 1);
  const end = options.end ?? new Date('2026-12-01T00:00:00Z');
  const span = options.years * 365 * 86_400_000;
  const groupSize = options.groupSize ?? 5;

  await rm(path.join(root, 'content'), { recursive: true, force: true });
  await rm(path.join(root, 'incidents'), { recursive: true, force: true });
  await mkdir(path.join(root, 'content', 'maintenance'), { recursive: true });
  await mkdir(path.join(root, 'incidents'), { recursive: true });

  // Services, in groups.
  const serviceIds = Array.from({ length: options.services }, (_, index) => `service-${index + 1}`);
  const groupCount = Math.ceil(options.services / groupSize);
  const config = [
    'title: Synthetic Status',
    'url: https://status.example.com',
    'timezone: Europe/Berlin',
    'services:',
    ...serviceIds.flatMap((id, index) => [`  - id: ${id}`, `    name: Service ${index + 1}`, `    group: group-${Math.floor(index / groupSize) + 1}`]),
    'groups:',
    ...Array.from({ length: groupCount }, (_, index) => [`  - id: group-${index + 1}`, `    name: Group ${index + 1}`]).flat(),
  ];
  await writeFile(path.join(root, 'content', 'config.yml'), `${config.join('\n')}\n`);

  // Incidents, spread evenly with some jitter, each resolved after minutes to hours.
  for (let index = 0; index < options.incidents; index++) {
    const started = new Date(end.getTime() - span + (span * (index + random())) / options.incidents - 6 * 3_600_000);
    const minutes = 5 + Math.floor(random() * 240);
    const service = serviceIds[Math.floor(random() * serviceIds.length)]!;
    const impact = IMPACTS[Math.floor(random() * IMPACTS.length)]!;
    const at = (offsetMinutes: number) => new Date(started.getTime() + offsetMinutes * 60_000).toISOString();
    const slug = `${started.toISOString().slice(0, 10)}-incident-${index + 1}`;

    const lines = [
      '---',
      `title: Incident ${index + 1} on ${service}`,
      'affected:',
      `  ${service}: ${impact}`,
      `started: ${started.toISOString()}`,
      'updates:',
      `  - at: ${at(2)}`,
      '    status: investigating',
      '    message: We are looking into **elevated errors**.',
      `  - at: ${at(Math.floor(minutes / 2))}`,
      '    status: identified',
      '    message: A bad deploy was rolled back.',
      `  - at: ${at(minutes)}`,
      '    status: resolved',
      '    message: Everything is back to normal.',
      '---',
      '',
    ];
    await writeFile(path.join(root, 'incidents', `${slug}.md`), lines.join('\n'));
  }

  // Maintenance windows, all in the past.
  const windows = options.maintenance ?? Math.ceil(options.incidents / 20);
  for (let index = 0; index < windows; index++) {
    const start = new Date(end.getTime() - span + (span * index) / Math.max(1, windows));
    const finish = new Date(start.getTime() + 2 * 3_600_000);
    const lines = [
      '---',
      `title: Maintenance ${index + 1}`,
      `services: [${serviceIds[index % serviceIds.length]}]`,
      `start: ${start.toISOString()}`,
      `end: ${finish.toISOString()}`,
      '---',
      '',
    ];
    await writeFile(path.join(root, 'content', 'maintenance', `maintenance-${index + 1}.md`), lines.join('\n'));
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      incidents: { type: 'string', default: '300' },
      years: { type: 'string', default: '3' },
      services: { type: 'string', default: '20' },
      seed: { type: 'string', default: '1' },
    },
  });
  if (!values.out) {
    process.stderr.write('generate-content: --out DIR is required (the folder to write content/ and incidents/ into)\n');
    process.exit(2);
  }
  await generateContent(values.out, {
    incidents: Number(values.incidents),
    years: Number(values.years),
    services: Number(values.services),
    seed: Number(values.seed),
  });
  process.stdout.write(`Wrote ${values.incidents} incidents over ${values.years} years to ${values.out}\n`);
}
