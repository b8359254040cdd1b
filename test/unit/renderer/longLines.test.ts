import { describe, expect, it } from 'vitest';
import { LINE_SHOWN, textPieces } from '../../../renderer/src/letter/longLines';

describe('textPieces (the text view shows very long lines in part)', () => {
  it('gives an ordinary letter whole, split only around the highlight', () => {
    expect(textPieces('ab\ncd', null, [])).toEqual([{ kind: 'text', start: 0, end: 5, marked: false }]);
    expect(textPieces('ab\ncd', { start: 1, end: 4 }, [])).toEqual([
      { kind: 'text', start: 0, end: 1, marked: false },
      { kind: 'text', start: 1, end: 4, marked: true },
      { kind: 'text', start: 4, end: 5, marked: false },
    ]);
  });

  it('cuts a long line after LINE_SHOWN characters, naming the rest as a gap', () => {
    const text = `head\n${'x'.repeat(LINE_SHOWN * 3)}\ntail`;
    const lineStart = 5;
    const lineEnd = lineStart + LINE_SHOWN * 3;
    expect(textPieces(text, null, [])).toEqual([
      { kind: 'text', start: 0, end: lineStart + LINE_SHOWN, marked: false },
      { kind: 'gap', start: lineStart + LINE_SHOWN, end: lineEnd, lineStart, lineEnd },
      { kind: 'text', start: lineEnd, end: text.length, marked: false },
    ]);
  });

  it('shows a highlight inside the hidden part (at most LINE_SHOWN of it) and what was revealed', () => {
    const text = 'x'.repeat(LINE_SHOWN * 10);
    const at = LINE_SHOWN * 5;
    const pieces = textPieces(text, { start: at, end: text.length }, [{ start: LINE_SHOWN, end: LINE_SHOWN + 10 }]);
    expect(pieces).toEqual([
      { kind: 'text', start: 0, end: LINE_SHOWN + 10, marked: false },
      { kind: 'gap', start: LINE_SHOWN + 10, end: at, lineStart: 0, lineEnd: text.length },
      { kind: 'text', start: at, end: at + LINE_SHOWN, marked: true },
      { kind: 'gap', start: at + LINE_SHOWN, end: text.length, lineStart: 0, lineEnd: text.length },
    ]);
  });
});
