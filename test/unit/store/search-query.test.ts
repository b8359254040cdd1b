import { describe, expect, it } from 'vitest';
import { parseSearch, searchDates } from '../../../backend/store/search';

const match = (q: string) => parseSearch(q)?.match ?? null;

describe('what the search box understands', () => {
  it('requires every word, quoting each so no input is FTS5 syntax; no prefix unless asked', () => {
    expect(match('left knee')).toBe('("left" AND "knee")');
    expect(match('L4-5')).toBe('"L4-5"');
    expect(match("don't NEAR( a*b")).toBe('("don\'t" AND "NEAR" AND "a*b")');
    expect(match('chiro*')).toBe('"chiro"*');
    expect(parseSearch('  ')).toBeNull();
    expect(parseSearch('---')).toBeNull();
    expect(parseSearch('"" ( ) OR AND NOT')).toBeNull();
  });

  it('reads phrases, OR, NOT and -, and groups', () => {
    expect(match('"low back"')).toBe('"low back"');
    expect(match('"low ba"*')).toBe('"low ba"*');
    expect(match('"unterminated phrase')).toBe('"unterminated phrase"');
    expect(match('acupuncture OR chiropractic')).toBe('("acupuncture" OR "chiropractic")');
    expect(match('acupuncture -Norco')).toBe('("acupuncture") NOT ("Norco")');
    expect(match('acupuncture NOT Norco -"low back"')).toBe('("acupuncture") NOT ("Norco" OR "low back")');
    expect(match('(acupuncture OR chiropractic) -Norco knee')).toBe(
      '(("acupuncture" OR "chiropractic") AND "knee") NOT ("Norco")',
    );
    expect(match('acupuncture or chiropractic')).toBe('("acupuncture" AND "or" AND "chiropractic")');
    expect(match('knee (mri -lumbar)')).toBe('("knee" AND "mri") NOT ("lumbar")');
    expect(match('knee OR (mri -lumbar)')).toBe('("knee" OR (("mri") NOT ("lumbar")))');
  });

  it('searches without the excluded words when nothing else is asked for', () => {
    expect(parseSearch('-Norco')).toEqual({ match: null, exclude: '"Norco"', terms: [] });
    expect(parseSearch('NOT Norco -tramadol')).toMatchObject({ match: null, exclude: '"Norco" OR "tramadol"' });
    // "a, or anything without b" cannot be asked of FTS5: the negative branch is left out.
    expect(match('acupuncture OR -Norco')).toBe('"acupuncture"');
  });

  it('reads a date in any written form as that day, in the dates column', () => {
    for (const q of ['2016-10-13', '10/13/2016', '10-13-2016', 'Oct 13, 2016', 'October 13 2016', '13 October 2016']) {
      expect(match(q), q).toBe('dates : "20161013"');
    }
    expect(match('acupuncture 10/13/2016')).toBe('("acupuncture" AND dates : "20161013")');
    expect(match('acupuncture -10/13/2016')).toBe('("acupuncture") NOT (dates : "20161013")');
    // Quoted, it is the phrase as written; not a real day, it is words.
    expect(match('"10/13/2016"')).toBe('"10/13/2016"');
    expect(match('13/45/2016')).toBe('"13/45/2016"');
    expect(parseSearch('acupuncture Oct 13, 2016')?.terms).toEqual([
      { kind: 'text', text: 'acupuncture', prefix: false, quoted: false },
      { kind: 'date', iso: '2016-10-13' },
    ]);
  });

  it('indexes each day a letter names once, as one token', () => {
    expect(searchDates('Injured 10/13/2016; seen October 13, 2016 and 11-02-2016. Phone 555-10-13-2016x.')).toBe(
      '20161013 20161102',
    );
    expect(searchDates('no dates here')).toBe('');
  });
});
