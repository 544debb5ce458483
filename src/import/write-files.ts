// Writes an import plan into a site: merges services and groups into
// content/config.yml, keeping its comments, and writes each content file
// unless an identical one exists or a person changed the existing one.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Document, isMap, isSeq, parseDocument, type YAMLSeq } from 'yaml';
import { renderContentFile } from '../authoring/render-file.ts';
import { CONTENT_PATHS } from '../repository/load-repository.ts';
import type { ImportedGroup, ImportedService, ImportPlan } from './model.ts';
import type { ImportReport } from './report.ts';

/**
 * Renders a content file as `sitrep new` does, with comment lines at the
 * top of the frontmatter, such as the id the item had in its source.
 */
export function renderImportedFile(frontmatter: Record<string, unknown>, body: string, comments: readonly string[] = []): string {
  const text = renderContentFile(frontmatter, body);
  if (comments.length === 0) return text;
  return `---\n${comments.map((comment) => `# ${comment}\n`).join('')}${text.slice(4)}`;
}

async function readIfPresent(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Writes `plan` under `root` and records every file's outcome in `report`. */
export async function applyPlan(root: string, plan: ImportPlan, report: ImportReport): Promise<void> {
  await mergeConfig(root, plan, report);

  for (const planned of plan.files) {
    const target = path.join(root, planned.file);
    const existing = await readIfPresent(target);
    if (existing === planned.text) {
      report.file('unchanged', planned.file);
    } else if (existing !== undefined) {
      report.file('kept', planned.file, `it differs from what ${planned.source} imports to, so it was left as it is; delete it to import it again`);
    } else {
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, planned.text);
      report.file('created', planned.file, `from ${planned.source}`);
    }
  }
}

function entryOf(item: ImportedService | ImportedGroup): Record<string, unknown> {
  const entry: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(item)) {
    if (key !== 'comment' && value !== undefined) entry[key] = value;
  }
  return entry;
}

// Appends the entries whose id is not in the list yet; returns how many.
function appendMissing(document: Document, key: 'services' | 'groups', items: readonly (ImportedService | ImportedGroup)[], report: ImportReport): number {
  if (items.length === 0) return 0;
  let list = document.get(key, true);
  if (!isSeq(list)) {
    list = document.createNode([]) as YAMLSeq;
    document.set(key, list);
  }
  const sequence = list as YAMLSeq;
  const ids = new Set(sequence.items.map((item) => (isMap(item) ? String(item.get('id')) : '')));

  let added = 0;
  for (const item of items) {
    if (ids.has(item.id)) {
      report.map(`${key === 'services' ? 'service' : 'group'} \`${item.id}\` is in ${CONTENT_PATHS.config} already; its entry was left as it is`);
      continue;
    }
    const node = document.createNode(entryOf(item));
    if (item.comment) node.commentBefore = ` ${item.comment}`;
    sequence.items.push(node);
    added++;
  }
  return added;
}

async function mergeConfig(root: string, plan: ImportPlan, report: ImportReport): Promise<void> {
  const file = path.join(root, CONTENT_PATHS.config);
  const existing = await readIfPresent(file);

  if (existing === undefined) {
    const document = new Document({ title: plan.site.title, url: plan.site.url, ...(plan.site.description ? { description: plan.site.description } : {}) });
    appendMissing(document, 'groups', plan.groups, report);
    appendMissing(document, 'services', plan.services, report);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, document.toString({ lineWidth: 0 }));
    report.file('created', CONTENT_PATHS.config, `with ${countOf(plan.services.length, 'service')} and ${countOf(plan.groups.length, 'group')}`);
    return;
  }

  const document = parseDocument(existing);
  if (document.errors.length > 0) {
    report.problems.push(`${CONTENT_PATHS.config}: it is not valid YAML (${document.errors[0]!.message}), so no services or groups were added`);
    return;
  }
  const groups = appendMissing(document, 'groups', plan.groups, report);
  const services = appendMissing(document, 'services', plan.services, report);
  if (groups + services === 0) {
    report.file('unchanged', CONTENT_PATHS.config);
    return;
  }
  await writeFile(file, document.toString({ lineWidth: 0 }));
  report.file('updated', CONTENT_PATHS.config, `added ${countOf(services, 'service')} and ${countOf(groups, 'group')}; existing entries and comments are kept`);
}

function countOf(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
