import { LineCounter, parseDocument, isMap, isScalar, type Document, type Node } from 'yaml';
import type { FieldProblem } from './problem.ts';

export type LocatedProblem = FieldProblem & { line?: number };

/** YAML text read for validation, with a way back from fields to lines. */
export interface ParsedYaml {
  /** The mapping as plain data, or undefined when it could not be read. */
  data: unknown;
  document?: Document;
  /** Problems that stop the YAML from being read at all. */
  problems: LocatedProblem[];
  /** Returns the 1-based line of a field, or of its nearest parent present. */
  lineOf(path: readonly (string | number)[], key?: string): number | undefined;
}

/**
 * Parses YAML with the `yaml` package, which keeps node positions for line
 * numbers and reads YAML 1.2, so `yes` stays a string and times stay text
 * until the schemas check them. Lines count from the start of `source`.
 */
export function parseYamlSource(source: string, emptyLine = 1): ParsedYaml {
  const lineCounter = new LineCounter();
  const document = parseDocument(source, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const lineAt = (offset: number) => lineCounter.linePos(offset).line;
  const lineOf = (path: readonly (string | number)[], key?: string) => locate(document, path, key, lineAt);

  if (document.errors.length > 0) {
    const problems = document.errors.map((error) => {
      const line = error.linePos?.[0]?.line;
      if (error.code === 'DUPLICATE_KEY') {
        const key = line === undefined ? undefined : /^\s*(?:-\s+)?["']?([^"':#]+?)["']?\s*:/.exec(source.split(/\r?\n/)[line - 1] ?? '')?.[1];
        return {
          path: [],
          message: key ? `the field \`${key}\` appears twice in the same place` : 'a field appears twice in the same place',
          fix: 'keep one of the two lines and delete the other',
          line,
        };
      }
      return {
        path: [],
        message: `the YAML does not parse: ${firstLine(error.message)}`,
        fix: 'check the indentation, colons and quotes on that line; quote text that contains `: ` or starts with a special character',
        line,
      };
    });
    return { data: undefined, document, problems, lineOf };
  }

  if (document.contents === null) {
    return { data: undefined, document, problems: [{ path: [], message: 'there are no fields', fix: 'add the required fields, one `field: value` per line', line: emptyLine }], lineOf };
  }

  if (!isMap(document.contents)) {
    return { data: undefined, document, problems: [{ path: [], message: 'the YAML is not a set of `field: value` lines', fix: 'write one `field: value` per line', line: emptyLine }], lineOf };
  }

  return { data: document.toJS(), document, problems: [], lineOf };
}

// Walks down the path as far as the document goes, so a missing field
// points at its parent rather than at nothing.
function locate(
  document: Document,
  path: readonly (string | number)[],
  key: string | undefined,
  lineAt: (offset: number) => number,
): number | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = document.getIn(path.slice(0, depth), true) as Node | undefined;
    if (!node?.range) continue;

    if (depth === path.length && key !== undefined && isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === key);
      const keyNode = pair?.key as Node | undefined;
      if (keyNode?.range) return lineAt(keyNode.range[0]);
    }
    return lineAt(node.range[0]);
  }
  return undefined;
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}
