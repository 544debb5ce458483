/** One thing wrong with the content, in words a person can act on. */
export interface Problem {
  /** Path relative to the site's root folder, with forward slashes. */
  file: string;
  /** 1-based line in the file, when the problem has a place. */
  line?: number;
  /** The field, written as in the file: `updates[2].status`, `affected.api`. */
  field?: string;
  /** The description of what is wrong, naming the value. */
  message: string;
  /** The action that fixes it. */
  fix: string;
}

/** A problem found inside one parsed file, before its line is known. */
export interface FieldProblem {
  path: readonly (string | number)[];
  /** Set when the problem is a mapping key itself, such as an unknown service id. */
  key?: string;
  message: string;
  fix: string;
}

/** Writes `updates[2].status` for the path `['updates', 2, 'status']`. */
export function formatFieldPath(path: readonly (string | number)[]): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else text += text === '' ? part : `.${part}`;
  }
  return text;
}

/** Orders problems by file, then line, so reports read top to bottom. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.field ?? '').localeCompare(b.field ?? ''),
  );
}

/**
 * Formats one problem as two lines: where and what, then the fix.
 * `incidents/api.md:12 updates[1].status: … ` / `  Fix: …`
 */
export function formatProblem(problem: Problem): string {
  const place = problem.line ? `${problem.file}:${problem.line}` : problem.file;
  const field = problem.field ? ` ${problem.field}:` : ':';
  return `${place}${field} ${sentence(problem.message)}\n  Fix: ${sentence(problem.fix)}`;
}

/** Formats a whole report: a count first, then every problem. */
export function formatReport(problems: readonly Problem[]): string {
  const sorted = sortProblems(problems);
  const files = new Set(sorted.map((problem) => problem.file)).size;
  const heading = `${countOf(sorted.length, 'problem')} in ${countOf(files, 'file')}:`;
  return [heading, '', ...sorted.map(formatProblem)].join('\n');
}

/**
 * Formats problems as GitHub Actions workflow commands, which put each one
 * on its file and line in a pull request. The summary line comes first
 * because GitHub shows only the first few annotations of a step.
 */
export function formatGitHubAnnotations(problems: readonly Problem[]): string {
  const sorted = sortProblems(problems);
  const lines = [`::error::${escapeData(`${countOf(sorted.length, 'problem')} in the status content; each is annotated on its file.`)}`];
  for (const problem of sorted) {
    const properties = [`file=${escapeProperty(problem.file)}`];
    if (problem.line) properties.push(`line=${problem.line}`);
    if (problem.field) properties.push(`title=${escapeProperty(problem.field)}`);
    lines.push(`::error ${properties.join(',')}::${escapeData(`${sentence(problem.message)} Fix: ${sentence(problem.fix)}`)}`);
  }
  return lines.join('\n');
}

function countOf(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function sentence(text: string): string {
  const trimmed = text.trim();
  const capitalised = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}

// Escaping rules of GitHub's workflow commands: data escapes %, CR and LF;
// properties also escape the colon and comma that delimit them.
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
