/**
 * Dates as letters write them. Finding a date in the text is the parser's job
 * (DATE_PATTERN); reading it is the project's one date parser
 * (shared/domain/dates.ts), so a date the parser reads is a date a reviewer
 * can type, and the reverse.
 */
export { toIsoDate } from '../domain/dates';

/** Source text of a date as letters write it: 12/16/2016, 2-28-13, 10-28- 2016, November 16, 2000, Nov. 16 2000. */
export const DATE_PATTERN =
  '(?:\\d{1,2}[/-][ \\t]?\\d{1,2}[/-][ \\t]?\\d{2,4}|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}|\\d{4}-\\d{2}-\\d{2})';
