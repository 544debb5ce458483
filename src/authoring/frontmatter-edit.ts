// Text edits of a markdown file's YAML frontmatter that keep every byte
// they do not need to change: comments, quoting, key order, line endings
// and the body. The `yaml` package parses the frontmatter only to find node
// offsets; the edit itself is a string insertion at one of those offsets.
import { Document, isMap, isScalar, parseDocument, stringify, visit, type Node, type Pair, type YAMLMap } from 'yaml';

/** An edit that cannot be made safely, with a `fix` for the author to apply instead. */
export class FrontmatterEditError extends Error {
  constructor(
    message: string,
    readonly fix: string,
  ) {
    super(message);
    this.name = 'FrontmatterEditError';
  }
}

/** The frontmatter of a markdown file, parsed, with offsets into the whole file. */
export interface FrontmatterSource {
  text: string;
  /** Offset where the YAML starts, right after the opening `---`. */
  yamlStart: number;
  /** Offset of the first character of the closing `---` line. */
  closingLineStart: number;
  document: Document.Parsed;
  /** The top-level block mapping. */
  map: YAMLMap;
  /** The line ending of the frontmatter's last line: `\r\n` or `\n`. */
  eol: string;
}

/**
 * Finds and parses the frontmatter the way the validator does: after a
 * first line `---`, up to the first following line that starts with `---`
 * (gray-matter's rule). A byte order mark before the first `---` is kept.
 */
