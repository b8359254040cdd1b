import { describe, expect, it } from 'vitest';
import { buildSnippet, snippetTerms } from '../../../backend/store/snippet';

const mark = (s: string) => s.replace(/\u0001/g, '[').replace(/\u0002/g, ']');

describe('search snippets for a page of results', () => {
  it('marks every hit in a window around the first one, with ellipses where text was cut', () => {
    const text =
      'The injured worker reports chronic low back pain. An MRI of the lumbar spine was requested. ' +
      'Lumbar fusion is not supported by the guidelines for this patient at this time.';
    const snippet = buildSnippet([null, '', text], snippetTerms('lumbar'));
    expect(mark(snippet!)).toBe('…MRI of the [lumbar] spine was requested. [Lumbar] fusion is not supported…');
  });

  it('treats the query like the full-text index: case- and accent-insensitive, prefixes, simple stems', () => {
    expect(mark(buildSnippet(['Physical therapies twice weekly'], snippetTerms('physical therapy'))!)).toBe(
      '[Physical] [therapies] twice weekly',
    );
    expect(mark(buildSnippet(['Radiculopathy confirmed by EMG'], snippetTerms('RADICUL'))!)).toBe(
      '[Radiculopathy] confirmed by EMG',
    );
    expect(mark(buildSnippet(['Café visits'], snippetTerms('cafe'))!)).toBe('[Café] visits');
  });

  it('prefers the first field with a hit (case number, then treatments, then the letter)', () => {
    const snippet = buildSnippet(
      ['CM16-0230651', 'Acupuncture 6 sessions', 'acupuncture was denied'],
      snippetTerms('acupuncture'),
    );
    expect(mark(snippet!)).toBe('[Acupuncture] 6 sessions');
    expect(mark(buildSnippet(['CM16-0230651', null, 'x'], snippetTerms('CM16-0230651'))!)).toBe('[CM16]-[0230651]');
  });

  it('returns null when nothing in the row matches or the search has no words', () => {
    expect(buildSnippet(['nothing relevant here'], snippetTerms('tramadol'))).toBeNull();
    expect(buildSnippet(['text'], snippetTerms('  "" '))).toBeNull();
  });
});
