import { describe, expect, it } from 'vitest';
import { caseNumberParts } from '../../../renderer/src/components/CaseNumbers';

describe('caseNumberParts', () => {
  it('cuts out each case number as a whole word and keeps every character of the text', () => {
    const text = 'Case Number: CM16-0232182 (see also cm16-0000001, XCM16-0232182 and CM16-0232183).';
    const parts = caseNumberParts(text);
    expect(parts.map((p) => p.text).join('')).toBe(text);
    expect(parts.filter((p) => p.caseNumber).map((p) => p.text)).toEqual(['CM16-0232182', 'CM16-0232183']);
    // Called again (the pattern is global): the same answer.
    expect(caseNumberParts(text)).toEqual(parts);
  });

  it('gives a text without a case number, or an empty one, as one run', () => {
    expect(caseNumberParts('no number here')).toEqual([{ text: 'no number here', caseNumber: false }]);
    expect(caseNumberParts('')).toEqual([{ text: '', caseNumber: false }]);
    expect(caseNumberParts('CM16-0232182')).toEqual([{ text: 'CM16-0232182', caseNumber: true }]);
  });
});
