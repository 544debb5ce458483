import type { Loader } from 'astro/loaders';
import type { RawEntry } from '../repository/load-repository.ts';
import { formatReport } from '../repository/problem.ts';
import { loadRepositoryOnce } from './load-once.ts';
import { siteRoot } from './site-root.ts';

type Collection = 'incidents' | 'maintenance' | 'postmortems' | 'site';

/**
 * An Astro content loader that reads Sitrep's own folders. Astro's glob
 * loader would skip a missing folder, keep one of two files with the same
 * id and leave references unchecked. This one takes the entries from the
 * repository reader, which reports all of those.
 */
export function sitrepLoader(collection: Collection): Loader {
  return {
    name: `sitrep-${collection}`,
    load: async ({ store, parseData }) => {
      const { raw, problems } = await loadRepositoryOnce(siteRoot());
      if (!raw) throw new Error(`The status content is invalid.\n\n${formatReport(problems)}`);

      const entries: RawEntry[] =
        collection === 'site' ? [{ slug: 'config', file: 'content/config.yml', data: raw.config, body: '' }] : raw[collection];

      store.clear();
      for (const entry of entries) {
        const data = await parseData({ id: entry.slug, data: entry.data as Record<string, unknown>, filePath: entry.file });
        store.set({ id: entry.slug, data, body: entry.body, filePath: entry.file });
      }
    },
  };
}
