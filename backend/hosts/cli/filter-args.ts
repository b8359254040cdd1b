import { api, caseFilterSchema, ITEM_CONDITION_KEYS } from '../../../shared/api/contract';
import type { StatsDimension } from '../../../shared/domain/analytics';
import { BODY_REGIONS } from '../../../shared/domain/letter';
import { CliError, EXIT } from './output';

/** The case filter's keys, as `--filter KEY=VALUE` takes them. */
export const FILTER_KEYS = Object.keys(caseFilterSchema.shape) as (keyof typeof caseFilterSchema.shape)[];

/**
 * `--filter` options (repeatable) → a case filter for the service to validate
 * with the API's own schema (shared/api/contract.ts `caseFilterSchema`):
 *
 *   --filter category="physical therapy" --filter decision=Upheld
 *                                     a key with set choices takes them regardless of capitals
 *   --filter bodyRegion=none          the items without a value (keys that have one)
 *   --filter bodyRegion=KNEE          a body region regardless of capitals (the parser's vocabulary)
 *   --filter modified=true            yes/no also
 *   --filter turnaround=8..14         days, inclusive; 31.. and ..7 leave a side open
 *   --filter '{"month":"2016-03"}'    the filter as JSON, as the API takes it
 *
 * Every refusal is a refused input (exit 2), and a key may be given once.
 */
export function parseFilterArgs(args: readonly string[]): Record<string, unknown> {
  const filter: Record<string, unknown> = {};
  // A key given twice was last-one-wins: `--filter category=pharmacy --filter category=imaging` counted
  // imaging alone, where a user may have meant either. The case filter has no "or", so it is refused.
  const seen = new Set<string>();
  const once = (key: string) => {
    if (seen.has(key)) {
      throw new CliError(
        `--filter ${clip(key)} is given twice; a filter takes one value per key (different keys all apply)`,
        EXIT.rejected,
      );
    }
    seen.add(key);
  };
  for (const arg of args) {
    const text = arg.trim();
    if (text.startsWith('{')) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new CliError(`--filter: not valid JSON: ${clip(text)}`, EXIT.rejected);
      }
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
        throw new CliError('--filter: JSON must be an object such as {"category":"pharmacy"}', EXIT.rejected);
      }
      // Each key and value is checked as KEY=VALUE's are (a choice regardless of capitals), and refused in the
      // same words; JSON's null is none.
      for (const [key, value] of Object.entries(parsed)) {
        once(knownKey(key));
        filter[key] = checkedValue(key as FilterKey, value, clip(JSON.stringify(value) ?? ''));
      }
      continue;
    }
    const eq = text.indexOf('=');
    if (eq <= 0)
      throw new CliError(
        `--filter takes KEY=VALUE (got ${clip(text)}); keys: ${FILTER_KEYS.join(', ')}`,
        EXIT.rejected,
      );
    const key = knownKey(text.slice(0, eq).trim());
    const value = text.slice(eq + 1).trim();
    once(key);
    // `--filter category=` (an empty shell variable, a value not typed yet) asks for nothing: it was refused in
    // zod's words for some keys ("Too small: expected string to have >=1 characters") and matched everything for
    // others (search, flag). `none` is how to ask for items without a value.
    if (value === '')
      throw new CliError(`--filter ${key}= gives no value; ${key} takes ${accepted(key)}`, EXIT.rejected);
    filter[key] = checkedValue(key, filterValue(key, value), JSON.stringify(clip(value)));
  }
  return filter;
}

type FilterKey = (typeof FILTER_KEYS)[number];

function knownKey(key: string): FilterKey {
  if (!(FILTER_KEYS as string[]).includes(key)) {
    throw new CliError(`--filter: unknown key "${clip(key)}"; keys: ${FILTER_KEYS.join(', ')}`, EXIT.rejected);
  }
  return key as FilterKey;
}

function filterValue(key: FilterKey, value: string): unknown {
  const field = caseFilterSchema.shape[key];
  if (/^none$/i.test(value) && field.safeParse(null).success) return null;
  if (key === 'modified') {
    if (/^(true|yes)$/i.test(value)) return true;
    if (/^(false|no)$/i.test(value)) return false;
    throw new CliError(`--filter modified takes ${accepted(key)} (got ${clip(value)})`, EXIT.rejected);
  }
  if (key === 'turnaround') {
    const range = /^(-?\d+)?\s*\.\.\s*(-?\d+)?$/.exec(value);
    if (!range || (range[1] === undefined && range[2] === undefined)) {
      throw new CliError(`--filter turnaround takes ${accepted(key)} (got ${clip(value)})`, EXIT.rejected);
    }
    return {
      ...(range[1] !== undefined ? { min: Number(range[1]) } : {}),
      ...(range[2] !== undefined ? { max: Number(range[2]) } : {}),
    };
  }
  if (key === 'bodyRegion') {
    // Regions are stored as the parser's vocabulary writes them (lower case); "KNEE" matched nothing, silently,
    // where the other named keys (medication, specialty, priority) ignore capitals. Text outside the vocabulary
    // (kept from an early parse) is passed as typed.
    return BODY_REGIONS.find((region) => region === value.toLowerCase()) ?? value;
  }
  return value;
}

