/**
 * Search-result snippets built in JavaScript for one page of results.
 *
 * FTS5's snippet() looks cheap but SQLite evaluates it for EVERY matching row
 * before ORDER BY … LIMIT picks the page: with 100,000 letters a common word
 * matches ~50,000 rows and the list took seconds. Paging first and marking the
 * 200 shown rows here keeps search under the UI's budget.
 *
 * What is marked follows the query as FTS5 read it (search.ts): a word in any
 * form the index's Porter stemmer gives the same stem ("therapies" for
 * "therapy"), a prefix only where the query asked for one, a phrase only as
 * the whole phrase, a day however the letter writes it, case- and
 * accent-insensitively; excluded words are not marked. It only decorates rows
 * FTS5 already matched.
 */
import { stemmer } from 'stemmer';
import { findDates } from '../../shared/parser/dates';
import type { SearchTerm } from './search';

const TOKEN = /[\p{L}\p{N}]+/gu;
const ASCII = /^[\x00-\x7f]*$/;
const fold = (s: string) => (ASCII.test(s) ? s : s.normalize('NFD').replace(/\p{M}/gu, '')).toLowerCase();

export const SNIPPET_OPEN = '\u0001';
export const SNIPPET_CLOSE = '\u0002';

interface Word {
  start: number;
  end: number;
  /** Folded (lower case, no accents). */
  text: string;
}

/** A text term as the words to find in a row: each compared by stem, the last by prefix when asked. */
interface WordPattern {
  words: string[];
  prefix: boolean;
}

/** The patterns and days of a search's terms (search.ts parseSearch().terms). */
export interface SnippetTerms {
  patterns: WordPattern[];
  days: Set<string>;
}

export function snippetTerms(terms: readonly SearchTerm[]): SnippetTerms {
  const patterns: WordPattern[] = [];
  const days = new Set<string>();
  for (const term of terms) {
    if (term.kind === 'date') days.add(term.iso);
    else {
      const words = [...fold(term.text).matchAll(TOKEN)].map((m) => m[0]);
      if (words.length) patterns.push({ words, prefix: term.prefix });
    }
  }
  return { patterns, days };
}

function wordsOf(text: string): Word[] {
  return [...text.matchAll(TOKEN)].map((m) => ({ start: m.index, end: m.index + m[0].length, text: fold(m[0]) }));
}

/** Which words of a field a search matches (indexes into `words`). */
function hits(field: string, words: Word[], terms: SnippetTerms): Set<number> {
  const found = new Set<number>();
  const stems = new Map<string, string>();
  const stem = (w: string) => {
    let s = stems.get(w);
    if (s === undefined) stems.set(w, (s = stemmer(w)));
    return s;
  };
  for (const pattern of terms.patterns) {
    const wanted = pattern.words.map(stem);
    // A Porter stem is the word's start with at most its last letter changed ("therapi" for "therapy"):
    // words that do not start like the stem are not stemmed at all (letters are long).
    const starts = wanted.map((w) => w.slice(0, -1));
    const final = pattern.words.length - 1;
    for (let i = 0; i + final < words.length; i++) {
      let all = true;
      for (let k = 0; k <= final && all; k++) {
        const word = words[i + k]!.text;
        all =
          k === final && pattern.prefix
            ? word.startsWith(pattern.words[k]!)
            : word.startsWith(starts[k]!) && stem(word) === wanted[k];
      }
      if (all) for (let k = 0; k <= final; k++) found.add(i + k);
    }
  }
  if (terms.days.size) {
    for (const date of findDates(field)) {
      if (!terms.days.has(date.iso)) continue;
      words.forEach((w, i) => {
        if (w.start >= date.start && w.end <= date.end) found.add(i);
      });
    }
  }
  return found;
}

/**
 * A window of about `size` words around the first hit in the first field
 * that has one, each run of hits wrapped in \u0001…\u0002 (a phrase or a
 * date as one mark), "…" where text was cut; null when no field has a hit.
 */
export function buildSnippet(fields: (string | null)[], terms: SnippetTerms, size = 12): string | null {
  if (terms.patterns.length === 0 && terms.days.size === 0) return null;
  for (const field of fields) {
    if (!field) continue;
    const words = wordsOf(field);
    const hit = hits(field, words, terms);
    if (hit.size === 0) continue;
    const first = Math.min(...hit);
    const from = Math.max(0, Math.min(first - 3, words.length - size));
    const to = Math.min(words.length, from + size);
    let out = words[from]!.start > 0 ? '…' : '';
    let cursor = words[from]!.start;
    for (let i = from; i < to; i++) {
      const word = words[i]!;
      const between = field.slice(cursor, word.start).replace(/\s+/g, ' ');
      const inRun = hit.has(i) && hit.has(i - 1) && i > from;
      if (inRun) out = out.slice(0, -SNIPPET_CLOSE.length) + between;
      else out += between;
      const text = field.slice(word.start, word.end);
      out += hit.has(i) ? `${inRun ? '' : SNIPPET_OPEN}${text}${SNIPPET_CLOSE}` : text;
      cursor = word.end;
    }
    return to < words.length ? `${out}…` : `${out}${field.slice(cursor).replace(/\s+/g, ' ').trimEnd()}`;
  }
  return null;
}
