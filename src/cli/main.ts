import { parseArgs } from 'node:util';
import { closestMatch } from '../domain/suggest.ts';
import { runValidate } from './validate.ts';
import { CommandFailure, type CommandContext } from './authoring-support.ts';
import type { OptionValues } from './authoring-options.ts';
import { NEW_HELP, NEW_INCIDENT_HELP, NEW_MAINTENANCE_HELP, NEW_POSTMORTEM_HELP, runNewIncident, runNewMaintenance, runNewPostmortem } from './new.ts';
import { PromptCancelled, terminalPrompter } from './prompt.ts';
import { RESOLVE_HELP, runResolve } from './resolve.ts';
import { UPDATE_HELP, runUpdate } from './update.ts';
import { CHECK_HELP, runCheck, type MonitorCommandContext } from './check.ts';
import { HEARTBEAT_HELP, runHeartbeat } from './heartbeat.ts';
import { SUMMARIZE_HELP, runSummarize } from './summarize.ts';
import { COMMIT_RESULTS_HELP, STATE_HELP, runCommitResults, runStateCommand } from './github-commands.ts';
import { IMPORT_HELP, runImportCommand } from './import.ts';
import { ALERT_HELP, runAlert } from '../alerts/alert-command.ts';

const USAGE = `Usage: sitrep <command> [options]

Commands:
  validate                 Check every content file and report all problems at once
  new incident             Create an incident file with its first update
  new maintenance          Create a maintenance window with a \`scheduled\` update
  new postmortem <slug>    Create a postmortem of an incident, with its timeline
  update <incident>        Append an update to an open incident
  resolve <incident>       Append the \`resolved\` update to an open incident
  check                    Run every service's check once; open and resolve automated incidents
  heartbeat <service>      Record a heartbeat for a service's heartbeat check
  summarize --base DIR     List what merging a pull request changes on the page
  commit-results           Commit and push what \`sitrep check\` wrote, retrying on conflicts
  state restore|save       Keep the monitor's state file on a branch of its own
  import <kind> <source>   Import services, incidents and maintenance from cState, Upptime or Statuspage
  alert --before DIR       Send webhooks and mirror GitHub issues for incident changes

Options:
  --root DIR        the site's folder, holding content/ and incidents/
                    (default: $SITREP_ROOT, or the current folder)
  --format FORMAT   validate only: \`text\` (default) or \`github\` for
                    pull-request annotations (default on GitHub Actions)
  -h, --help        show this help; \`sitrep <command> --help\` shows a
                    command's options

Docs: docs/content.md describes every field, docs/authoring.md the
commands that write content.`;

// Every option of every command, so that options may come before the
// command name. Each command then rejects the options it does not take.
const OPTIONS = {
  root: { type: 'string' },
  format: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  title: { type: 'string' },
  affected: { type: 'string', multiple: true },
  message: { type: 'string' },
  status: { type: 'string' },
  at: { type: 'string' },
  services: { type: 'string', multiple: true },
  start: { type: 'string' },
  end: { type: 'string' },
  duration: { type: 'string' },
  state: { type: 'string' },
  only: { type: 'string', multiple: true },
  'dry-run': { type: 'boolean' },
  mapping: { type: 'string' },
  json: { type: 'boolean' },
  base: { type: 'string' },
  report: { type: 'string' },
  branch: { type: 'string' },
  attempts: { type: 'string' },
  via: { type: 'string' },
  before: { type: 'string' },
  'check-json': { type: 'string' },
} as const;

type OptionName = keyof typeof OPTIONS;

interface AuthoringCommand {
  name: string;
  help: string;
  options: OptionName[];
  /** Whether the command takes an `<incident>` argument. */
  takesIncident: boolean;
  run: (context: CommandContext, values: OptionValues, incident: string | undefined) => Promise<number>;
}

