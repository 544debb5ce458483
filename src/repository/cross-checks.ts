import { closestMatch } from '../domain/suggest.ts';
import type { FieldProblem } from './problem.ts';
import { listOf } from './describe-issue.ts';

/**
 * A content file as read, before or after its own schema passed. The checks
 * here read the raw data leniently, so that a file with a typo in one field
 * still has its references checked in the same run.
 */
export interface ReadFile {
  file: string;
  /** The slug from the file name, when the name is valid. */
  slug?: string;
  data: unknown;
}

export type FileProblem = FieldProblem & { file: string };

export interface CrossCheckInput {
  config: ReadFile;
  incidents: readonly ReadFile[];
  maintenance: readonly ReadFile[];
  postmortems: readonly ReadFile[];
}

/**
 * Checks what no single file can check alone: that ids are unique, and that
 * every service, group, incident and postmortem named somewhere exists.
 */
export function crossCheck({ config, incidents, maintenance, postmortems }: CrossCheckInput): FileProblem[] {
  const problems: FileProblem[] = [];
  const services = listAt(config.data, ['services']);
  const groups = listAt(config.data, ['groups']);
  const serviceIds = idsOf(services);
  const groupIds = idsOf(groups);

  problems.push(...duplicateIds(config.file, 'services', services), ...duplicateIds(config.file, 'groups', groups));

  services.forEach((service, index) => {
    const group = valueAt(service, ['group']);
    if (typeof group === 'string' && !groupIds.includes(group)) {
      problems.push({ file: config.file, path: ['services', index, 'group'], ...unknownId('group', group, groupIds) });
    }
  });

  // Without a readable service list every id would look unknown.
  const checkService = (file: string, path: (string | number)[], id: unknown, key?: string) => {
    if (serviceIds.length === 0 || typeof id !== 'string' || serviceIds.includes(id)) return;
    problems.push({ file, path, key, ...unknownId('service', id, serviceIds) });
  };

  for (const { file, data } of incidents) {
    for (const id of keysAt(data, ['affected'])) checkService(file, ['affected'], id, id);
    listAt(data, ['updates']).forEach((update, index) => {
      for (const id of keysAt(update, ['affected'])) checkService(file, ['updates', index, 'affected'], id, id);
    });
  }

  for (const { file, data } of maintenance) {
    listAt(data, ['services']).forEach((id, index) => checkService(file, ['services', index], id));
  }

  problems.push(...duplicateSlugs(incidents), ...duplicateSlugs(maintenance), ...duplicateSlugs(postmortems));
  problems.push(...duplicateStatuspageIds(config, incidents, maintenance));

  const incidentSlugs = slugsOf(incidents);
  const postmortemSlugs = slugsOf(postmortems);

  for (const { file, data } of incidents) {
    const postmortem = valueAt(data, ['postmortem']);
    if (typeof postmortem === 'string' && !postmortemSlugs.includes(postmortem)) {
      problems.push({ file, path: ['postmortem'], ...unknownId('postmortem', postmortem, postmortemSlugs, 'content/postmortems/') });
    }
  }

  for (const { file, data } of postmortems) {
    listAt(data, ['incidents']).forEach((slug, index) => {
      if (typeof slug === 'string' && !incidentSlugs.includes(slug)) {
        problems.push({ file, path: ['incidents', index], ...unknownId('incident', slug, incidentSlugs, 'incidents/') });
      }
    });
  }

  return problems;
}

function unknownId(kind: string, id: string, known: readonly string[], folder?: string): Omit<FieldProblem, 'path' | 'key'> {
  const guess = closestMatch(id, known);
  const where = folder ? `a file \`${folder}${id}.md\`` : `an entry to \`${kind === 'group' ? 'groups' : 'services'}\` in content/config.yml`;
  if (guess) return { message: `unknown ${kind} \`${id}\``, fix: `did you mean \`${guess}\`? Otherwise add ${where}` };

  const unique = [...new Set(known)];
  const choices = unique.length > 0 && unique.length <= 12 ? `; the known ids are ${listOf(unique)}` : '';
  return { message: `unknown ${kind} \`${id}\``, fix: `use the id of an existing ${kind}, or add ${where}${choices}` };
}

