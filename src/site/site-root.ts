import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder this package lives in; also the default site root. */
export const PACKAGE_ROOT = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));

/**
 * Returns the folder holding `content/` and `incidents/`: `$SITREP_ROOT`,
 * or the package's own folder, which ships the example site.
 */
export function siteRoot(): string {
  return path.resolve(process.env.SITREP_ROOT ?? PACKAGE_ROOT);
}
