/**
 * What the search box understands (backend/store/search.ts), one example a
 * line: shown under the box on request, and always read to a screen reader
 * with the box (aria-describedby).
 */
import { useState } from 'react';

export const SEARCH_HELP_ID = 'search-help';

const EXAMPLES: { query: string; means: string }[] = [
  { query: 'acupuncture chiropractic', means: 'letters with both words (in any form: therapy finds therapies)' },
  { query: '"low back"', means: 'the exact phrase' },
  { query: 'acupuncture OR chiropractic', means: 'either word' },
  { query: 'acupuncture -Norco', means: 'without Norco (also: NOT Norco)' },
  { query: 'chiro*', means: 'words that start with chiro' },
  { query: '2016-10-13', means: 'a date, however the letter writes it (10/13/2016, Oct 13, 2016)' },
  { query: 'CM16-0230651', means: 'a case number, or part of a file name' },
];

export function SearchHelp() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="btn ghost small search-help-btn"
        aria-expanded={open}
        aria-controls={SEARCH_HELP_ID}
        onClick={() => setOpen(!open)}
        onKeyDown={(e) => {
          // Escape closes what the button opened, as it closes a menu; only then is it not passed on.
          if (e.key === 'Escape' && open) {
            e.stopPropagation();
            setOpen(false);
          }
        }}
      >
        Search help
      </button>
      <div id={SEARCH_HELP_ID} className={`search-help${open ? '' : ' sr-only'}`}>
        <dl>
          {EXAMPLES.map((e) => (
            <div key={e.query}>
              <dt>
                <code>{e.query}</code>
              </dt>
              <dd>{e.means}</dd>
            </div>
          ))}
        </dl>
      </div>
    </>
  );
}
