// Asks for missing options on a terminal. Each reply is checked with the
// same parser as the option, and the question repeats until it is valid.
import { createInterface } from 'node:readline/promises';
import type { Readable, Writable } from 'node:stream';
import type { Parsed } from '../authoring/parse-flags.ts';

/** Raised when the person closes the prompt with Ctrl+C or Ctrl+D. */
export class PromptCancelled extends Error {
  constructor() {
    super('cancelled; nothing was written');
    this.name = 'PromptCancelled';
  }
}

export interface Prompter {
  /** Writes text, such as the list of valid values, before a question. */
  tell(text: string): void;
  /** Asks `question` until `parse` accepts the reply, and returns the parsed value. */
  ask<T>(question: string, parse: (answer: string) => Parsed<T>): Promise<T>;
  close(): void;
}

/** Returns a prompter on the terminal, or undefined when stdin or stdout is not a terminal. */
export function terminalPrompter(): Prompter | undefined {
  if (!process.stdin.isTTY || !process.stdout.isTTY) return undefined;
  return createPrompter(process.stdin, process.stdout);
}

/**
 * Creates a prompter on any pair of streams. Lines are read through one
 * async iterator, which queues lines typed ahead of their question.
 */
export function createPrompter(input: Readable, output: Writable): Prompter {
  const readline = createInterface({ input, output });
  const lines = readline[Symbol.asyncIterator]();
  // Without a listener, readline only pauses on Ctrl+C; closing ends the iterator.
  readline.on('SIGINT', () => readline.close());

  return {
    tell(text) {
      output.write(text.endsWith('\n') ? text : `${text}\n`);
    },

    async ask(question, parse) {
      for (;;) {
        readline.setPrompt(question);
        readline.prompt();
        const next = await lines.next();
        if (next.done) throw new PromptCancelled();

        const result = parse(String(next.value));
        if (result.ok) return result.value;
        output.write(`  ${sentence(result.message)} ${sentence(result.fix)}\n`);
      }
    },

    close() {
      readline.close();
    },
  };
}

function sentence(text: string): string {
  const capitalised = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}
