import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REGION_TERM_LISTS } from '../../../shared/parser/derive/body-region';
import { CATEGORY_TERM_LISTS } from '../../../shared/parser/derive/category';
import { WordTermLists, type TermList } from '../../../shared/parser/derive/word-terms';

/** The plain scan WordTermLists must agree with: each list's whole-word Unicode pattern, global, over the text. */
const plainPatterns = new Map<readonly TermList[], RegExp[]>();
function plainMatches(lists: readonly TermList[], text: string): string[] {
  let patterns = plainPatterns.get(lists);
  if (!patterns) {
    patterns = lists.map(
      ({ terms, caps }) => new RegExp(`(?<![\\p{L}\\p{N}])(?:${terms})(?![\\p{L}\\p{N}])`, caps ? 'gu' : 'giu'),
    );
    plainPatterns.set(lists, patterns);
  }
  const out: string[] = [];
  patterns.forEach((pattern, list) => {
    for (const m of text.matchAll(pattern)) if (m[0]) out.push(`${list}@${m.index}:${m[0]}`);
  });
  return out;
}

function fastMatches(searcher: WordTermLists, text: string): string[] {
  const out: string[] = [];
  searcher.forEachMatch(text, (list, m) => out.push(`${list}@${m.index}:${m[0]}`));
  return out;
}

/**
 * Pieces of letters: terms of both vocabularies in several cases, spinal levels, strengths, and the
 * characters where a shortcut could go wrong — the long s and Kelvin sign (which /iu folds onto s and k),
 * a dotted capital I (which lowers to two characters), accented and astral letters, non-ASCII digits,
 * punctuation and spaces outside ASCII, an emoji.
 */
const PIECES = [
  'knee',
  'Knees',
  'KNEE',
  'meniscus',
  'lumbar spine',
  'low back',
  'L4-5',
  'L5-S1',
  'C5-C6',
  'T12-L1',
  'c7-t1',
  'shoulder',
  'rotator cuff',
  'AC joint',
  'SI joint',
  'TMJ',
  'ACL',
  'acl',
  'de Quervain’s',
  'carpal tunnel',
  'physical therapy',
  'PT/OT',
  'PT',
  'pt',
  'MRI',
  'mri',
  'x-ray',
  'Norco 10/325 mg',
  '5%',
  '20 mg/ml',
  'µg',
  'μg',
  'ibuprofen',
  'injection',
  'ESI',
  'arthroscopy',
  'menisectomy',
  'TENS unit',
  'H-wave',
  'home health care',
  'evaluation',
  'referral to',
  'chiropractic',
  'acupuncture',
  'CBT',
  'psychotherapy',
  'follow-up',
  'EMG/NCV',
  '\u017fhoulder',
  '\u212Anee',
  'K\u017fI',
  '\u0130',
  'İknee',
  'é',
  'éknee',
  'kneeé',
  'José',
  '𝐀',
  '𝐀knee',
  'knee𝐀',
  '٣',
  'knee٣',
  '😀',
  '’',
  '–',
  '\u00a0',
  ' ',
  ' ',
  ' ',
  '\n',
  '\t',
  '-',
  '/',
  '.',
  ',',
  '(',
  ')',
  ':',
  '5',
  'x',
  's',
];

const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((parts) => parts.join(''));

describe('WordTermLists', () => {
  for (const [name, lists] of [
    ['body regions', REGION_TERM_LISTS],
    ['categories', CATEGORY_TERM_LISTS],
  ] as const) {
    const searcher = new WordTermLists(lists);
    it(`finds exactly the plain scans' matches (${name})`, () => {
      fc.assert(
        fc.property(text, (t) => {
          expect(fastMatches(searcher, t)).toEqual(plainMatches(lists, t));
        }),
        { numRuns: 400 },
      );
    });
    it(`finds exactly the plain scans' matches in arbitrary text (${name})`, () => {
      fc.assert(
        fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (t) => {
          expect(fastMatches(searcher, t)).toEqual(plainMatches(lists, t));
        }),
        { numRuns: 100 },
      );
    });
  }

  it('runs a list only where one of its leading literals starts a word', () => {
    const lists: TermList[] = [{ terms: 'knees?|menisc\\w*' }, { terms: 'ACL', caps: true }];
    const searcher = new WordTermLists(lists);
    expect(fastMatches(searcher, 'Torn MENISCUS, ACL tear; acl')).toEqual(['0@5:MENISCUS', '1@15:ACL']);
    expect(fastMatches(searcher, 'ski knee')).toEqual(['0@4:knee']);
    expect(fastMatches(searcher, 'skiknee')).toEqual([]);
  });
});
