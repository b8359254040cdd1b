import { describe, expect, it } from 'vitest';
import { parseSearch } from '../../../backend/store/search';
import { buildSnippet, snippetTerms } from '../../../backend/store/snippet';

const mark = (s: string) => s.replace(/\u0001/g, '[').replace(/\u0002/g, ']');
const terms = (query: string) => snippetTerms(parseSearch(query)?.terms ?? []);

describe('search snippets for a page of results', () => {
  it('marks every hit in a window around the first one, with ellipses where text was cut', () => {
    const text =
      'The injured worker reports chronic low back pain. An MRI of the lumbar spine was requested. ' +
      'Lumbar fusion is not supported by the guidelines for this patient at this time.';
    const snippet = buildSnippet([null, '', text], terms('lumbar'));
    expect(mark(snippet!)).toBe('…MRI of the [lumbar] spine was requested. [Lumbar] fusion is not supported…');
  });

  it('marks what the index matched: any form of a word, case and accents aside; a prefix only when asked', () => {
    expect(mark(buildSnippet(['Physical therapies twice weekly'], terms('physical therapy'))!)).toBe(
      '[Physical therapies] twice weekly',
    );
    expect(buildSnippet(['Radiculopathy confirmed by EMG'], terms('RADICUL'))).toBeNull();
    expect(mark(buildSnippet(['Radiculopathy confirmed by EMG'], terms('RADICUL*'))!)).toBe(
      '[Radiculopathy] confirmed by EMG',
    );
    expect(mark(buildSnippet(['Café visits'], terms('cafe'))!)).toBe('[Café] visits');
  });

  it('marks a phrase only as the whole phrase, and as one mark', () => {
    const text = 'Background: lower back pain; the low back was examined.';
    expect(mark(buildSnippet([text], terms('"low back"'))!)).toBe(
      'Background: lower back pain; the [low back] was examined.',
    );
    expect(mark(buildSnippet(['CM16-0230651', null, 'x'], terms('CM16-0230651'))!)).toBe('[CM16-0230651]');
  });

  it('marks a day however the letter writes it, and never what was excluded', () => {
    const text = 'Date of injury: 10/13/2016. The request dated October 13, 2016 for Norco was denied.';
    expect(mark(buildSnippet([text], terms('2016-10-13'))!)).toBe(
      'Date of injury: [10/13/2016]. The request dated [October 13, 2016]…',
    );
    expect(mark(buildSnippet([text], terms('request -Norco'))!)).toBe(
      '…13/2016. The [request] dated October 13, 2016 for Norco was denied.',
    );
  });

  it('prefers the first field with a hit (case number, treatments, the letter, its file name)', () => {
    const snippet = buildSnippet(
      ['CM16-0230651', 'Acupuncture 6 sessions', 'acupuncture was denied'],
      terms('acupuncture'),
    );
    expect(mark(snippet!)).toBe('[Acupuncture] 6 sessions');
    expect(mark(buildSnippet([null, '', 'a letter', '003_d3d3d7.txt'], terms('003_d3d3d7.txt'))!)).toBe(
      '[003_d3d3d7.txt]',
    );
  });

  it('returns null when nothing in the row matches or the search has no words', () => {
    expect(buildSnippet(['nothing relevant here'], terms('tramadol'))).toBeNull();
    expect(buildSnippet(['text'], terms('  "" '))).toBeNull();
  });
});
