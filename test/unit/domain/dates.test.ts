import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysInMonth, parseDate, toIsoDate } from '../../../shared/domain/dates';
import { DATE_PATTERN } from '../../../shared/parser/dates';

describe('the one date parser', () => {
  it.each([
    ['2016-02-03', '2016-02-03'],
    ['02/03/2016', '2016-02-03'],
    ['2/3/2016', '2016-02-03'],
    ['2/3/16', '2016-02-03'],
    ['3/1/98', '1998-03-01'],
    ['10-28-2016', '2016-10-28'],
    ['10-28- 2016', '2016-10-28'],
    ['February 3, 2016', '2016-02-03'],
    ['Feb 3 2016', '2016-02-03'],
    ['Feb. 3rd, 2016', '2016-02-03'],
    ['FEBRUARY 3, 2016', '2016-02-03'],
    ['Sept 3, 2015', '2015-09-03'],
    ['3 Feb 2016', '2016-02-03'],
    ['3 February, 2016', '2016-02-03'],
    ['February 29, 2016', '2016-02-29'],
    ['  2/29/2000 ', '2000-02-29'],
  ])('reads %s as %s', (raw, iso) => expect(parseDate(raw)).toEqual({ ok: true, iso }));

  it.each([
    ['Feb 30 2016', '"Feb 30 2016" is not a real date: February 2016 has 29 days'],
    ['2016-02-30', '"2016-02-30" is not a real date: February 2016 has 29 days'],
    ['2/29/2017', 'February 2017 has 28 days'],
    ['2/29/1900', 'February 1900 has 28 days'],
    ['04/31/2016', 'April 2016 has 30 days'],
    ['13/01/2016', 'has no month 13'],
    ['00/10/2016', 'has no month 0'],
    ['Item 12', '"Item 12" is not a date'],
    ['12/16', 'is not a date'],
    ['12/16/201', 'is not a date'],
    ['Smarch 3, 2016', 'is not a date'],
    ['Janfoo 3, 2016', 'is not a date'],
    ['Ma 3, 2016', 'is not a date'],
    ['yesterday', 'is not a date'],
    ['2016-02-03T00:00:00Z', 'is not a date'],
    ['1/2/2016/3', 'is not a date'],
    ['12/16-2016', 'is not a date'],
    ['1/1/1899', 'the year must be between 1900 and 2100'],
    ['', 'is not a date'],
  ])('refuses %s with a reason', (raw, reason) => {
    const parsed = parseDate(raw);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain(reason);
  });

  it('never rolls a date over: every date it accepts is one the calendar has, written back the same', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1900, max: 2100 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        (year, month, day) => {
          const real = month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
          const iso = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
          for (const written of [iso, `${month}/${day}/${year}`]) {
            expect(toIsoDate(written)).toBe(real ? iso : null);
          }
        },
      ),
    );
  });

  it('agrees with JavaScript calendar arithmetic on month lengths', () => {
    for (let year = 1900; year <= 2100; year++) {
      for (let month = 1; month <= 12; month++) {
        expect(daysInMonth(year, month)).toBe(new Date(Date.UTC(year, month, 0)).getUTCDate());
      }
    }
  });

  it('reads every real date in each form the letter parser finds in text', () => {
    const pattern = new RegExp(`^${DATE_PATTERN}$`);
    const forms = ['12/16/2016', '2-28-13', '10-28- 2016', 'November 16, 2000', 'Nov. 16 2000', 'Sept 3rd, 2015'];
    for (const form of forms) {
      expect(pattern.test(form), form).toBe(true);
      expect(toIsoDate(form), form).not.toBeNull();
    }
  });
});
