import type { ParseArgsConfig } from 'node:util';

export type Options = NonNullable<ParseArgsConfig['options']>;

/** The long name of `word` when it is an option of `options` that takes a value (`--out`, or `-o` if so defined). */
function valueOptionName(word: string, options: Options): string | null {
  const long = /^--([^=]+)$/.exec(word)?.[1];
  const short = /^-([^-])$/.exec(word)?.[1];
  const name =
    long ?? (short === undefined ? undefined : Object.keys(options).find((k) => options[k]!.short === short));
  if (name === undefined || !Object.prototype.hasOwnProperty.call(options, name)) return null;
  return options[name]!.type === 'string' ? name : null;
}

/**
 * `--value -3` → `--value=-3`: the word after an option that takes a value is
 * that value, even when it starts with '-' (a negative number, a reason like
 * "- typo"), as getopt does. Node's parseArgs refuses it as ambiguous; joining
 * the two here applies the rule to every value-taking option of every command
 * from their one definition (`type: 'string'` in COMMANDS). Words after `--`
 * are positionals and left alone; `--name=value` is already joined.
 */
export function joinOptionValues(args: readonly string[], options: Options): string[] {
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    if (word === '--') {
      joined.push(...args.slice(i));
      break;
    }
    const next = args[i + 1];
    const name = next !== undefined && next.startsWith('-') ? valueOptionName(word, options) : null;
    if (name !== null) {
      joined.push(`--${name}=${next}`);
      i++;
    } else joined.push(word);
  }
  return joined;
}
