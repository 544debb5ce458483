import matter from 'gray-matter';
import { parseYamlSource, type ParsedYaml } from './yaml-source.ts';

/** A markdown file split into its YAML frontmatter and its body. */
export interface MarkdownFile extends ParsedYaml {
  body: string;
}

/**
 * Splits a markdown file with gray-matter and reads its frontmatter for
 * validation. A file that is empty, or has no frontmatter, yields a problem
 * that shows how the file must start.
 */
export function parseMarkdownFile(text: string): MarkdownFile {
  const content = text.replace(/^\uFEFF/, '');

  if (content.trim() === '') {
    return failed('the file is empty', 'start it with a `---` line, the frontmatter fields, and another `---` line');
  }
  if (!/^---[ \t]*\r?\n/.test(content)) {
    return failed('the file has no frontmatter', 'start it with a `---` line, then fields such as `title:`, then another `---` line', 1);
  }

  // gray-matter only splits the file here; the YAML is parsed afterwards by
  // the `yaml` package, which keeps the positions needed for line numbers.
  const split = matter(content, { engines: { yaml: () => ({}) } });
  if (!/\n---[ \t]*(\r?\n|$)/.test(content.slice(3))) {
    return failed('the frontmatter is not closed', 'end the frontmatter with a line holding only `---`', 1);
  }

  // The frontmatter text starts with the newline that ends the opening
  // `---`, so its line numbers are the file's line numbers.
  // In a CRLF file the frontmatter text ends in the `\r` before the closing
  // `---`, which YAML would keep in the last value.
  return { ...parseYamlSource(split.matter.replace(/\r$/, ''), 2), body: split.content };
}

function failed(message: string, fix: string, line?: number): MarkdownFile {
  return { data: undefined, body: '', problems: [{ path: [], message, fix, line }], lineOf: () => line };
}
