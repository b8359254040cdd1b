/**
 * Dates as letters write them. Finding a date in the text is the parser's job
 * (DATE_PATTERN); reading it is the project's one date parser
 * (shared/domain/dates.ts), so a date the parser reads is a date a reviewer
 * can type, and the reverse.
 */
import { toIsoDate } from '../domain/dates';

export { toIsoDate };

/** Source text of a date as letters write it: 12/16/2016, 2-28-13, 10-28- 2016, November 16, 2000, Nov. 16 2000. */
export const DATE_PATTERN =
  '(?:\\d{1,2}[/-][ \\t]?\\d{1,2}[/-][ \\t]?\\d{2,4}|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}|\\d{4}-\\d{2}-\\d{2})';

/** A date written in a text: where, and which day (YYYY-MM-DD). */
export interface FoundDate {
  start: number;
  end: number;
  iso: string;
}

/**
 * Every date a text writes that is a real calendar date, in order: the forms
 * of DATE_PATTERN and day-first "13 October 2016", read by the one date
 * parser. Search uses it to index the letters' dates by day and to read dates
 * in a query, so "2016-10-13" finds a letter that writes "10/13/2016".
 */
export function findDates(text: string): FoundDate[] {
  const found: FoundDate[] = [];
  for (const m of text.matchAll(FIND_DATES)) {
    const iso = toIsoDate(m[0]);
    if (iso) found.push({ start: m.index, end: m.index + m[0].length, iso });
  }
  return found;
}

const DAY_FIRST =
  '\\d{1,2}(?:st|nd|rd|th)?\\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\\.?,?\\s+\\d{4}';
/** Not inside a longer number or word (a phone number, "L4-5-2016x"). */
const FIND_DATES = new RegExp(`(?<![\\w/.-])(?:${DAY_FIRST}|${DATE_PATTERN})(?![\\w/]|-\\d)`, 'gi');
