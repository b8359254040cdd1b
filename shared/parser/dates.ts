const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

/** Source text of a date as letters write it: 12/16/2016, 2-28-13, 10-28- 2016, November 16, 2000, Nov. 16 2000. */
export const DATE_PATTERN =
  '(?:\\d{1,2}[/-][ \\t]?\\d{1,2}[/-][ \\t]?\\d{2,4}|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}|\\d{4}-\\d{2}-\\d{2})';

/** ISO YYYY-MM-DD for a date as written in a letter, or null when it is not a real calendar date. */
export function toIsoDate(raw: string): string | null {
  const s = raw.trim();
  let year: number;
  let month: number;
  let day: number;
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (m) {
    [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  } else if ((m = /^(\d{1,2})[/-]\s?(\d{1,2})[/-]\s?(\d{2,4})$/.exec(s))) {
    [month, day, year] = [Number(m[1]), Number(m[2]), expandYear(m[3]!)];
  } else if ((m = /^([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/.exec(s))) {
    const monthNumber = MONTHS[m[1]!.slice(0, m[1]!.toLowerCase().startsWith('sept') ? 4 : 3).toLowerCase()];
    if (!monthNumber) return null;
    [month, day, year] = [monthNumber, Number(m[2]), Number(m[3])];
  } else {
    return null;
  }
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || year < 1900 || year > 2100) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Two-digit years: letters are from 2013 on, injuries can be decades older; 00–49 → 2000s. */
function expandYear(y: string): number {
  if (y.length === 4) return Number(y);
  if (y.length !== 2) return Number.NaN;
  const n = Number(y);
  return n < 50 ? 2000 + n : 1900 + n;
}

function daysIn(year: number, month: number): number {
  return [
    31,
    year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28,
    31,
    30,
    31,
    30,
    31,
    31,
    30,
    31,
    30,
    31,
  ][month - 1]!;
}
