// Resolves the one kind of rebase conflict that two writers of the same
// incident cause routinely: both appended updates to its `updates` list.
import { appendUpdate } from '../authoring/append-update.ts';
import { FrontmatterEditError, readFrontmatter } from '../authoring/frontmatter-edit.ts';
import { parseMarkdownFile } from '../repository/markdown-file.ts';
import { incidentSchema } from '../domain/schema/index.ts';

/** A conflict in an incident file that is not a pair of appends, so it needs a person. */
export class AppendMergeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AppendMergeError';
  }
}

type Item = Record<string, unknown>;

/**
 * Merges two versions of an incident file that both descend from `base` and
 * differ from it only by updates appended to the end of `updates`. Returns
 * `upstream`'s text with `local`'s new updates appended, byte for byte as
 * appendUpdate writes them, so that every line of the upstream version stays
 * as it is. When a local update is older than the last upstream one, the
 * result is rebuilt from `base` with every new update in time order, and
 * then upstream must also differ from base only by its appended updates.
 *
 * Throws AppendMergeError when either side changed anything else (another
 * field, an earlier update, the body), or when the merged file is not a valid
 * incident, such as an update after a `resolved` one.
 */
export function mergeAppendedUpdates(base: string, upstream: string, local: string): string {
  const baseData = frontmatterOf(base, 'the common ancestor');
  const upstreamData = frontmatterOf(upstream, 'the upstream version');
  const localData = frontmatterOf(local, 'the local version');

  const baseUpdates = updatesOf(baseData);
  const upstreamNew = appendedItems(baseData, upstreamData, 'upstream');
  const localNew = appendedItems(baseData, localData, 'local');
  if (bodyOf(local) !== bodyOf(base) || !sameExceptUpdates(baseData, localData)) {
    throw new AppendMergeError('the local version changes more than appended updates');
  }

  let merged: string;
  const lastUpstream = upstreamNew.at(-1) ?? baseUpdates.at(-1);
  if (lastUpstream === undefined || localNew.every((item) => timeOf(item) >= timeOf(lastUpstream))) {
    merged = appendAll(upstream, localNew);
  } else {
    if (bodyOf(upstream) !== bodyOf(base) || !sameExceptUpdates(baseData, upstreamData)) {
      throw new AppendMergeError('the updates interleave in time, and the upstream version changes more than appended updates');
    }
    // Stable sort, so at equal times the upstream update comes first.
    const ordered = [...upstreamNew, ...localNew].sort((a, b) => timeOf(a) - timeOf(b));
    merged = appendAll(base, ordered);
  }

  const result = incidentSchema.safeParse(parseMarkdownFile(merged).data);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new AppendMergeError(`the merged incident would be invalid at \`${issue.path.join('.')}\`: ${issue.message}`);
  }
  return merged;
}

function frontmatterOf(text: string, side: string): Item {
  try {
    return readFrontmatter(text).document.toJS() as Item;
  } catch (error) {
    const reason = error instanceof FrontmatterEditError ? error.message : String(error);
    throw new AppendMergeError(`${side} has no readable frontmatter: ${reason}`);
  }
}

function bodyOf(text: string): string {
  const source = readFrontmatter(text);
  return text.slice(source.closingLineStart);
}

function updatesOf(data: Item): Item[] {
  return Array.isArray(data.updates) ? (data.updates as Item[]) : [];
}

// Returns the updates that `changed` appended after those of `base`.
function appendedItems(base: Item, changed: Item, side: string): Item[] {
  const before = updatesOf(base);
  const after = updatesOf(changed);
  if (after.length < before.length || JSON.stringify(after.slice(0, before.length)) !== JSON.stringify(before)) {
    throw new AppendMergeError(`the ${side} version changes or removes earlier updates`);
  }
  return after.slice(before.length);
}

function sameExceptUpdates(a: Item, b: Item): boolean {
  return JSON.stringify({ ...a, updates: undefined }) === JSON.stringify({ ...b, updates: undefined });
}

function timeOf(item: Item): number {
  const at = item.at instanceof Date ? item.at.getTime() : Date.parse(String(item.at));
  if (Number.isNaN(at)) throw new AppendMergeError(`an appended update has an invalid time: \`${String(item.at)}\``);
  return at;
}

function appendAll(text: string, items: readonly Item[]): string {
  let result = text;
  for (const item of items) {
    try {
      result = appendUpdate(result, item);
    } catch (error) {
      if (error instanceof FrontmatterEditError) throw new AppendMergeError(`an update could not be appended: ${error.message}`);
      throw error;
    }
  }
  return result;
}
