// Reading source files for the importers: YAML, JSON and markdown with frontmatter.
import { readdir, readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';

const FRONTMATTER = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)([\s\S]*)$/;

/** Splits a markdown file into its frontmatter, parsed as YAML 1.2 so that times stay text, and its body. */
export function splitFrontmatter(text: string): { data: Record<string, unknown>; body: string } | { error: string } {
  const match = FRONTMATTER.exec(text);
  if (!match) return { error: 'it has no frontmatter between `---` lines' };
  try {
    const data: unknown = parseYaml(match[1]!) ?? {};
    if (typeof data !== 'object' || Array.isArray(data)) return { error: 'its frontmatter is not a mapping of fields' };
    return { data: data as Record<string, unknown>, body: match[2]! };
  } catch (error) {
    return { error: `its frontmatter is not valid YAML: ${(error as Error).message.split('\n')[0]}` };
  }
}

export async function readYamlFile(file: string): Promise<unknown> {
  return parseYaml(await readFile(file, 'utf8'));
}

export async function readJsonFile(file: string): Promise<unknown> {
  return JSON.parse(await readFile(file, 'utf8')) as unknown;
}

/** Lists the names of the files in `folder`, sorted, or an empty list when the folder is missing. */
export async function listFiles(folder: string): Promise<string[]> {
  try {
    const entries = await readdir(folder, { withFileTypes: true });
    return entries.filter((entry) => entry.isFile()).map((entry) => entry.name).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** Reads a `--mapping` file: a YAML mapping from source names to service ids. */
export async function readMappingFile(file: string): Promise<Map<string, string>> {
  const data = await readYamlFile(file);
  const mapping = new Map<string, string>();
  if (data === null || data === undefined) return mapping;
  if (typeof data !== 'object' || Array.isArray(data)) throw new Error(`${file} is not a YAML mapping of \`name: service-id\` lines`);
  for (const [name, id] of Object.entries(data)) {
    if (typeof id !== 'string') throw new Error(`${file}: the value of \`${name}\` is not a service id`);
    mapping.set(name, id);
  }
  return mapping;
}

/** Returns a source value as trimmed text, or undefined when it is missing or empty. */
export function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  if (typeof value === 'number') return String(value);
  return undefined;
}
