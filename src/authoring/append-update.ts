// Appends an update to a content file's `updates` list as a text insertion,
// so the rest of the file keeps every byte as its author wrote it.
import { isMap, isScalar, isSeq, type CST, type Node, type YAMLSeq } from 'yaml';
import {
  FrontmatterEditError,
  checkEdit,
  columnOf,
  detectIndentUnit,
  endOfLine,
  fieldColumn,
  findField,
  indentLines,
  insertAt,
  readFrontmatter,
  renderBlockLines,
  renderFlowMap,
  type FrontmatterSource,
} from './frontmatter-edit.ts';

/**
 * Returns the file text with `item` appended to the top-level list `key`
 * (`updates` by default). The layout follows the existing list:
 *
 * - A block list gets a new item after its last one, with its `-` in the
 *   same column and its fields where the last item has them. The item is
 *   a block mapping, or a flow mapping when the last item is one.
 * - A flow list such as `[{…}, {…}]` gets a flow item after its last one.
 * - An empty flow list `[]` on one line becomes a block list: the `[]` is
 *   removed and the item goes on the lines below.
 * - A missing field is added as the last field, holding a block list.
 *
 * Throws FrontmatterEditError when the file has no readable frontmatter,
 * when `key` is not a list, or when the edited file would not read back
 * as the old data plus the new item.
 */
export function appendUpdate(text: string, item: Record<string, unknown>, key = 'updates'): string {
  const source = readFrontmatter(text);
  const pair = findField(source, key);
  const indentUnit = detectIndentUnit(source);
  const keyNode = pair?.key as Node | undefined;
  const keyColumn = keyNode?.range ? columnOf(source.text, source.yamlStart + keyNode.range[0]) : fieldColumn(source);

  let edited: string;
  if (!pair) {
    edited = appendNewList(source, key, item, keyColumn, indentUnit);
  } else if (isSeq(pair.value) && pair.value.flow) {
    edited = appendToFlowList(source, pair.value, item, keyColumn, indentUnit);
  } else if (isSeq(pair.value)) {
    edited = appendToBlockList(source, pair.value, item, indentUnit);
  } else if (pair.value === null || (isScalar(pair.value) && pair.value.value === null && pair.value.source === '')) {
    // `updates:` with nothing after it: the list starts on the next line.
    const keyEnd = endOfLine(source.text, source.yamlStart + keyNode!.range![2]);
    edited = insertAt(source.text, keyEnd, blockItem(source, item, keyColumn + indentUnit, 2, indentUnit));
  } else {
    throw new FrontmatterEditError(`\`${key}\` is not a list`, `write \`${key}:\` followed by lines that start with \`- \`, then run this command again`);
  }

  checkEdit(source, edited, (data) => {
    const list = Array.isArray(data[key]) ? (data[key] as unknown[]) : [];
    return { ...data, [key]: [...list, item] };
  });
  return edited;
}

function appendNewList(source: FrontmatterSource, key: string, item: Record<string, unknown>, keyColumn: number, indentUnit: number): string {
  const heading = `${' '.repeat(keyColumn)}${key}:${source.eol}`;
  return insertAt(source.text, source.closingLineStart, heading + blockItem(source, item, keyColumn + indentUnit, 2, indentUnit));
}

function appendToBlockList(source: FrontmatterSource, list: YAMLSeq, item: Record<string, unknown>, indentUnit: number): string {
  const last = list.items.at(-1) as Node | undefined;
  if (!last?.range) throw new FrontmatterEditError('the list has no items to line up with', 'append the update by hand');

  const dashOffset = source.yamlStart + itemIndicatorOffset(list, last);
  const dashColumn = columnOf(source.text, dashOffset);
  const itemStart = source.yamlStart + last.range[0];
  // A field on the `-` line sets the gap after the `-`; otherwise use one space.
  const sameLine = !source.text.slice(dashOffset, itemStart).includes('\n');
  const gap = sameLine ? Math.max(1, columnOf(source.text, itemStart) - dashColumn - 1) : 1;

  const insertion = isMap(last) && last.flow
    ? `${' '.repeat(dashColumn)}-${' '.repeat(gap)}${renderFlowMap(item)}${source.eol}`
    : blockItem(source, item, dashColumn, gap + 1, indentUnit);
  // After the last item's last line, including a comment on that line, and
  // before any comment lines that follow the list.
  return insertAt(source.text, endOfLine(source.text, source.yamlStart + last.range[2]), insertion);
}

