import { describe, expect, it } from 'vitest';
import { FoldedText, foldWhitespace } from '../../../shared/parser/text';

const folded = (text: string) => new FoldedText(text, 0, text.length).value;

describe('FoldedText folds as foldWhitespace does', () => {
  it.each([
    ['Non-\nMTUS citation', 'Non-MTUS citation'],
    ['follow-\n  up visit', 'follow-up visit'],
    ['pain -\nlow back', 'pain - low back'],
    ['Non-\n\nMTUS', 'Non- MTUS'],
    // A letter outside the Basic Multilingual Plane before the hyphen: a surrogate pair, a letter all the same (the
    // parser's property test found FoldedText keeping a space here that foldWhitespace dropped).
    ['wheelchair\u{10000}-\nfor a 1 month rental', 'wheelchair\u{10000}-for a 1 month rental'],
    ['\u{1D400}-\nbold', '\u{1D400}-bold'],
    ['x \u{10000}-\nfor', 'x \u{10000}-for'],
    // A lone low surrogate is no letter to either.
    ['a\uDC00-\nfor', 'a\uDC00- for'],
  ])('%j', (text, expected) => {
    expect(foldWhitespace(text)).toBe(expected);
    expect(folded(text)).toBe(expected);
  });
});
