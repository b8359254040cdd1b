/**
 * The one date parser of the project. The letter parser, corrections (UI, API,
 * CLI), the renderer's inputs and the export all read dates through
 * `parseDate`, so a date one of them accepts is a date for all of them.
 *
 * Accepted, as US letters and reviewers write dates:
 * - ISO `2016-02-03`
 * - month first with `/` or `-`: `02/03/2016`, `2/3/2016`, `2/3/16`, `10-28-2016`, and `10-28- 2016`
 *   (PDF text puts a space after a separator that ends a line)
 * - month names, full or abbreviated, with or without a period, ordinal or comma:
 *   `February 3, 2016`, `Feb 3 2016`, `Feb. 3rd, 2016`, `3 Feb 2016`, `3 February, 2016`
 *
 * Anything else is refused, and so is a date the calendar does not have
 * (`Feb 30 2016`, `2/29/2017`, `13/01/2016`): it is never rolled over into the
 * next month the way `new Date()` does. Years outside 1900–2100 are refused
 * (IMR began in 2013; injuries go back decades, not centuries). Two-digit
 * years: 00–49 are 2000–2049, 50–99 are 1950–1999.
 */

export type DateParse = { ok: true; iso: string } | { ok: false; message: string };

/** How dates are written, for messages and input hints. */
export const DATE_EXAMPLES = '2016-02-03, 02/03/2016 or February 3, 2016';

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

const MIN_YEAR = 1900;
const MAX_YEAR = 2100;

/** 1–12 for a month name or its abbreviation ("Feb", "Sept", "Febr."); null otherwise. */
function monthNumber(word: string): number | null {
  const lower = word.toLowerCase().replace(/\.$/, '');
  if (lower.length < 3) return null;
  const index = MONTH_NAMES.findIndex((name) => name.toLowerCase().startsWith(lower));
  return index < 0 ? null : index + 1;
}

/** 2- or 4-digit year as written → full year; NaN for any other length. */
function fullYear(digits: string): number {
  if (digits.length === 4) return Number(digits);
  if (digits.length !== 2) return Number.NaN;
  const n = Number(digits);
  return n < 50 ? 2000 + n : 1900 + n;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const NUMERIC = /^(\d{1,2})\s*([/-])\s*(\d{1,2})\s*\2\s*(\d{2}|\d{4})$/;
const ORDINAL = '(?:st|nd|rd|th)?';
const MONTH_FIRST = new RegExp(`^([A-Za-z]+\\.?)\\s*(\\d{1,2})${ORDINAL}\\s*,?\\s*(\\d{4})$`);
const DAY_FIRST = new RegExp(`^(\\d{1,2})${ORDINAL}\\s+(?:of\\s+)?([A-Za-z]+\\.?)\\s*,?\\s*(\\d{4})$`);

interface DateParts {
  year: number;
  month: number;
  day: number;
}

function partsOf(text: string): DateParts | null {
  let m = ISO.exec(text);
  if (m) return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  m = NUMERIC.exec(text);
  if (m) return { month: Number(m[1]), day: Number(m[3]), year: fullYear(m[4]!) };
  m = MONTH_FIRST.exec(text);
  if (m) {
    const month = monthNumber(m[1]!);
    return month === null ? null : { month, day: Number(m[2]), year: Number(m[3]) };
  }
  m = DAY_FIRST.exec(text);
  if (m) {
    const month = monthNumber(m[2]!);
    return month === null ? null : { month, day: Number(m[1]), year: Number(m[3]) };
  }
  return null;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * Reads one date (the whole text, surrounding white space ignored). On success
 * `iso` is `YYYY-MM-DD`; on failure `message` says why in a sentence a
 * reviewer can act on, quoting the input.
 */
export function parseDate(raw: string): DateParse {
  const text = raw.trim().replace(/\s+/g, ' ');
  const parts = partsOf(text);
  if (!parts) return { ok: false, message: `"${text}" is not a date; write it like ${DATE_EXAMPLES}` };
  const { year, month, day } = parts;
  if (!(year >= MIN_YEAR && year <= MAX_YEAR)) {
    return { ok: false, message: `"${text}": the year must be between ${MIN_YEAR} and ${MAX_YEAR}` };
  }
  if (month < 1 || month > 12) {
    return { ok: false, message: `"${text}" has no month ${month}; months go from 1 to 12 (dates are month first)` };
  }
  const days = daysInMonth(year, month);
  if (day < 1 || day > days) {
    return {
      ok: false,
      message: `"${text}" is not a real date: ${MONTH_NAMES[month - 1]} ${year} has ${days} days`,
    };
  }
  return { ok: true, iso: `${pad(year, 4)}-${pad(month)}-${pad(day)}` };
}

/** `parseDate` for callers that only need the ISO date or nothing. */
export function toIsoDate(raw: string): string | null {
  const parsed = parseDate(raw);
  return parsed.ok ? parsed.iso : null;
}

/** A stored ISO date as a reviewer reads it: "February 3, 2016". Other text is returned unchanged. */
export function longDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  return `${MONTH_NAMES[Number(m[2]) - 1] ?? m[2]} ${Number(m[3])}, ${m[1]}`;
}
