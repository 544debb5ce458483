// Writes realistic daily response times for the services of a site, for
// fixtures, demos and benchmarks, until the monitor records real ones.
//
//   npx tsx scripts/generate-response-times.ts --root DIR --days 90
//
// It reads the service ids and the time zone from DIR/content/config.yml and
// writes DIR/content/response-times/<service-id>.csv, replacing those files
// only. The output is deterministic for a given seed and end time.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { formatResponseTimes, type ResponseDay } from '../src/domain/response-times.ts';
import { isTimeZone, parseZonedTime } from '../src/domain/time.ts';
import { localDays } from '../src/domain/uptime-days.ts';
import { hashText, seededRandom } from '../src/domain/hash.ts';

export interface GenerateResponseTimesOptions {
  serviceIds: readonly string[];
  /** How many calendar days to cover, ending with the day that contains `end`. */
  days: number;
  end: Date;
  /** The site's IANA time zone, which decides where each calendar day starts. */
  timeZone: string;
  seed: number;
}

// One sample every 5 minutes, as a monitor on a 5-minute schedule takes them.
const SAMPLES_PER_DAY = 288;
const MISSING_DAY_CHANCE = 0.03;
const SPIKE_CHANCE = 0.05;

/**
 * Writes one response-times file per service into `root`/content/response-times
 * and returns the paths written, relative to `root`. Each service gets its
 * own baseline of 40–300 ms, a slow drift, daily noise, occasional spikes and
 * a few missing days.
 */
export async function generateResponseTimes(root: string, options: GenerateResponseTimesOptions): Promise<string[]> {
  if (!Number.isInteger(options.days) || options.days < 1) {
    throw new RangeError(`invalid days \`${options.days}\`: expected a whole number of at least 1`);
  }

  const dates = localDays(options.end, options.days, options.timeZone).map((day) => day.date);
  const folder = path.join(root, 'content', 'response-times');
  await mkdir(folder, { recursive: true });

  const written: string[] = [];
  for (const serviceId of options.serviceIds) {
    // Seeding per service id keeps a service's data the same when others are added.
    const random = seededRandom((options.seed ^ hashText(serviceId)) >>> 0);
    const days = generateServiceDays(dates, random);
    await writeFile(path.join(folder, `${serviceId}.csv`), formatResponseTimes(days));
    written.push(`content/response-times/${serviceId}.csv`);
  }
  return written;
}

function generateServiceDays(dates: readonly string[], random: () => number): ResponseDay[] {
  const baseline = 40 + random() * 260;
  const days: ResponseDay[] = [];
  let drift = 1;

  for (const date of dates) {
    // A slow random walk, so a service gets gradually faster or slower, held within ±40 %.
    drift = Math.min(1.4, Math.max(0.6, drift + (random() - 0.5) * 0.06));
    if (random() < MISSING_DAY_CHANCE) continue;

    const noise = 1 + (random() - 0.5) * 0.3;
    const isSpike = random() < SPIKE_CHANCE;
    const p50 = baseline * drift * noise * (isSpike ? 1.5 + random() : 1);
    const p95 = p50 * (1.5 + random() * 1.5) * (isSpike ? 1.5 + random() * 2 : 1);
    const min = p50 * (0.5 + random() * 0.35);
    const max = p95 * (1.2 + random() * (isSpike ? 6 : 2.5));

    // Failed checks are not samples, so most days have a few fewer than the full 288.
    const failed = Math.floor(random() * random() * (isSpike ? 60 : 6));

    // Rounding each value on its own could break min ≤ p50 ≤ p95 ≤ max, so each is raised to the one before.
    const minMs = Math.round(min);
    const p50Ms = Math.max(minMs, Math.round(p50));
    const p95Ms = Math.max(p50Ms, Math.round(p95));
    const maxMs = Math.max(p95Ms, Math.round(max));
    days.push({ date, count: SAMPLES_PER_DAY - failed, minMs, p50Ms, p95Ms, maxMs });
  }
  return days;
}


/** Reads the service ids and the time zone from `root`/content/config.yml, or throws an Error that names the problem. */
export async function readSiteServices(root: string): Promise<{ serviceIds: string[]; timeZone: string }> {
  const file = path.join(root, 'content', 'config.yml');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new Error(`${file} is missing; pass --root with the folder that contains content/config.yml`);
  }

  const config = parse(text) as { services?: unknown; timezone?: unknown } | null;
  const services = Array.isArray(config?.services) ? (config.services as unknown[]) : [];
  const serviceIds = services
    .map((service) => (service as { id?: unknown } | null)?.id)
    .filter((id): id is string => typeof id === 'string' && id !== '');
  if (serviceIds.length === 0) {
    throw new Error(`${file} lists no services with an \`id\`; run \`npm run validate\` to see what is wrong`);
  }

  const timeZone = config?.timezone ?? 'UTC';
  if (typeof timeZone !== 'string' || !isTimeZone(timeZone)) {
    throw new Error(`${file} has the unknown time zone \`${String(timeZone)}\`; run \`npm run validate\` to see the fix`);
  }
  return { serviceIds, timeZone };
}

const USAGE = 'usage: generate-response-times --root DIR [--days 90] [--seed 1] [--end 2026-03-10T12:00Z]';

function fail(message: string): never {
  process.stderr.write(`generate-response-times: ${message}\n${USAGE}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      root: { type: 'string' },
      days: { type: 'string', default: '90' },
      seed: { type: 'string', default: '1' },
      end: { type: 'string' },
    },
  });

  if (!values.root) fail('--root DIR is required (the site folder that contains content/config.yml)');
  const days = Number(values.days);
  if (!Number.isInteger(days) || days < 1) fail(`invalid --days \`${values.days}\`: expected a whole number of days, at least 1`);
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) fail(`invalid --seed \`${values.seed}\`: expected a whole number`);

  let end = new Date();
  if (values.end) {
    const parsed = parseZonedTime(values.end);
    if (!parsed.ok) fail(`invalid --end: ${parsed.message}; ${parsed.fix}`);
    end = parsed.date;
  }

  const root = values.root;
  let site: { serviceIds: string[]; timeZone: string };
  try {
    site = await readSiteServices(root);
  } catch (error) {
    fail((error as Error).message);
  }

  const files = await generateResponseTimes(root, { serviceIds: site.serviceIds, timeZone: site.timeZone, days, end, seed });
  process.stdout.write(`Wrote ${days} days of response times for ${files.length} services to ${path.join(root, 'content', 'response-times')}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
