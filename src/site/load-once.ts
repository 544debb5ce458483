import { loadRepository, type LoadResult } from '../repository/load-repository.ts';

const loads = new Map<string, Promise<LoadResult>>();

/**
 * Loads a site's content once per process. The integration and each
 * content collection ask for it, and reading hundreds of files four times
 * would slow every build.
 */
export function loadRepositoryOnce(root: string): Promise<LoadResult> {
  let load = loads.get(root);
  if (!load) {
    load = loadRepository(root);
    loads.set(root, load);
  }
  return load;
}

/** Forgets earlier loads, so the dev server reads edited files again. */
export function forgetLoads(): void {
  loads.clear();
}
