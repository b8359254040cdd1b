/**
 * Search-result snippets built in JavaScript for one page of results.
 *
 * FTS5's snippet() looks cheap but SQLite evaluates it for EVERY matching row
 * before ORDER BY … LIMIT picks the page: with 100,000 letters a common word
 * matches ~50,000 rows and the list took seconds. Paging first and marking the
 * 200 shown rows here keeps search under the UI's budget. Matching mirrors the
 * FTS query loosely (case- and accent-insensitive words, the last word as a
 * prefix, a crude stem so "therapy" marks "therapies"); it only decorates rows
 * FTS5 already matched.
 */
const TOKEN = /[\p{L}\p{N}]+/gu;
const ASCII = /^[\x00-\x7f]*$/;
const fold = (s: string) => (ASCII.test(s) ? s : s.normalize('NFD').replace(/\p{M}/gu, '')).toLowerCase();

export const SNIPPET_OPEN = '\u0001';
export const SNIPPET_CLOSE = '\u0002';

/** Terms of a search as typed (same word split as toFtsQuery). */
export function snippetTerms(search: string): string[] {
  const terms: string[] = [];
  for (const word of search.split(/\s+/)) for (const match of fold(word).matchAll(TOKEN)) terms.push(match[0]);
  return terms;
}

function isHit(token: string, terms: string[]): boolean {
  return terms.some((term) => token.startsWith(term) || (term.length >= 5 && token.startsWith(term.slice(0, -1))));
}

interface Word {
  start: number;
  end: number;
  hit: boolean;
}

/**
 * A window of about `tokens` words around the first hit in the first field
 * that has one, hits wrapped in \u0001…\u0002, "…" where text was cut. Stops
 * reading a field as soon as the window is full (letters are long).
 */
export function buildSnippet(fields: (string | null)[], terms: string[], tokens = 12): string | null {
  if (terms.length === 0) return null;
  for (const field of fields) {
    if (!field) continue;
    const words: Word[] = [];
    let first = -1;
    let more = false;
    for (const m of field.matchAll(TOKEN)) {
      if (first >= 0 && words.length >= first - 3 + tokens) {
        more = true;
        break;
      }
      const hit = isHit(fold(m[0]), terms);
      words.push({ start: m.index, end: m.index + m[0].length, hit });
      if (hit && first < 0) first = words.length - 1;
      // Only the 3 words before the first hit are kept as lead-in.
      if (first < 0 && words.length > 3) words.shift();
    }
    if (first < 0) continue;
    const from = Math.max(0, Math.min(first - 3, words.length - tokens));
    const to = Math.min(words.length, from + tokens);
    let out = words[from]!.start > 0 ? '…' : '';
    let cursor = words[from]!.start;
    for (let i = from; i < to; i++) {
      const word = words[i]!;
      out += field.slice(cursor, word.start).replace(/\s+/g, ' ');
      const text = field.slice(word.start, word.end);
      out += word.hit ? `${SNIPPET_OPEN}${text}${SNIPPET_CLOSE}` : text;
      cursor = word.end;
    }
    return more || to < words.length ? `${out}…` : out;
  }
  return null;
}