const AUTHORING_COMMANDS: Record<string, AuthoringCommand> = {
  'new incident': {
    name: 'new incident',
    help: NEW_INCIDENT_HELP,
    options: ['title', 'affected', 'message', 'status', 'at'],
    takesIncident: false,
    run: (context, values) => runNewIncident(context, values),
  },
  'new maintenance': {
    name: 'new maintenance',
    help: NEW_MAINTENANCE_HELP,
    options: ['title', 'services', 'start', 'end', 'duration', 'message', 'at'],
    takesIncident: false,
    run: (context, values) => runNewMaintenance(context, values),
  },
  'new postmortem': {
    name: 'new postmortem',
    help: NEW_POSTMORTEM_HELP,
    options: ['title', 'at'],
    takesIncident: true,
    run: runNewPostmortem,
  },
  update: { name: 'update', help: UPDATE_HELP, options: ['status', 'message', 'affected', 'at'], takesIncident: true, run: runUpdate },
  resolve: { name: 'resolve', help: RESOLVE_HELP, options: ['message', 'at'], takesIncident: true, run: runResolve },
};

/** Runs the command line and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS, tokens: true });
  } catch (error) {
    process.stderr.write(`sitrep: ${describeArgumentError(error as Error & { code?: string }, argv)}\n\n${USAGE}\n`);
    return 2;
  }

  const { values, positionals, tokens } = parsed;
  const [command, ...rest] = positionals;
  if (command === 'help') return printHelp(rest);
  if (command === undefined) {
    process.stdout.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }

  const root = values.root ?? process.env.SITREP_ROOT ?? process.cwd();
  if (command === 'validate') {
    if (values.help) return printHelp([]);
    const misplaced = misplacedOption(tokens, ['root', 'format', 'help']);
    if (misplaced) {
      process.stderr.write(`sitrep validate: ${misplaced}\n\n${USAGE}\n`);
      return 2;
    }
    return validate(root, values.format);
  }
  if (command === 'check' || command === 'heartbeat') return monitorCommand(command, root, values, rest, tokens);
  if (command === 'summarize' || command === 'commit-results' || command === 'state') return gitHubCommand(command, root, values, rest, tokens);
  if (command === 'import') return importCommand(root, values, rest, tokens);
  if (command === 'alert') return alertCommand(root, values, rest, tokens);

  const authoring = command === 'new' ? AUTHORING_COMMANDS[`new ${rest[0] ?? ''}`] : AUTHORING_COMMANDS[command];
  if (values.help) return printHelp(positionals);
  if (!authoring) {
    const problem = command !== 'new' ? `unknown command \`${command}\``
      : rest[0] === undefined ? 'missing the kind of content' : `unknown kind \`${rest[0]}\``;
    process.stderr.write(`sitrep: ${problem}\n\n${command === 'new' ? NEW_HELP : USAGE}\n`);
    return 2;
  }

  const commandArguments = command === 'new' ? rest.slice(1) : rest;
  const usageProblem = misplacedOption(tokens, ['root', 'help', ...authoring.options]) ?? extraArgument(authoring, commandArguments);
  if (usageProblem) {
    process.stderr.write(`sitrep ${authoring.name}: ${usageProblem}\nRun \`sitrep ${authoring.name} --help\` to see every option.\n`);
    return 2;
  }
  return runAuthoring(authoring, root, values, commandArguments[0]);
}

async function runAuthoring(authoring: AuthoringCommand, root: string, values: OptionValues, incident: string | undefined): Promise<number> {
  const prompter = terminalPrompter();
  const context: CommandContext = {
    command: authoring.name,
    root,
    cwd: process.cwd(),
    prompter,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  };

  try {
    return await authoring.run(context, values, incident);
  } catch (error) {
    if (error instanceof CommandFailure) {
      process.stderr.write(`${error.text}\n`);
      return error.exitCode;
    }
    if (error instanceof PromptCancelled) {
      process.stderr.write(`\nsitrep ${authoring.name}: ${error.message}\n`);
      return 130;
    }
    return unexpectedFailure(authoring.name, error);
  } finally {
    prompter?.close();
  }
}

async function validate(root: string, requestedFormat: string | undefined): Promise<number> {
  const format = requestedFormat ?? (process.env.GITHUB_ACTIONS === 'true' ? 'github' : 'text');
  if (format !== 'text' && format !== 'github') {
    process.stderr.write(`sitrep: unknown --format \`${format}\`; use \`text\` or \`github\`\n`);
    return 2;
  }
  try {
    return await runValidate(root, format);
  } catch (error) {
    return unexpectedFailure('validate', error);
  }
}

type Tokens = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; tokens: true; allowPositionals: true }>>['tokens'];

// Returns an error for the first option that the command does not take.
function misplacedOption(tokens: Tokens, allowed: readonly string[]): string | undefined {
  const misplaced = tokens.find((token) => token.kind === 'option' && !allowed.includes(token.name));
  return misplaced?.kind === 'option' ? `the option ${misplaced.rawName} does not apply to this command.` : undefined;
}

function extraArgument(command: AuthoringCommand, rest: readonly string[]): string | undefined {
  if (rest.length <= (command.takesIncident ? 1 : 0)) return undefined;
  return `unexpected argument \`${rest.at(-1)}\`; quote text that contains spaces, such as --title "API errors".`;
}

function printHelp(topic: readonly string[]): number {
  const [first, second] = topic;
  let text = USAGE;
  if (first === 'new') text = AUTHORING_COMMANDS[`new ${second ?? ''}`]?.help ?? NEW_HELP;
  else if (first !== undefined && AUTHORING_COMMANDS[first]) text = AUTHORING_COMMANDS[first]!.help;
  else if (first === 'check') text = CHECK_HELP;
  else if (first === 'heartbeat') text = HEARTBEAT_HELP;
  else if (first === 'summarize') text = SUMMARIZE_HELP;
  else if (first === 'commit-results') text = COMMIT_RESULTS_HELP;
  else if (first === 'state') text = STATE_HELP;
  else if (first === 'import') text = IMPORT_HELP;
  else if (first === 'alert') text = ALERT_HELP;
  process.stdout.write(`${text}\n`);
  return 0;
}

type ParsedValues = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; tokens: true; allowPositionals: true }>>['values'];

// Runs `sitrep check` or `sitrep heartbeat` after checking their options.
async function monitorCommand(command: 'check' | 'heartbeat', root: string, values: ParsedValues, rest: readonly string[], tokens: Tokens): Promise<number> {
  if (values.help) return printHelp([command]);

  const allowed: OptionName[] = command === 'check' ? ['root', 'help', 'state', 'only', 'dry-run', 'json'] : ['root', 'help', 'state'];
  // Words after `--only` are more services: `sitrep check --only api web`.
  let maxArguments = command === 'heartbeat' ? 1 : 0;
  if (command === 'check' && values.only) maxArguments = Infinity;
  let usageProblem = misplacedOption(tokens, allowed);
  if (!usageProblem && rest.length > maxArguments) usageProblem = `unexpected argument \`${rest.at(-1)}\`.`;
  if (usageProblem) {
    process.stderr.write(`sitrep ${command}: ${usageProblem}\nRun \`sitrep ${command} --help\` to see every option.\n`);
    return 2;
  }

  const context: MonitorCommandContext = {
    root,
    cwd: process.cwd(),
    environment: process.env,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  };
  try {
    if (command === 'heartbeat') return await runHeartbeat(context, values, rest[0]);
    return await runCheck(context, values, rest);
  } catch (error) {
    return unexpectedFailure(command, error);
  }
}

// Runs `sitrep alert` after checking its options.
async function alertCommand(root: string, values: ParsedValues, rest: readonly string[], tokens: Tokens): Promise<number> {
  if (values.help) return printHelp(['alert']);
  let usageProblem = misplacedOption(tokens, ['root', 'help', 'before', 'check-json', 'dry-run']);
  if (!usageProblem && rest.length > 0) usageProblem = `unexpected argument \`${rest.at(-1)}\`.`;
  if (usageProblem) {
    process.stderr.write(`sitrep alert: ${usageProblem}\nRun \`sitrep alert --help\` to see every option.\n`);
    return 2;
  }

  const context = processContext(root);
  try {
    return await runAlert(context, values);
  } catch (error) {
    return unexpectedFailure('alert', error);
  }
}

// Runs `sitrep import` after checking its options.
async function importCommand(root: string, values: ParsedValues, rest: readonly string[], tokens: Tokens): Promise<number> {
  if (values.help) return printHelp(['import']);
  const usageProblem = misplacedOption(tokens, ['root', 'help', 'mapping', 'dry-run']);
  if (usageProblem) {
    process.stderr.write(`sitrep import: ${usageProblem}\nRun \`sitrep import --help\` to see every option.\n`);
    return 2;
  }

  const context = processContext(root);
  try {
    return await runImportCommand(context, values, rest);
  } catch (error) {
    return unexpectedFailure('import', error);
  }
}

// Runs `sitrep summarize`, `sitrep commit-results` or `sitrep state` after checking their options.
async function gitHubCommand(command: 'summarize' | 'commit-results' | 'state', root: string, values: ParsedValues, rest: readonly string[], tokens: Tokens): Promise<number> {
  if (values.help) return printHelp([command]);
  const allowed: Record<typeof command, OptionName[]> = {
    summarize: ['root', 'help', 'base', 'format'],
    'commit-results': ['root', 'help', 'report', 'branch', 'attempts', 'via'],
    state: ['root', 'help', 'state', 'branch'],
  };
  let usageProblem = misplacedOption(tokens, allowed[command]);
  if (!usageProblem && rest.length > (command === 'state' ? 1 : 0)) usageProblem = `unexpected argument \`${rest.at(-1)}\`.`;
  if (usageProblem) {
    process.stderr.write(`sitrep ${command}: ${usageProblem}\nRun \`sitrep ${command} --help\` to see every option.\n`);
    return 2;
  }

  const context = processContext(root);
  try {
    if (command === 'summarize') return await runSummarize(context, values);
    if (command === 'commit-results') return await runCommitResults(context, values);
    return await runStateCommand(context, values, rest[0]);
  } catch (error) {
    return unexpectedFailure(command, error);
  }
}

function unexpectedFailure(command: string, error: unknown): number {
  // Bad input is reported as problems; reaching here means a bug or an
  // unreadable disk, so show the message and keep the trace opt-in.
  const detail = process.env.SITREP_DEBUG ? (error as Error).stack : (error as Error).message;
  process.stderr.write(`sitrep: ${command} failed: ${detail}\nSet SITREP_DEBUG=1 to see the stack trace.\n`);
  return 1;
}

// Node's parseArgs messages suggest `--` for positional arguments, which
// misleads when the real mistake is a misspelt option.
function describeArgumentError(error: Error & { code?: string }, argv: readonly string[]): string {
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const given = argv.find((argument) => argument.startsWith('-') && !(argument.replace(/^-+/, '').split('=')[0]! in OPTIONS)) ?? '';
    const name = given.replace(/^-+/, '').split('=')[0]!;
    const guess = closestMatch(name, Object.keys(OPTIONS));
    return `unknown option \`${given}\`${guess ? `; did you mean \`--${guess}\`?` : ''}`;
  }
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const flag = /--([a-z-]+)/.exec(error.message)?.[1];
    return flag ? `the option \`--${flag}\` needs a value, such as \`--${flag} "…"\`` : error.message;
  }
  return error.message;
}

// The real process's folders, environment and output, for commands that
// take them as a context so tests can pass their own.
function processContext(root: string) {
  return {
    root,
    cwd: process.cwd(),
    environment: process.env,
    stdout: (text: string) => process.stdout.write(text),
    stderr: (text: string) => process.stderr.write(text),
  };
}
