// Runs git as a child process in one working folder and returns its output.
import { execFile } from 'node:child_process';

export interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The author and committer of the commits that Sitrep makes. */
export interface GitIdentity {
  name: string;
  email: string;
}

/** GitHub's own identity for commits made with GITHUB_TOKEN; its commits show the Actions bot. */
export const BOT_IDENTITY: GitIdentity = {
  name: 'github-actions[bot]',
  email: '41898282+github-actions[bot]@users.noreply.github.com',
};

/** A git command that exited with a non-zero status. */
export class GitError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly result: GitResult,
  ) {
    super(`git ${args.join(' ')} failed with exit status ${result.code}: ${result.stderr.trim() || result.stdout.trim()}`);
    this.name = 'GitError';
  }
}

/**
 * Runs `git args…` in `cwd` and returns its exit status and output without
 * throwing on failure. Prompts for credentials are turned off, so a missing
 * credential fails at once instead of waiting for input.
 */
export function runGit(cwd: string, args: readonly string[], environment: NodeJS.ProcessEnv = {}, input?: string): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      args,
      { cwd, env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C', ...environment }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') reject(error);
        else resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
      },
    );
    if (input !== undefined) child.stdin?.end(input);
  });
}

/** Runs git and returns its standard output, or throws GitError. */
export async function git(cwd: string, args: readonly string[], environment: NodeJS.ProcessEnv = {}, input?: string): Promise<string> {
  const result = await runGit(cwd, args, environment, input);
  if (result.code !== 0) throw new GitError(args, result);
  return result.stdout;
}

/** Returns the environment variables that make `identity` the author and committer. */
export function identityEnvironment(identity: GitIdentity): NodeJS.ProcessEnv {
  return {
    GIT_AUTHOR_NAME: identity.name,
    GIT_AUTHOR_EMAIL: identity.email,
    GIT_COMMITTER_NAME: identity.name,
    GIT_COMMITTER_EMAIL: identity.email,
  };
}
