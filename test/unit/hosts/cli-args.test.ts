import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import { joinOptionValues, type Options } from '../../../backend/hosts/cli/args';
import { COMMANDS, type CommandName } from '../../../backend/hosts/cli/commands';

/** Every option of every command that takes a value, from the commands' own definitions. */
const VALUE_OPTIONS = (Object.keys(COMMANDS) as CommandName[]).flatMap((command) =>
  Object.entries(COMMANDS[command].options as Options)
    .filter(([, o]) => o.type === 'string')
    .map(([option]) => [command, option] as const),
);

/** The values parseArgs gives for `args` to `command`, as the CLI parses them. */
const parse = (command: CommandName, args: string[]) => {
  const options: Options = { ...(COMMANDS[command].options as Options), json: { type: 'boolean' } };
  const { values, positionals } = parseArgs({
    args: joinOptionValues(args, options),
    options,
    allowPositionals: true,
    strict: true,
  });
  return { values: values as Record<string, string | boolean | string[] | undefined>, positionals };
};

describe('option values that start with a dash', () => {
  it('covers the options a reviewer types values into', () => {
    expect(VALUE_OPTIONS).toEqual(
      expect.arrayContaining([
        ['correct', 'value'],
        ['correct', 'reason'],
        ['correct', 'case'],
        ['export', 'out'],
        ['stats', 'filter'],
        ['list', 'search'],
      ]),
    );
  });

  it.each(VALUE_OPTIONS)('%s --%s -3 takes -3 as the value', (command, option) => {
    const { values } = parse(command, [`--${option}`, '-3', '--json']);
    const value = values[option];
    expect(Array.isArray(value) ? value : [value]).toEqual(['-3']);
    expect(values.json).toBe(true);
  });

  it('keeps --name=value, booleans, positionals and everything after --', () => {
    expect(joinOptionValues(['--value=-3', '--json', '-x'], COMMANDS.correct.options)).toEqual([
      '--value=-3',
      '--json',
      '-x',
    ]);
    const { values, positionals } = parse('import', ['--db', '-ws.sqlite', 'a.pdf', '--', '--db', '-b.pdf']);
    expect(values.db).toBe('-ws.sqlite');
    expect(positionals).toEqual(['a.pdf', '--db', '-b.pdf']);
  });

  it('takes the next word as the value even when it looks like an option, as getopt does', () => {
    expect(parse('correct', ['--reason', '--json']).values).toEqual({ reason: '--json' });
    // The last word with no value after it is still an error parseArgs reports.
    expect(() => parse('correct', ['--value'])).toThrow(/argument missing/);
  });
});