/**
 * A value checked by the filter's own schema (shared/api/contract.ts
 * `caseFilterSchema`), so this never disagrees with what the service accepts,
 * and refused in the command line's words (exit 2, as the service's refusal
 * was). A key with set choices (status, decision, category, format, guideline)
 * takes one of them regardless of capitals ("upheld" → "Upheld"). A refusal
 * says what the key takes (`accepted`, from the schema); a reason the schema
 * words for people itself (a month's form, a turnaround's min above its max)
 * is given as it is.
 */
function checkedValue(key: FilterKey, candidate: unknown, typed: string): unknown {
  const field = caseFilterSchema.shape[key];
  const checked = field.safeParse(candidate);
  if (checked.success) return candidate;
  const got = `(got ${typed})`;
  const issue = checked.error.issues[0];
  if (issue?.code === 'invalid_value' && typeof candidate === 'string') {
    const match = choicesOf(key)?.find((choice) => choice.toLowerCase() === candidate.toLowerCase());
    if (match !== undefined) return match;
  }
  if (issue?.code === 'custom' || issue?.code === 'invalid_format') {
    throw new CliError(`--filter ${key}: ${issue.message} ${got}`, EXIT.rejected);
  }
  throw new CliError(`--filter ${key} takes ${accepted(key)} ${got}`, EXIT.rejected);
}

/** A key's set choices (zod's invalid_value issue for a value that is none of them lists them); null if it has none. */
function choicesOf(key: FilterKey): string[] | null {
  const issue = caseFilterSchema.shape[key].safeParse('\u0000').error?.issues[0];
  if (issue?.code !== 'invalid_value') return null;
  return issue.values.filter((choice): choice is string => typeof choice === 'string');
}

/**
 * What `--filter KEY=` takes, in the command line's words and derived from the filter's schema: its choices,
 * true or false, a range of days within the schema's bounds, or text of at most its length.
 */
export function accepted(key: FilterKey): string {
  const field = caseFilterSchema.shape[key];
  const none = field.safeParse(null).success ? ', or none (no value)' : '';
  const choices = choicesOf(key);
  if (choices) return `one of ${choices.map((c) => (/\s/.test(c) ? JSON.stringify(c) : c)).join(', ')}${none}`;
  if (key === 'modified') return 'true or false (yes or no)';
  if (key === 'turnaround') {
    const days = caseFilterSchema.shape.turnaround.unwrap().unwrap().shape;
    const [min, max] = [days.min.unwrap().minValue, days.max.unwrap().maxValue];
    return `whole days from ${min} to ${max} as MIN..MAX, MIN.. or ..MAX${none}`;
  }
  // A text with a form of its own says it, as the schema words it for people: "a month is written YYYY-MM,
  // e.g. 2016-03" → "month takes a month written YYYY-MM, e.g. 2016-03".
  const form = field.safeParse('\u0000').error?.issues.find((i) => i.code === 'invalid_format');
  if (form) return `${form.message.replace(' is written ', ' written ')}${none}`;
  const longest = field.safeParse('x'.repeat(1_000_000)).error?.issues.find((i) => i.code === 'too_big');
  const length = longest && 'maximum' in longest ? ` of at most ${String(longest.maximum)} characters` : '';
  return `text${length}${none}`;
}

/** `stats.analytics`'s `by`: the one schema `--by` is checked against (shared/api/contract.ts). */
const BY_SCHEMA = api['stats.analytics'].input.shape.by.unwrap();

/** The dimensions `--by` takes, from the schema's choices (its invalid_value issue for a value that is none of them). */
function dimensions(): string[] {
  const issue = BY_SCHEMA.safeParse(['\u0000']).error?.issues[0];
  return issue?.code === 'invalid_value' ? issue.values.map(String) : [];
}

/**
 * `--by DIMENSION[,DIMENSION…]` → the breakdowns for `stats.analytics`, checked by the API's own schema (so this
 * never disagrees with what the service accepts) and refused in the command line's words (exit 2): a dimension it
 * does not know, or one named twice — not the API's "by: a dimension is listed twice". Blank entries are skipped.
 */
export function statsByArg(text: string | undefined): StatsDimension[] {
  const by = (text ?? '')
    .split(',')
    .map((d) => d.trim())
    .filter(Boolean);
  const checked = BY_SCHEMA.safeParse(by);
  if (checked.success) return checked.data;
  const takes = `--by takes ${dimensions().join(', ')} (comma-separated, each once)`;
  const unknown = checked.error.issues.find((i) => i.code === 'invalid_value');
  if (unknown)
    throw new CliError(`${takes}, not ${JSON.stringify(clip(String(by[Number(unknown.path[0])])))}`, EXIT.rejected);
  const twice = by.find((d, i) => by.indexOf(d) !== i);
  if (twice !== undefined) throw new CliError(`--by names ${twice} twice; ${takes}`, EXIT.rejected);
  throw new CliError(`${takes} (got ${JSON.stringify(clip(text ?? ''))})`, EXIT.rejected);
}

/**
 * What an export of filtered cases holds when the filter has item conditions
 * (ITEM_CONDITION_KEYS): whole cases, so more items than `imr stats` counts
 * for the same filter. Null when the filter has none.
 */
export function wholeCasesNote(filter: Record<string, unknown>): string | null {
  const keys = ITEM_CONDITION_KEYS.filter((key) => key in filter);
  if (keys.length === 0) return null;
  return (
    `--filter ${keys.join(', ')} selects cases with a matching item; each case is exported with all its items ` +
    '(imr stats counts the matching items only).'
  );
}

const clip = (text: string) => (text.length > 60 ? `${text.slice(0, 59)}…` : text);
