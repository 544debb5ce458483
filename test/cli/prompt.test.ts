import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../src/authoring/parse-flags.ts';
import { createPrompter, PromptCancelled } from '../../src/cli/prompt.ts';

function streams() {
  const input = new PassThrough();
  const output = new PassThrough();
  let written = '';
  output.on('data', (chunk: Buffer) => (written += chunk.toString()));
  return { input, output, written: () => written };
}

describe('createPrompter', () => {
  it('asks again until the answer parses', async () => {
    const { input, output, written } = streams();
    const prompter = createPrompter(input, output);
    input.write('two hours\n2h\n');

    const value = await prompter.ask('Length: ', parseDuration);
    prompter.close();

    expect(value).toBe(7_200_000);
    expect(written()).toContain('  `two hours` is not a duration. Write a whole number with a unit');
    expect(written().match(/Length: /g)).toHaveLength(2);
  });

  it('reads answers typed ahead of their questions', async () => {
    const { input, output } = streams();
    const prompter = createPrompter(input, output);
    input.write('1h\n30m\n');

    const first = await prompter.ask('First: ', parseDuration);
    const second = await prompter.ask('Second: ', parseDuration);
    prompter.close();

    expect([first, second]).toEqual([3_600_000, 1_800_000]);
  });

  it('rejects when the input ends', async () => {
    const { input, output } = streams();
    const prompter = createPrompter(input, output);
    input.end();

    await expect(prompter.ask('Length: ', parseDuration)).rejects.toBeInstanceOf(PromptCancelled);
  });
});
