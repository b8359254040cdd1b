import { describe, expect, it } from 'vitest';
import {
  columnLetters,
  DirectionTally,
  directionSafeText,
  csvSafeText,
  xmlSafeText,
  calendarDate,
  csvText,
  displayText,
  fitXlsxCell,
  neutralizeFormula,
  numeric,
  timestamp,
  XLSX_MAX_CELL_CHARS,
} from '../../../backend/export/cells';
import { directionControlsText } from '../../../shared/domain/export-characters';

describe('neutralizeFormula', () => {
  it.each(['=HYPERLINK("http://x","y")', '+1+2', '-2+3', '@SUM(A1)', '\t=1', '\r=1'])(
    'prefixes %j with a single quote',
    (text) => {
      expect(neutralizeFormula(text)).toBe(`'${text}`);
    },
  );

  it.each(['Acupuncture', ' =not first', "'already quoted", '', '1+1', 'MRI - lumbar'])('leaves %j alone', (text) => {
    expect(neutralizeFormula(text)).toBe(text);
  });
});

describe('csvText', () => {
  it('keeps real numbers, negative ones included, as bare numbers', () => {
    expect(csvText(-5)).toBe('-5');
    expect(csvText(12.5)).toBe('12.5');
  });

  it('guards text that looks like a formula, including text that looks like a negative number', () => {
    expect(csvText('-5')).toBe("'-5");
    expect(csvText('=1+1')).toBe("'=1+1");
  });

  it('writes calendar dates as yyyy-mm-dd and moments as UTC date and time', () => {
    expect(csvText(new Date(Date.UTC(2016, 11, 7)))).toBe('2016-12-07');
    expect(csvText(new Date('2026-11-23T15:39:04.457Z'))).toBe('2026-11-23 15:39:04');
    expect(csvText(null)).toBe('');
  });
});

describe('calendarDate', () => {
  it('turns ISO dates into Dates at UTC midnight', () => {
    expect(calendarDate('2016-12-07')).toEqual(new Date(Date.UTC(2016, 11, 7)));
    expect(calendarDate('2016-02-29')).toEqual(new Date(Date.UTC(2016, 1, 29)));
  });

  it('reads the US form the letters print, as corrections accept it', () => {
    expect(calendarDate('12/07/2016')).toEqual(new Date(Date.UTC(2016, 11, 7)));
  });

  it('keeps impossible or free-form dates as text instead of dropping or shifting them', () => {
    expect(calendarDate('2015-02-29')).toBe('2015-02-29');
    expect(calendarDate('2016-13-45')).toBe('2016-13-45');
    expect(calendarDate('early December 2016')).toBe('early December 2016');
    // Any date the one date parser reads is a date, as a reviewer could type it.
    expect(calendarDate('December 7, 2016')).toEqual(new Date('2016-12-07T00:00:00.000Z'));
    expect(calendarDate(null)).toBeNull();
    expect(calendarDate('')).toBeNull();
  });
});

describe('timestamp, numeric, displayText', () => {
  it('parses ISO timestamps and keeps anything else as text', () => {
    expect(timestamp('2026-11-23T15:39:04.457Z')).toEqual(new Date('2026-11-23T15:39:04.457Z'));
    expect(timestamp('yesterday')).toBe('yesterday');
  });

  it('makes numbers of numeric values and keeps other text', () => {
    expect(numeric(12)).toBe(12);
    expect(numeric('12')).toBe(12);
    expect(numeric(' -3 ')).toBe(-3);
    expect(numeric('twelve')).toBe('twelve');
    expect(numeric(Number.NaN)).toBeNull();
    expect(numeric(null)).toBeNull();
  });

  it('joins lists and shows objects as JSON', () => {
    expect(displayText(['California', 'Washington'])).toBe('California; Washington');
    expect(displayText([])).toBeNull();
    expect(displayText({ a: 1 })).toBe('{"a":1}');
  });
});

describe('fitXlsxCell', () => {
  it('leaves normal text alone and truncates over-long text within the Excel limit, saying so', () => {
    expect(fitXlsxCell('short')).toBe('short');
    const long = 'x'.repeat(XLSX_MAX_CELL_CHARS + 10);
    const fitted = fitXlsxCell(long);
    expect(fitted.length).toBeLessThanOrEqual(XLSX_MAX_CELL_CHARS);
    expect(fitted).toMatch(/\[truncated: 32777 characters in full/);
  });
});

describe('characters a file format cannot hold', () => {
  it('replaces what XML 1.0 forbids with U+FFFD and keeps everything else', () => {
    expect(xmlSafeText('a\u0000b\u0008c\u000bd\u000ce\u001ff\ufffeg\uffffh')).toBe(
      'a\ufffdb\ufffdc\ufffdd\ufffde\ufffdf\ufffdg\ufffdh',
    );
    expect(xmlSafeText('tab\tline\nreturn\r')).toBe('tab\tline\nreturn\r');
    expect(xmlSafeText('emoji 😀 and é, € and \ufffd')).toBe('emoji 😀 and é, € and \ufffd');
    // A surrogate pair is one code point; half of one is not a character at all.
    expect(xmlSafeText('\ud83d')).toBe('\ufffd');
    expect(xmlSafeText('x\ude00y')).toBe('x\ufffdy');
    expect(xmlSafeText('\ude00\ud83d')).toBe('\ufffd\ufffd');
  });

  it('in CSV replaces NUL and other C0 controls but keeps tabs and line breaks (quoted) and U+FFFF', () => {
    expect(csvSafeText('a\u0000b\u001bc\td\ne\r\uffff')).toBe('a\ufffdb\ufffdc\td\ne\r\uffff');
    expect(csvText('\u0000=1+1')).toBe('\ufffd=1+1');
  });
});

describe('text-direction controls in exported cells', () => {
  it('each becomes U+FFFD, whichever kind it is; other text is untouched', () => {
    const controls = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'];
    const marks = ['\u200E', '\u200F', '\u061C'];
    for (const c of [...controls, ...marks]) expect(directionSafeText(`CM15-${c}0001`)).toBe('CM15-\uFFFD0001');
    expect(directionSafeText('Upheld — café 👩\u200d⚕\ufe0f')).toBe('Upheld — café 👩\u200d⚕\ufe0f');
  });

  it('names the first 20 cells changed and counts the rest', () => {
    const tally = new DirectionTally();
    for (let row = 2; row < 27; row++) tally.note(`Items!${columnLetters(28)}${row} (Treatment)`);
    expect(tally.cells).toBe(25);
    expect(tally.where).toHaveLength(20);
    expect(tally.where[0]).toBe('Items!AB2 (Treatment)');
    expect(directionControlsText({ directionControls: tally })).toMatch(
      /in the file: Items!AB2 \(Treatment\), .*, Items!AB21 \(Treatment\) and 5 more\.$/,
    );
    expect(directionControlsText({ directionControls: { cells: 0, where: [] } })).toBeNull();
  });
});
