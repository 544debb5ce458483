import { describe, expect, it } from 'vitest';
import { commitMessage, gitCommand, shellQuote } from '../../src/authoring/next-step.ts';

describe('commitMessage', () => {
  it('names the services, status and title', () => {
    expect(commitMessage(['api', 'web'], 'identified', 'Elevated API errors')).toBe('api, web: identified — Elevated API errors');
  });

  it('leaves out an empty service list', () => {
    expect(commitMessage([], 'resolved', 'Slow')).toBe('resolved — Slow');
  });
});

describe('gitCommand', () => {
  it('uses plain paths when the root is the current folder', () => {
    expect(gitCommand('.', '/repo', ['incidents/a.md'], 'api: investigating — Errors')).toBe(
      'git add incidents/a.md && git commit -m "api: investigating — Errors"',
    );
  });

  it('prefixes the root when it is inside the current folder', () => {
    expect(gitCommand('status', '/repo', ['incidents/a.md', 'content/postmortems/a.md'], 'm')).toBe(
      'git add status/incidents/a.md status/content/postmortems/a.md && git commit -m m',
    );
  });

  it('uses git -C for a root elsewhere', () => {
    expect(gitCommand('/sites/status page', '/repo', ['incidents/a.md'], 'm')).toBe(
      'git -C "/sites/status page" add incidents/a.md && git -C "/sites/status page" commit -m m',
    );
  });
});

describe('shellQuote', () => {
  it.each([
    ['plain', 'plain'],
    ['two words', '"two words"'],
    ['say "hi"', `'say "hi"'`],
    ['$HOME and `x`', `'$HOME and \`x\`'`],
    ["it's $5", `'it'\\''s $5'`],
  ])('quotes %j', (text, quoted) => {
    expect(shellQuote(text)).toBe(quoted);
  });
});