function appendToFlowList(
  source: FrontmatterSource,
  list: YAMLSeq,
  item: Record<string, unknown>,
  keyColumn: number,
  indentUnit: number,
): string {
  const [start, valueEnd] = list.range!.map((offset) => source.yamlStart + offset) as [number, number];
  const flowItem = renderFlowMap(item);
  const last = list.items.at(-1) as Node | undefined;

  if (!last?.range) {
    const inside = source.text.slice(start + 1, valueEnd - 1);
    if (/^[ \t]*$/.test(inside)) return replaceEmptyFlowList(source, start, valueEnd, blockItem(source, item, keyColumn + indentUnit, 2, indentUnit));
    // An empty list that spans lines or contains a comment stays a flow list.
    return insertAt(source.text, start + 1, ` ${flowItem}`);
  }

  // Right after the last item, so a trailing comma or comment now follows the new one.
  const lastStart = source.yamlStart + last.range[0];
  const lastEnd = source.yamlStart + last.range[1];
  const multiLine = source.text.slice(start, lastStart).includes('\n');
  const separator = multiLine ? `,${source.eol}${' '.repeat(columnOf(source.text, lastStart))}` : ', ';
  return insertAt(source.text, lastEnd, `${separator}${flowItem}`);
}

// Turns `updates: []` into `updates:` with the item on the lines below. The
// `[]` and the blanks around it are the only characters removed.
function replaceEmptyFlowList(source: FrontmatterSource, start: number, end: number, items: string): string {
  const { text } = source;
  const lineEnd = endOfLine(text, end);
  const rest = text.slice(end, lineEnd);

  // The blanks after `[]` go too. The blanks before it go only when nothing
  // follows, because a comment needs a blank between it and the `:`.
  let removeFrom = start;
  const removeTo = end + /^[ \t]*/.exec(rest)![0].length;
  if (/^[ \t]*\r?\n?$/.test(rest)) {
    while (/[ \t]/.test(text.charAt(removeFrom - 1))) removeFrom--;
  }

  const keyLine = `${text.slice(0, removeFrom)}${text.slice(removeTo, lineEnd)}`;
  const lineBreak = keyLine.endsWith('\n') ? '' : source.eol;
  return `${keyLine}${lineBreak}${items}${text.slice(lineEnd)}`;
}

// Renders one block list item: `-` at `dashColumn`, its fields `contentOffset` columns further right.
function blockItem(source: FrontmatterSource, item: Record<string, unknown>, dashColumn: number, contentOffset: number, indentUnit: number): string {
  const firstPrefix = `${' '.repeat(dashColumn)}-${' '.repeat(contentOffset - 1)}`;
  const lines = indentLines(renderBlockLines(item, indentUnit), firstPrefix, dashColumn + contentOffset);
  return lines.map((line) => `${line}${source.eol}`).join('');
}

// The offset of the `-` that introduces `item`, read from the concrete syntax tree.
function itemIndicatorOffset(list: YAMLSeq, item: Node): number {
  const token = list.srcToken as CST.BlockSequence | undefined;
  const entry = token?.items.find((candidate) => candidate.value !== undefined && candidate.value === item.srcToken);
  const indicator = entry?.start.find((part) => part.type === 'seq-item-ind');
  if (!indicator) throw new FrontmatterEditError('the list items could not be located in the file', 'append the update by hand');
  return indicator.offset;
}
