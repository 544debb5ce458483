import { parseArgs } from 'node:util';
import { runValidate } from './validate.ts';

const USAGE = `Usage: sitrep <command> [options]

Commands:
  validate    Check every content file and report all problems at once

Options:
  --root DIR        the site's folder, holding content/ and incidents/
                    (default: $SITREP_ROOT, or the current folder)
  --format FORMAT   validate only: \`text\` (default) or \`github\` for
                    pull-request annotations (default on GitHub Actions)
  -h, --help        show this help

Docs: docs/content.md describes every field.`;

/** Runs the command line and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        root: { type: 'string' },
        format: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    process.stderr.write(`sitrep: ${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }

  const { values, positionals } = parsed;
  const [command] = positionals;
  if (values.help || command === undefined || command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return command === undefined && !values.help ? 2 : 0;
  }

  const root = values.root ?? process.env.SITREP_ROOT ?? process.cwd();

  try {
    switch (command) {
      case 'validate': {
        const format = values.format ?? (process.env.GITHUB_ACTIONS === 'true' ? 'github' : 'text');
        if (format !== 'text' && format !== 'github') {
          process.stderr.write(`sitrep: unknown --format \`${format}\`; use \`text\` or \`github\`\n`);
          return 2;
        }
        return await runValidate(root, format);
      }
      default:
        process.stderr.write(`sitrep: unknown command \`${command}\`\n\n${USAGE}\n`);
        return 2;
    }
  } catch (error) {
    // Bad input is reported above as problems; reaching here means a bug or
    // an unreadable disk, so show the message and keep the trace opt-in.
    const detail = process.env.SITREP_DEBUG ? (error as Error).stack : (error as Error).message;
    process.stderr.write(`sitrep: ${command} failed: ${detail}\nSet SITREP_DEBUG=1 to see the stack trace.\n`);
    return 1;
  }
}
