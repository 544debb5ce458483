import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseResponseTimes, type ResponseDay } from '../domain/response-times.ts';
import { closestMatch } from '../domain/suggest.ts';
import type { Problem } from './problem.ts';

/** The folder of response-times files, relative to the site's root folder. */
export const RESPONSE_TIMES_FOLDER = 'content/response-times';

// Beyond this many services a list in a fix is too long to read.
const MAX_LISTED_IDS = 8;

export interface ResponseTimesResult {
  /**
   * The valid days of each configured service that has a file, oldest first.
   * A service without a file has no entry. Rows with problems are left out,
   * so check `problems` before trusting a series.
   */
  series: Map<string, ResponseDay[]>;
  problems: Problem[];
  /** How many `.csv` files were read, including those of unknown services. */
  fileCount: number;
}

/**
 * Reads every `content/response-times/<service-id>.csv` under `root` and
 * reports every problem in every file. A missing folder means no data and is
 * not a problem. Dot files and README.md are skipped. Any other file that is
 * not a `.csv` of a service in `serviceIds` is a problem, because its data
 * would otherwise never show.
 */
export async function readResponseTimes(root: string, serviceIds: readonly string[]): Promise<ResponseTimesResult> {
  const series = new Map<string, ResponseDay[]>();
  const problems: Problem[] = [];
  let fileCount = 0;

  const folder = path.join(root, RESPONSE_TIMES_FOLDER);
  let entries;
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { series, problems, fileCount };
    problems.push({
      file: `${RESPONSE_TIMES_FOLDER}/`,
      message: code === 'ENOTDIR' ? `\`${RESPONSE_TIMES_FOLDER}\` is a file, not a folder` : `failed to read the folder: ${(error as Error).message}`,
      fix: `make \`${RESPONSE_TIMES_FOLDER}/\` a readable folder that contains one \`<service-id>.csv\` file per service`,
    });
    return { series, problems, fileCount };
  }

  const sorted = [...entries].sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of sorted) {
    if (entry.name.startsWith('.') || entry.name.toLowerCase() === 'readme.md') continue;
    const file = `${RESPONSE_TIMES_FOLDER}/${entry.name}`;

    if (entry.isDirectory()) {
      problems.push({
        file: `${file}/`,
        message: `the folder \`${file}/\` is not read, because response times are read only from \`${RESPONSE_TIMES_FOLDER}/\` itself`,
        fix: `move its \`.csv\` files up into \`${RESPONSE_TIMES_FOLDER}/\`, or move the folder out of it`,
      });
      continue;
    }

    if (!entry.name.endsWith('.csv')) {
      const base = path.posix.basename(entry.name, path.posix.extname(entry.name));
      problems.push({
        file,
        message: 'this file is not read, because only `.csv` files contain response times',
        fix: `rename it to \`${base}.csv\`, or move it out of \`${RESPONSE_TIMES_FOLDER}/\``,
      });
      continue;
    }

    const serviceId = entry.name.slice(0, -'.csv'.length);
    const isKnown = serviceIds.includes(serviceId);
    if (!isKnown) problems.push(unknownServiceProblem(file, serviceId, serviceIds));

    // A file of an unknown service is still checked, so that renaming it
    // does not reveal a second round of problems.
    const parsed = parseResponseTimes(await readFile(path.join(folder, entry.name), 'utf8'));
    fileCount++;
    for (const problem of parsed.problems) problems.push({ file, ...problem });
    if (isKnown) series.set(serviceId, parsed.days);
  }

  return { series, problems, fileCount };
}

function unknownServiceProblem(file: string, serviceId: string, serviceIds: readonly string[]): Problem {
  const message = `unknown service \`${serviceId}\`: no service in content/config.yml has this id`;
  const guess = closestMatch(serviceId, serviceIds);
  if (guess) return { file, message, fix: `did you mean \`${guess}\`? Rename the file to \`${guess}.csv\`` };

  let fix = 'rename the file to `<service-id>.csv` with the id of a service in content/config.yml, or remove it';
  if (serviceIds.length > 0 && serviceIds.length <= MAX_LISTED_IDS) {
    const ids = serviceIds.map((id) => `\`${id}\``).join(', ');
    fix = `rename the file to the id of a service in content/config.yml (${ids}) followed by \`.csv\`, or remove it`;
  }
  return { file, message, fix };
}
