import { loadRepository } from '../repository/load-repository.ts';
import { formatGitHubAnnotations, formatReport } from '../repository/problem.ts';

/** Validates the content under `root`, prints the report and returns the exit code. */
export async function runValidate(root: string, format: 'text' | 'github'): Promise<number> {
  const { problems, fileCount } = await loadRepository(root);

  if (problems.length === 0) {
    process.stdout.write(fileCount === 1 ? 'The content file is valid.\n' : `All ${fileCount} content files are valid.\n`);
    return 0;
  }

  if (format === 'github') process.stdout.write(`${formatGitHubAnnotations(problems)}\n`);
  process.stderr.write(`${formatReport(problems)}\n`);
  return 1;
}
