// Runs one import: plans it, writes it (into a scratch copy for a dry run),
// validates the whole site and returns the report.
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { CONTENT_PATHS, loadRepository } from '../repository/load-repository.ts';
import { formatProblem } from '../repository/problem.ts';
import { planCstateImport } from './cstate/index.ts';
import type { ImportPlan } from './model.ts';
import type { ImportOptions } from './options.ts';
import { ImportReport } from './report.ts';
import { readMappingFile } from './source-files.ts';
import { applyPlan } from './write-files.ts';
import { planStatuspageImport } from './statuspage/index.ts';
import { planUpptimeImport } from './upptime/index.ts';

export const IMPORT_SOURCES = ['cstate', 'statuspage', 'upptime'] as const;
export type ImportSource = (typeof IMPORT_SOURCES)[number];

const PLANNERS: Record<ImportSource, (source: string, options: ImportOptions, report: ImportReport) => Promise<ImportPlan>> = {
  cstate: planCstateImport,
  statuspage: planStatuspageImport,
  upptime: planUpptimeImport,
};

export interface ImportRequest {
  kind: ImportSource;
  source: string;
  root: string;
  mappingFile?: string;
  dryRun?: boolean;
}

// The services that content/config.yml has already, by id and by lower-cased name.
async function existingServices(root: string): Promise<Pick<ImportOptions, 'existingServiceIds' | 'existingServicesByName'>> {
  const ids = new Set<string>();
  const byName = new Map<string, string>();
  let data: unknown;
  try {
    data = parseYaml(await readFile(path.join(root, CONTENT_PATHS.config), 'utf8'));
  } catch {
    return { existingServiceIds: ids, existingServicesByName: byName };
  }
  const services = (data as { services?: unknown } | null)?.services;
  for (const service of Array.isArray(services) ? services : []) {
    const { id, name } = (service ?? {}) as { id?: unknown; name?: unknown };
    if (typeof id !== 'string') continue;
    ids.add(id);
    if (typeof name === 'string' && !byName.has(name.trim().toLowerCase())) byName.set(name.trim().toLowerCase(), id);
  }
  return { existingServiceIds: ids, existingServicesByName: byName };
}

/** Imports `request.source` into `request.root` and returns the report; throws only when the source or mapping cannot be read. */
export async function runImport(request: ImportRequest): Promise<ImportReport> {
  const report = new ImportReport();
  const mapping = request.mappingFile ? await readMappingFile(request.mappingFile) : new Map<string, string>();
  const options: ImportOptions = { mapping, ...(await existingServices(request.root)) };
  const plan = await PLANNERS[request.kind](request.source, options, report);

  let target = request.root;
  let scratch: string | undefined;
  if (request.dryRun) {
    // A dry run writes into a copy of the site, so that it can be validated as a real run would.
    scratch = await mkdtemp(path.join(os.tmpdir(), 'sitrep-import-'));
    for (const folder of ['content', CONTENT_PATHS.incidents]) {
      await cp(path.join(request.root, folder), path.join(scratch, folder), { recursive: true }).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
    }
    target = scratch;
  }

  try {
    await applyPlan(target, plan, report);
    const { problems } = await loadRepository(target);
    for (const problem of problems) report.problems.push(formatProblem(problem).replace('\n', '\n   '));
  } finally {
    if (scratch) await rm(scratch, { recursive: true, force: true });
  }
  return report;
}