export function readFrontmatter(text: string): FrontmatterSource {
  const open = text.startsWith('\uFEFF') ? 1 : 0;
  if (!/^---[ \t]*\r?\n/.test(text.slice(open))) {
    throw new FrontmatterEditError('the file has no frontmatter', 'start it with a `---` line, the fields, and another `---` line');
  }

  const yamlStart = open + 3;
  const closeIndex = text.indexOf('\n---', yamlStart);
  if (closeIndex === -1) {
    throw new FrontmatterEditError('the frontmatter is not closed', 'end the frontmatter with a line holding only `---`');
  }

  // In a CRLF file the last YAML line ends with `\r` before the `\n---`. The
  // `yaml` package would read a lone `\r` as part of the last value.
  const eol = text.charAt(closeIndex - 1) === '\r' ? '\r\n' : '\n';
  const yamlEnd = closeIndex - (eol.length - 1);
  const document = parseDocument(text.slice(yamlStart, yamlEnd), { keepSourceTokens: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    throw new FrontmatterEditError(
      `the frontmatter does not parse: ${document.errors[0]!.message.split('\n')[0]}`,
      'run `sitrep validate`, fix the YAML, then run this command again',
    );
  }
  if (!isMap(document.contents) || document.contents.flow) {
    throw new FrontmatterEditError(
      'the frontmatter is not a block of `field: value` lines',
      'write one `field: value` per line, then run this command again',
    );
  }

  return { text, yamlStart, closingLineStart: closeIndex + 1, document, map: document.contents, eol };
}

/** Returns the pair of a top-level field, or undefined when the field is absent. */
export function findField(source: FrontmatterSource, key: string): Pair<unknown, unknown> | undefined {
  return source.map.items.find((pair) => isScalar(pair.key) && pair.key.value === key) as Pair<unknown, unknown> | undefined;
}

/** Returns the column of the top-level fields, which is 0 unless the whole frontmatter is indented. */
export function fieldColumn(source: FrontmatterSource): number {
  const firstKey = source.map.items[0]?.key as Node | undefined;
  return firstKey?.range ? columnOf(source.text, source.yamlStart + firstKey.range[0]) : 0;
}

/**
 * Returns how far the file indents a nested block mapping below its key,
 * such as the services under `affected:`, or 2 when it has none.
 */
export function detectIndentUnit(source: FrontmatterSource): number {
  let unit: number | undefined;
  visit(source.document, {
    Pair(_, pair) {
      const key = pair.key as Node | null;
      const value = pair.value as Node | null;
      if (!isMap(value) || value.flow || value.items.length === 0 || !key?.range) return undefined;
      const nestedKey = value.items[0]!.key as Node | null;
      if (!nestedKey?.range) return undefined;

      const difference =
        columnOf(source.text, source.yamlStart + nestedKey.range[0]) - columnOf(source.text, source.yamlStart + key.range[0]);
      if (difference > 0) {
        unit = difference;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return unit ?? 2;
}

/**
 * Renders a mapping as block YAML lines, with the first line at column 0
 * and nested mappings indented by `indentUnit`. Long text stays on one
 * line; text with line breaks becomes a `|` block.
 */
export function renderBlockLines(value: Record<string, unknown>, indentUnit: number): string[] {
  const lines = stringify(value, { lineWidth: 0, indent: indentUnit }).split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** Renders a mapping as one line of flow YAML, such as `{ at: …, status: … }`. */
export function renderFlowMap(value: Record<string, unknown>): string {
  return new Document(value, { flow: true }).toString({ lineWidth: 0 }).trimEnd();
}

/**
 * Indents rendered lines: the first line after `firstPrefix`, the others
 * at `column`. Empty lines stay empty, so the edit adds no trailing spaces.
 */
export function indentLines(lines: readonly string[], firstPrefix: string, column: number): string[] {
  return lines.map((line, index) => {
    if (index === 0) return `${firstPrefix}${line}`;
    return line === '' ? '' : `${' '.repeat(column)}${line}`;
  });
}

/**
 * Inserts `field: value` as a new last top-level field, just before the
 * closing `---`. Rejects a field that is already present, because changing
 * it would need more than an insertion.
 */
export function addTopLevelField(text: string, key: string, value: unknown): string {
  const source = readFrontmatter(text);
  if (findField(source, key)) {
    throw new FrontmatterEditError(`the field \`${key}\` is already present`, `edit \`${key}\` by hand`);
  }

  const column = fieldColumn(source);
  const lines = indentLines(renderBlockLines({ [key]: value }, detectIndentUnit(source)), ' '.repeat(column), column);
  const edited = insertAt(text, source.closingLineStart, lines.map((line) => `${line}${source.eol}`).join(''));

  checkEdit(source, edited, (data) => ({ ...data, [key]: value }));
  return edited;
}

/** Returns `text` with `insertion` placed at `offset`. */
export function insertAt(text: string, offset: number, insertion: string): string {
  return `${text.slice(0, offset)}${insertion}${text.slice(offset)}`;
}

/** Returns the column of `offset`: the number of characters since the line began. */
export function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/**
 * Returns the offset where the line containing `offset` ends, after its
 * line break. An offset that already starts a line is returned unchanged.
 */
export function endOfLine(text: string, offset: number): number {
  if (offset > 0 && text.charAt(offset - 1) === '\n') return offset;
  const newline = text.indexOf('\n', offset);
  return newline === -1 ? text.length : newline + 1;
}

/**
 * Re-reads the edited file and checks that its data equals what the edit
 * should give and that the body is unchanged. This guards against a layout
 * that the insertion rules did not foresee; such a file is never written.
 */
export function checkEdit(
  before: FrontmatterSource,
  edited: string,
  expected: (data: Record<string, unknown>) => Record<string, unknown>,
): void {
  const fix = 'make this change by hand, then run `sitrep validate`';
  let after: FrontmatterSource;
  try {
    after = readFrontmatter(edited);
  } catch (error) {
    throw new FrontmatterEditError(`the edit would break the frontmatter (${(error as Error).message})`, fix);
  }

  const wanted = JSON.stringify(expected(before.document.toJS() as Record<string, unknown>));
  const body = (source: FrontmatterSource) => source.text.slice(source.closingLineStart);
  if (JSON.stringify(after.document.toJS()) !== wanted || body(after) !== body(before)) {
    throw new FrontmatterEditError('the edit would change more than the new lines, because of how this file is laid out', fix);
  }
}
