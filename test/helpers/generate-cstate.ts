// Writes a cState site with a few hundred generated issues, in cState's own
// loose style, for the import round trip and its Astro build.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { seededRandom } from '../../src/domain/hash.ts';

export const GENERATED_ISSUE_COUNT = 300;
const SYSTEMS = ['Website', 'Login', 'API', 'Database', 'Search'];
const SEVERITIES = ['down', 'disrupted', 'notice', 'Down', 'disrupt', 'Disrupted'];
const RESOLVED = [true, 'true', 'yes', 'True'];
const LABELS = ['Investigating', 'Identified', 'Monitoring', 'Update'];

function naive(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

/** Writes `config.yml` and `content/issues/*.md` of a generated cState site into `folder`. */
export async function generateCstateSite(folder: string): Promise<void> {
  const next = seededRandom(20260101);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  await mkdir(path.join(folder, 'content', 'issues'), { recursive: true });
  const systems = SYSTEMS.map((name) => `    - name: ${name}\n      category: Everything`).join('\n');
  await writeFile(path.join(folder, 'config.yml'), `title: Generated\nbaseURL: https://status.generated.example\nparams:\n  categories:\n    - name: Everything\n  systems:\n${systems}\n`);

  for (let index = 0; index < GENERATED_ISSUE_COUNT; index++) {
    const start = new Date(Date.UTC(2025, 0, 1) + Math.floor(next() * 360 * 24) * 3_600_000);
    const severity = pick(SEVERITIES);
    const affected = [pick(SYSTEMS), pick(SYSTEMS)];
    const updateCount = 1 + Math.floor(next() * 4);
    const updates: string[] = [];
    let at = start;
    for (let step = 0; step < updateCount; step++) {
      at = new Date(at.getTime() + (1 + Math.floor(next() * 60)) * 60_000);
      updates.unshift(`*${pick(LABELS)}* - Step ${step + 1} of issue ${index}. {{< track "${naive(at)}" >}}`);
    }
    const end = new Date(at.getTime() + 30 * 60_000);
    const frontmatter = [
      '---',
      `title: Generated issue ${index}`,
      `date: ${naive(start)}`,
      `resolved: ${JSON.stringify(pick(RESOLVED))}`,
      `resolvedWhen: ${naive(end)}`,
      `severity: ${severity}`,
      'affected:',
      ...affected.map((name) => `  - ${name}`),
      '---',
    ];
    const name = `${start.toISOString().slice(0, 10)}-generated-${String(index).padStart(3, '0')}.md`;
    await writeFile(path.join(folder, 'content', 'issues', name), `${frontmatter.join('\n')}\n\n${updates.join('\n\n')}\n`);
  }
}