function duplicateIds(file: string, list: 'services' | 'groups', entries: readonly unknown[]): FileProblem[] {
  const firstIndex = new Map<string, number>();
  const problems: FileProblem[] = [];
  entries.forEach((entry, index) => {
    const id = valueAt(entry, ['id']);
    if (typeof id !== 'string') return;

    const first = firstIndex.get(id);
    if (first === undefined) {
      firstIndex.set(id, index);
      return;
    }
    problems.push({
      file,
      path: [list, index, 'id'],
      message: `the id \`${id}\` is used twice in \`${list}\` (also at ${list}[${first}])`,
      fix: 'give each entry its own id',
    });
  });
  return problems;
}

// The compatible API serves each `statuspage_id` as the id of one component,
// incident or maintenance window, so no two may share one.
function duplicateStatuspageIds(config: ReadFile, incidents: readonly ReadFile[], maintenance: readonly ReadFile[]): FileProblem[] {
  const owners: { file: string; path: (string | number)[]; label: string; id: unknown }[] = [];
  for (const list of ['groups', 'services'] as const) {
    listAt(config.data, [list]).forEach((entry, index) => {
      const label = `${list === 'groups' ? 'group' : 'service'} \`${String(valueAt(entry, ['id']))}\` in ${config.file}`;
      owners.push({ file: config.file, path: [list, index, 'statuspage_id'], label, id: valueAt(entry, ['statuspage_id']) });
    });
  }
  for (const { file, data } of [...incidents, ...maintenance]) {
    owners.push({ file, path: ['statuspage_id'], label: file, id: valueAt(data, ['statuspage_id']) });
  }

  const firstOwner = new Map<string, string>();
  const problems: FileProblem[] = [];
  for (const { file, path, label, id } of owners) {
    if (typeof id !== 'string') continue;
    const first = firstOwner.get(id);
    if (first === undefined) {
      firstOwner.set(id, label);
      continue;
    }
    problems.push({
      file,
      path,
      message: `the \`statuspage_id\` \`${id}\` is also used by ${first}, so both would have the same id in the API`,
      fix: 'remove `statuspage_id` from the one that was not imported with that id, and it gets a derived id',
    });
  }
  return problems;
}

// Slugs come from file names, so two files can claim one URL when their
// names differ only in case or sit in different sub-folders.
function duplicateSlugs(files: readonly ReadFile[]): FileProblem[] {
  const bySlug = new Map<string, string>();
  const problems: FileProblem[] = [];
  for (const { file, slug } of files) {
    if (slug === undefined) continue;
    const other = bySlug.get(slug);
    if (other === undefined) {
      bySlug.set(slug, file);
      continue;
    }
    problems.push({
      file,
      path: [],
      message: `the slug \`${slug}\` is also used by ${other}, so both would have the same URL`,
      fix: 'rename one of the two files',
    });
  }
  return problems;
}

function slugsOf(files: readonly ReadFile[]): string[] {
  return files.flatMap(({ slug }) => (slug === undefined ? [] : [slug]));
}

function idsOf(entries: readonly unknown[]): string[] {
  return entries.flatMap((entry) => {
    const id = valueAt(entry, ['id']);
    return typeof id === 'string' ? [id] : [];
  });
}

function valueAt(data: unknown, path: readonly string[]): unknown {
  let current = data;
  for (const part of path) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

function listAt(data: unknown, path: readonly string[]): unknown[] {
  const value = valueAt(data, path);
  return Array.isArray(value) ? value : [];
}

function keysAt(data: unknown, path: readonly string[]): string[] {
  const value = valueAt(data, path);
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : [];
}
