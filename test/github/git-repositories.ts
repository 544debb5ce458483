// Real git repositories in a temporary folder: one bare repository in
// place of GitHub, and clones that push to it. No network is used.
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export function gitSync(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: 'pipe', env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_CONFIG_NOSYSTEM: '1', HOME: cwd } });
}

/** A bare repository with a `main` branch and a helper to make clones of it. */
export class GitSandbox {
  private constructor(
    readonly folder: string,
    readonly remote: string,
  ) {}

  /** Creates the bare repository with one commit on `main` holding `files`. */
  static async create(files: Record<string, string>): Promise<GitSandbox> {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'sitrep-git-'));
    const remote = path.join(folder, 'remote.git');
    gitSync(folder, 'init', '--quiet', '--bare', '--initial-branch=main', remote);
    const sandbox = new GitSandbox(folder, remote);

    const seed = await sandbox.clone('seed');
    for (const [file, text] of Object.entries(files)) await writeIn(seed, file, text);
    gitSync(seed, 'add', '-A');
    gitSync(seed, 'commit', '--quiet', '-m', 'Seed');
    gitSync(seed, 'push', '--quiet', 'origin', 'HEAD:refs/heads/main');
    return sandbox;
  }

  /** Clones the bare repository into `name`, with a committer identity of its own. */
  async clone(name: string): Promise<string> {
    const target = path.join(this.folder, name);
    gitSync(this.folder, 'clone', '--quiet', this.remote, target);
    gitSync(target, 'config', 'user.name', `Clone ${name}`);
    gitSync(target, 'config', 'user.email', `${name}@example.com`);
    gitSync(target, 'config', 'commit.gpgsign', 'false');
    // An empty bare repository has no HEAD yet, so name the branch.
    gitSync(target, 'checkout', '--quiet', '-B', 'main');
    return target;
  }

  /** Returns a file as committed on a branch of the bare repository. */
  show(branch: string, file: string): string {
    return gitSync(this.remote, 'show', `${branch}:${file}`);
  }

  async remove(): Promise<void> {
    await rm(this.folder, { recursive: true, force: true });
  }
}

export async function writeIn(clone: string, file: string, text: string): Promise<void> {
  await mkdir(path.dirname(path.join(clone, file)), { recursive: true });
  await writeFile(path.join(clone, file), text);
}

export async function readIn(clone: string, file: string): Promise<string> {
  return readFile(path.join(clone, file), 'utf8');
}
