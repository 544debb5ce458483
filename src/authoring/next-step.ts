// The git command printed after a successful authoring command, so the
// author can commit the change without composing a message.
import path from 'node:path';

/** Returns a commit message such as `api, web: identified — Elevated API errors`. */
export function commitMessage(services: readonly string[], status: string, title: string): string {
  const subject = `${status} — ${title}`;
  return services.length > 0 ? `${services.join(', ')}: ${subject}` : subject;
}

/**
 * Returns the shell command that stages `files` and commits them. `files`
 * are relative to the site root. When the root is the current folder or
 * inside it, the paths are relative to the current folder; otherwise the
 * command runs git with `-C <root>`.
 */
export function gitCommand(root: string, cwd: string, files: readonly string[], message: string): string {
  const absoluteRoot = path.resolve(cwd, root);
  const fromCwd = path.relative(cwd, absoluteRoot);
  const commit = `commit -m ${shellQuote(message)}`;

  if (!fromCwd.startsWith('..') && !path.isAbsolute(fromCwd)) {
    const paths = files.map((file) => shellQuote(fromCwd === '' ? file : path.posix.join(fromCwd.split(path.sep).join('/'), file)));
    return `git add ${paths.join(' ')} && git ${commit}`;
  }
  const at = `git -C ${shellQuote(absoluteRoot)}`;
  return `${at} add ${files.map(shellQuote).join(' ')} && ${at} ${commit}`;
}

/**
 * Quotes `text` for a POSIX shell: unchanged when it is safe as one word,
 * in double quotes when nothing in it expands there, otherwise in single quotes.
 */
export function shellQuote(text: string): string {
  if (/^[\w@%+=:,./-]+$/.test(text)) return text;
  if (!/["$`\\!]/.test(text)) return `"${text}"`;
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
