/**
 * The `imr` command line: `npm run --silent imr -- <command> [options]`.
 * Exit codes: EXIT and EXIT_CODES_TEXT in output.ts (the one definition `--help` and the README state).
 */
import { parseArgs } from 'node:util';
import { joinOptionValues, type Options } from './args';
import { COMMANDS, type Command, type CommandName } from './commands';
import { CliError, EXIT, EXIT_CODES_TEXT, printError } from './output';
import { ownerOnlyUmask } from '../../runtime/file-modes';
import { versionLine } from '../../runtime/version';
import { errorText } from '../../../shared/api/error-text';

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  const lines = Object.entries(COMMANDS).map(
    ([name, c]) => `  ${name.padEnd(width)}  ${c.usage}\n  ${' '.repeat(width)}  ${c.summary}`,
  );
  return [
    'imr — IMR Workbench command line',
    '',
    'Usage: npm run --silent imr -- <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Every command takes --json for machine-readable output. imr --version prints the version.',
    '--case takes the internal case id or the IMR case number (e.g. CM16-0213037).',
    EXIT_CODES_TEXT,
    '',
  ].join('\n');
}

export async function runCli(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-V') {
    process.stdout.write(versionLine('imr'));
    return EXIT.ok;
  }
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    // `imr` alone is a command line without its command: the usage, on stdout as --help, and exit 2.
    process.stdout.write(usage());
    return name ? EXIT.ok : EXIT.rejected;
  }
  if (!Object.prototype.hasOwnProperty.call(COMMANDS, name)) {
    // `imr --db ws.sqlite list`: the options belong after the command.
    const command = rest.find((word) => Object.prototype.hasOwnProperty.call(COMMANDS, word));
    if (name.startsWith('-') && command) {
      throw new CliError(`give the command first: imr ${command} ${name} … (try --help)`, EXIT.rejected);
    }
    throw new CliError(`unknown command "${name}" (try --help)`, EXIT.rejected);
  }
  const command: Command = COMMANDS[name as CommandName];
  const options: Options = {
    ...command.options,
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h' },
  };
  let parsed;
  try {
    parsed = parseArgs({
      args: joinOptionValues(rest, options),
      options,
      allowPositionals: command.positionals ?? false,
      strict: true,
    });
  } catch (err) {
    throw new CliError(`${name}: ${errorText(err)}`, EXIT.rejected);
  }
  if (parsed.values.help) {
    process.stdout.write(`Usage: npm run --silent imr -- ${name} ${command.usage}\n${command.summary}\n`);
    return EXIT.ok;
  }
  return command.run(parsed.values as Record<string, string | boolean | string[] | undefined>, parsed.positionals);
}

/**
 * A reader that stops early (`imr list | head -2`) closes the pipe: the next
 * write fails with EPIPE. Nobody is left to read, so stop quietly rather than
 * die with a stack trace; the exit code is what the command had so far.
 */
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? EXIT.ok);
    throw err;
  });
}

ownerOnlyUmask();
runCli(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  })
  .catch((err: unknown) => {
    const message = errorText(err);
    printError(`imr: ${message.split('\n')[0]}`);
    process.exitCode = err instanceof CliError ? err.exitCode : EXIT.fatal;
  });
