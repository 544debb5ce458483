import type { AstroIntegration } from 'astro';
import { formatReport } from '../repository/problem.ts';
import { loadRepositoryOnce } from './load-once.ts';
import { siteRoot } from './site-root.ts';

/**
 * Validates the content before Astro does anything else. Invalid content
 * stops the build with the same report `sitrep validate` prints, not a
 * stack trace.
 */
export function sitrep(): AstroIntegration {
  return {
    name: 'sitrep',
    hooks: {
      'astro:config:setup': async ({ logger }) => {
        const root = siteRoot();
        const { repository, problems } = await loadRepositoryOnce(root);

        if (!repository) {
          logger.error(`The status content in ${root} is invalid.\n\n${formatReport(problems)}\n\nRun \`npm run validate\` to check again without building.`);
          // Astro would print a thrown error with its stack; the report above
          // already lists every problem, so stop here.
          process.exit(1);
        }
      },
    },
  };
}
