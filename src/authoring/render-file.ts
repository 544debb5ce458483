import { stringify } from 'yaml';

/**
 * Renders a new content file: the frontmatter between `---` lines, then
 * the body. Fields keep the order of `frontmatter`. Long text stays on one
 * line, and text with line breaks becomes a `|` block.
 */
export function renderContentFile(frontmatter: Record<string, unknown>, body = ''): string {
  const yaml = stringify(frontmatter, { lineWidth: 0 });
  const trimmedBody = body.trim();
  return trimmedBody === '' ? `---\n${yaml}---\n` : `---\n${yaml}---\n\n${trimmedBody}\n`;
}
