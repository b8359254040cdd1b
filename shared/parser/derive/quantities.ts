/**
 * Quantity, frequency and duration as the request states them:
 * "#60", "QTY: 12", "times 12", "(8 sessions)", "eight (8) physical therapy
 * sessions", "2 times a week for 4 weeks", "two times a week times six
 * weeks", "2x3", "for a 3 month rental". Frequency and duration are the
 * phrases as written (folded); quantity is a number.
 */
const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  eighteen: 18,
  twenty: 20,
  'twenty-four': 24,
  thirty: 30,
  sixty: 60,
  ninety: 90,
  once: 1,
  twice: 2,
  single: 1,
  a: 1,
  an: 1,
};
const NUM =
  '(?:\\d+(?:\\.\\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|eighteen|twenty(?:-four)?|thirty|sixty|ninety)(?:\\s*\\(\\d+\\))?';
const UNITS = 'sessions?|visits?|treatments?|tablets?|capsules?|patch(?:es)?|injections?|units?';

export interface Found<T> {
  value: T;
  index: number;
  length: number;
  /** Computed rather than stated (e.g. sessions = times per week × weeks). */
  inferred?: boolean;
}

export function parseNumber(raw: string): number | null {
  const paren = /\((\d+)\)/.exec(raw);
  if (paren) return Number(paren[1]);
  const digits = /\d+(?:\.\d+)?/.exec(raw);
  if (digits) return Number(digits[0]);
  return NUMBER_WORDS[raw.trim().toLowerCase()] ?? null;
}

const FREQUENCY = new RegExp(
  `\\b(?:(?:${NUM})(?:\\s*(?:-|to|or)\\s*(?:${NUM}))?\\s*(?:x|times)\\s*(?:a|per|\\/|each)?\\s*(?:day|daily|week|wk|month|night)|(?:once|twice|(?:${NUM})\\s+times)\\s+(?:a\\s+|per\\s+)?(?:day|daily|week|weekly|month|monthly|night|nightly)|daily|nightly|weekly|monthly|every\\s+\\d+\\s+(?:hours?|days?|weeks?)|(?:BID|TID|QID|QD|QHS|PRN|q\\d+h)\\b)`,
  'i',
);
const DURATION = new RegExp(
  `\\b(?:for|times|x|over)\\s+(?:a\\s+|an\\s+)?(?:${NUM})(?:\\s*(?:-|to)\\s*(?:${NUM}))?[\\s-]*(?:days?|weeks?|wks?|months?|years?)\\b|\\b(?:${NUM})[\\s-]*(?:month|week|day)\\s+(?:rental|supply|trial|program)\\b`,
  'i',
);

export function findFrequency(treatment: string): Found<string> | null {
  const m = FREQUENCY.exec(treatment);
  return m ? { value: m[0], index: m.index, length: m[0].length } : null;
}

/** A bare "14 days" / "6 weeks" (not "every 2 weeks", a frequency) when no lead word introduces the duration. */
const BARE_DURATION = new RegExp(`(?<!\\bevery\\s+)\\b(?:${NUM})[\\s-]*(?:days?|weeks?|months?)\\b`, 'i');

export function findDuration(treatment: string): Found<string> | null {
  const m = DURATION.exec(treatment);
  if (!m) {
    const bare = BARE_DURATION.exec(treatment);
    return bare ? { value: bare[0], index: bare.index, length: bare[0].length } : null;
  }
  const lead = /^(?:for|times|x|over)\s+(?:a\s+|an\s+)?/i.exec(m[0]);
  const skip = lead ? lead[0].length : 0;
  return { value: m[0].slice(skip), index: m.index + skip, length: m[0].length - skip };
}

export function findQuantity(treatment: string): Found<number> | null {
  const patterns: RegExp[] = [
    /#\s*(\d+)/,
    /\b(?:QTY|quantity|qty\.?)\s*:?\s*(\d+)/i,
    /\((\d+)\s*(?:sessions?|visits?|treatments?)\)/i,
    /\b(?:sessions?|visits?|treatments?)\s*\((\d+)\)/i,
    new RegExp(`\\b(${NUM})\\s+(?:additional\\s+|more\\s+|initial\\s+|[a-z-]+\\s+){0,3}?(?:${UNITS})\\b`, 'i'),
    new RegExp(
      `\\b(?:${UNITS.replace('times|', '')}|therapy|acupuncture|chiropractic\\w*|manipulation|stimulation)\\s+(?:x|times)\\s*(\\d+)\\b(?!\\s*(?:a|per|\\/)\\s*(?:day|week|month))`,
      'i',
    ),
    /\btimes\s+(\d+)\b(?!\s*(?:a|per|\/)\s*(?:day|week|month|weeks?|days?|months?))/i,
  ];
  for (const p of patterns) {
    const m = p.exec(treatment);
    if (!m) continue;
    // "2 times a week" is a frequency, not a quantity of 2.
    const after = treatment.slice(m.index + m[0].length, m.index + m[0].length + 12);
    if (/^\s*(?:a|per|\/|each)\s*(?:day|week|wk|month)/i.test(after)) continue;
    const n = parseNumber(m[1]!);
    if (n === null || n <= 0 || n > 10000) continue;
    const at = m.index + m[0].indexOf(m[1]!);
    return { value: n, index: at, length: m[1]!.length };
  }
  // "2 times a week for 6 weeks" states the sessions implicitly: 12.
  const perWeek = new RegExp(
    `\\b(${NUM}(?=\\s*(?:x|times))|once|twice)\\s*(?:x|times)?\\s*(?:a|per|\\/)\\s*(?:week|wk)\\b.{0,20}?\\b(?:for|times|x|over)\\s+(?:a\\s+period\\s+of\\s+)?(${NUM})\\s*(?:weeks?|wks?)\\b`,
    'i',
  ).exec(treatment);
  if (perWeek) {
    const a = parseNumber(perWeek[1]!);
    const b = parseNumber(perWeek[2]!);
    if (a && b) return { value: a * b, index: perWeek.index, length: perWeek[0].length, inferred: true };
  }
  // Therapy shorthand "2x6" / "3 x 4": visits per week × weeks (not a size such as "2x4 cm").
  const shorthand = /\b([1-7])\s*x\s*(\d{1,2})\b(?![a-z%/.]|\s*(?:mm|cm|in|inch(?:es)?|feet|ft|%|\/|")(?![a-z]))/i.exec(
    treatment,
  );
  if (shorthand) {
    const value = Number(shorthand[1]) * Number(shorthand[2]);
    if (value > 0) return { value, index: shorthand.index, length: shorthand[0].length, inferred: true };
  }
  return null;
}
