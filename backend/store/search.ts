import type Database from 'better-sqlite3';
import { findDates } from '../../shared/parser/dates';
import { statement } from './statements';

/**
 * The full-text index `case_search` (FTS5, external content: see migrations
 * 001 and 003) and what the search box understands.
 *
 * Index maintenance: FTS5 cannot see changes to its content view, so every
 * write that changes an indexed value (case number, effective treatments; the
 * letter text, file name and dates never change after import) must remove the
 * OLD values from the index and add the new ones, in the same transaction.
 * `indexCase` and `unindexCase` are the only two entry points.
 */
export interface IndexedValues {
  caseNumber: string | null;
  treatments: string;
  text: string;
  fileName: string;
  /** The letter's dates as the index holds them (searchDates). */
  dates: string;
}

/**
 * Whether the index has the file name and dates columns (migration 004).
 * The app always runs on the newest schema; the store's writers also serve
 * the schema tests that write letters into older workspaces with today's
 * code, where the index has only case number, treatments and text.
 */
export function indexHasDates(db: Database.Database): boolean {
  // Keyed by schema version: a test's connection may be migrated after the first look.
  const version = statement(db, 'PRAGMA user_version', { pluck: true }).get() as number;
  let known = DATED.get(db);
  if (known?.version !== version) {
    const has = statement(db, "SELECT COUNT(*) FROM pragma_table_info('case_search_source') WHERE name = 'dates'", {
      pluck: true,
    }).get();
    known = { version, has: has === 1 };
    DATED.set(db, known);
  }
  return known.has;
}
const DATED = new WeakMap<Database.Database, { version: number; has: boolean }>();

export function indexCase(db: Database.Database, caseId: number, values: IndexedValues): void {
  if (!indexHasDates(db)) {
    statement(db, 'INSERT INTO case_search(rowid, case_number, treatments, text) VALUES (?, ?, ?, ?)').run(
      caseId,
      values.caseNumber,
      values.treatments,
      values.text,
    );
    return;
  }
  statement(
    db,
    'INSERT INTO case_search(rowid, case_number, treatments, text, file_name, dates) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(caseId, values.caseNumber, values.treatments, values.text, values.fileName, values.dates);
}

/** `old` must be exactly what was indexed, or the index silently keeps stale terms. */
export function unindexCase(db: Database.Database, caseId: number, old: IndexedValues): void {
  if (!indexHasDates(db)) {
    statement(
      db,
      "INSERT INTO case_search(case_search, rowid, case_number, treatments, text) VALUES ('delete', ?, ?, ?, ?)",
    ).run(caseId, old.caseNumber, old.treatments, old.text);
    return;
  }
  statement(
    db,
    `INSERT INTO case_search(case_search, rowid, case_number, treatments, text, file_name, dates)
     VALUES ('delete', ?, ?, ?, ?, ?, ?)`,
  ).run(caseId, old.caseNumber, old.treatments, old.text, old.fileName, old.dates);
}

/** The indexed values as the content view holds them right now. */
export function currentIndexedValues(db: Database.Database, caseId: number): IndexedValues | undefined {
  const columns = indexHasDates(db) ? 'file_name AS fileName, dates' : "'' AS fileName, '' AS dates";
  return statement(
    db,
    `SELECT case_number AS caseNumber, treatments, text, ${columns} FROM case_search_source WHERE case_id = ?`,
  ).get(caseId) as IndexedValues | undefined;
}

/** Rebuilds the whole index from the content view (repair tool; tests use it to cross-check). */
export function rebuildSearchIndex(db: Database.Database): void {
  statement(db, "INSERT INTO case_search(case_search) VALUES ('rebuild')").run();
}

/**
 * The days a letter's text names, as the index's `dates` column holds them:
 * each distinct day once, written YYYYMMDD (one token, so two dates side by
 * side can never read as a third). A letter that writes "10/13/2016" and one
 * that writes "October 13, 2016" both hold 20161013, and so does a query for
 * either (or for 2016-10-13, the way the app shows dates).
 */
export function searchDates(text: string): string {
  return [...new Set(findDates(text).map((d) => d.iso.replaceAll('-', '')))].join(' ');
}

// ---------------------------------------------------------------------------
// What the search box understands

/** One thing to look for: words (a phrase when quoted or joined by punctuation), or a day. */
export type SearchTerm =
  { kind: 'text'; text: string; prefix: boolean; quoted: boolean } | { kind: 'date'; iso: string };

type Node =
  | { kind: 'term'; term: SearchTerm }
  | { kind: 'and'; items: Node[] }
  | { kind: 'or'; items: Node[] }
  | { kind: 'not'; item: Node };

export interface SearchQuery {
  /** FTS5 query the cases must match; null when the search only excludes. */
  match: string | null;
  /** FTS5 query the cases must NOT match (a search of only -words); null otherwise. */
  exclude: string | null;
  /** What to mark in snippets: the terms the cases were found by (not the excluded ones). */
  terms: SearchTerm[];
}

type Token = { kind: 'open' | 'close' | 'or' | 'and' | 'not' } | { kind: 'term'; term: SearchTerm; negated: boolean };

const SEARCHABLE = /[\p{L}\p{N}]/u;

/**
 * Reads what a reviewer types into the search box:
 * - words: all must be in the letter (`acupuncture chiropractic`), in any
 *   grammatical form ("therapy" finds "therapies": the index stems English words);
 * - `"low back"`: the exact phrase; no prefix matching unless asked for;
 * - `OR` between words or groups: either (`acupuncture OR chiropractic`);
 * - `-word` or `NOT word`: without it (`acupuncture -Norco`);
 * - `word*`: words that start with it (`chiro*`), the only prefix search;
 * - parentheses group: `(acupuncture OR chiropractic) -Norco`;
 * - a date in any written form (`2016-10-13`, `10/13/2016`, `Oct 13, 2016`)
 *   finds the letters that name that day, however they write it;
 * - case numbers and file names are searched like any words (`CM16-0230651`,
 *   `003_d3d3d7d6fe2d34a7.txt`): punctuation inside a word makes it a phrase.
 * OR, AND and NOT are operators in capitals only ("or" is a word). Nothing a
 * reviewer types reaches FTS5 unquoted, so no input is a syntax error.
 * Returns null when nothing searchable remains.
 */
export function parseSearch(input: string): SearchQuery | null {
  const tokens = lex(input);
  let at = 0;
  const peek = () => tokens[at];

  // or := and (OR and)* ; and := unary+ ; unary := NOT unary | '(' or ')' | term
  const parseOr = (): Node | null => {
    const items: Node[] = [];
    for (;;) {
      const item = parseAnd();
      if (item) items.push(item);
      if (peek()?.kind !== 'or') break;
      at++;
    }
    return items.length === 0 ? null : items.length === 1 ? items[0]! : { kind: 'or', items };
  };
  const parseAnd = (): Node | null => {
    const items: Node[] = [];
    for (let token = peek(); token && token.kind !== 'or' && token.kind !== 'close'; token = peek()) {
      if (token.kind === 'and') {
        at++;
        continue;
      }
      const item = parseUnary();
      if (item) items.push(item);
    }
    return items.length === 0 ? null : items.length === 1 ? items[0]! : { kind: 'and', items };
  };
  const parseUnary = (): Node | null => {
    const token = tokens[at++]!;
    if (token.kind === 'not') {
      const item = peek() && peek()!.kind !== 'or' && peek()!.kind !== 'close' ? parseUnary() : null;
      return item ? { kind: 'not', item } : null;
    }
    if (token.kind === 'open') {
      const inner = parseOr();
      if (peek()?.kind === 'close') at++;
      return inner;
    }
    if (token.kind === 'term') {
      const node: Node = { kind: 'term', term: token.term };
      return token.negated ? { kind: 'not', item: node } : node;
    }
    return null; // a stray ")"
  };

  const nodes: Node[] = [];
  while (at < tokens.length) {
    const node = parseOr();
    if (node) nodes.push(node);
    if (at < tokens.length) at++; // skip a ")" with no "(" and go on
  }
  const root: Node | null = nodes.length === 0 ? null : nodes.length === 1 ? nodes[0]! : { kind: 'and', items: nodes };
  if (!root) return null;

  const { positive, negative } = splitNegatives(root);
  const terms = positive ? termsOf(positive) : [];
  if (positive) return { match: toFts(positive, negative), exclude: null, terms };
  if (negative.length) return { match: null, exclude: negative.map((n) => toFts(n, [])).join(' OR '), terms };
  return null;
}

/** The query's top-level AND: what must match, and what must not (a NOT applies to the whole search). */
function splitNegatives(root: Node): { positive: Node | null; negative: Node[] } {
  const items = root.kind === 'and' ? flattenAnd(root.items) : [root];
  const positive = items
    .filter((n) => n.kind !== 'not')
    .map(dropNegativeOnly)
    .filter((n): n is Node => n !== null);
  const negative = items.flatMap((n) => (n.kind === 'not' ? [n.item] : []));
  return {
    positive: positive.length === 0 ? null : positive.length === 1 ? positive[0]! : { kind: 'and', items: positive },
    negative,
  };
}

function flattenAnd(items: Node[]): Node[] {
  return items.flatMap((n) => (n.kind === 'and' ? flattenAnd(n.items) : [n]));
}

/**
 * Inside a group, "without x" needs something to subtract from: `(a -b)` is
 * kept, `a OR -b` ("a, or anything without b") cannot be said to FTS5 and
 * its negative branch is left out.
 */
function dropNegativeOnly(node: Node): Node | null {
  if (node.kind === 'not') return null;
  if (node.kind === 'term') return node;
  if (node.kind === 'or') {
    const items = node.items.map(dropNegativeOnly).filter((n): n is Node => n !== null);
    return items.length === 0 ? null : items.length === 1 ? items[0]! : { kind: 'or', items };
  }
  const items = flattenAnd(node.items);
  const kept = items
    .filter((n) => n.kind !== 'not')
    .map(dropNegativeOnly)
    .filter((n): n is Node => n !== null);
  if (kept.length === 0) return null;
  const negated = items.flatMap((n) => (n.kind === 'not' ? [n.item] : []));
  return negated.length
    ? { kind: 'and', items: [...kept, ...negated.map((item): Node => ({ kind: 'not', item }))] }
    : kept.length === 1
      ? kept[0]!
      : { kind: 'and', items: kept };
}

/** FTS5 syntax for a node; `without`: what it must not also match. */
function toFts(node: Node, without: Node[]): string {
  const base = fts(node);
  if (without.length === 0) return base;
  return `${node.kind === 'term' ? `(${base})` : base} NOT (${without.map(fts).join(' OR ')})`;
}

function fts(node: Node): string {
  switch (node.kind) {
    case 'term': {
      const term = node.term;
      // The dates column holds each day as one token (searchDates).
      if (term.kind === 'date') return `dates : "${term.iso.replaceAll('-', '')}"`;
      return `"${term.text.replaceAll('"', '')}"${term.prefix ? '*' : ''}`;
    }
    case 'or':
      return `(${node.items.map(fts).join(' OR ')})`;
    case 'not':
      // Only reached inside a group that also has positive parts (dropNegativeOnly).
      return fts(node.item);
    case 'and': {
      const positive = node.items.filter((n) => n.kind !== 'not');
      const negative = node.items.flatMap((n) => (n.kind === 'not' ? [n.item] : []));
      const all = `(${positive.map(fts).join(' AND ')})`;
      return negative.length ? `(${all} NOT (${negative.map(fts).join(' OR ')}))` : all;
    }
  }
}

function termsOf(node: Node): SearchTerm[] {
  if (node.kind === 'term') return [node.term];
  if (node.kind === 'not') return [];
  return node.items.flatMap(termsOf);
}

/**
 * Splits the query into operators, groups and terms. Dates are read first, on
 * the whole query, since a written date has spaces and punctuation
 * ("Oct 13, 2016"); a "-" just before a date negates it.
 */
function lex(input: string): Token[] {
  const text = input.normalize('NFC');
  // "-10/13/2016" is "without that day": the date is read as if the "-" were a space.
  const dates = findDates(text.replace(/(^|\s)-(?=\w)/g, '$1 '));
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const date = dates.find((d) => d.start === i || (d.start === i + 1 && c === '-'));
    if (date && !insideQuotes(text, i)) {
      tokens.push({ kind: 'term', term: { kind: 'date', iso: date.iso }, negated: date.start === i + 1 });
      i = date.end;
      continue;
    }
    if (c === '(' || c === ')') {
      tokens.push({ kind: c === '(' ? 'open' : 'close' });
      i++;
      continue;
    }
    const negated = c === '-' && text[i + 1] === '"';
    if (c === '"' || negated) {
      const open = negated ? i + 1 : i;
      const close = text.indexOf('"', open + 1);
      const end = close < 0 ? text.length : close;
      const phrase = text.slice(open + 1, end).trim();
      const prefix = close >= 0 && text[close + 1] === '*';
      i = close < 0 ? text.length : close + 1 + (prefix ? 1 : 0);
      if (SEARCHABLE.test(phrase)) {
        tokens.push({ kind: 'term', term: { kind: 'text', text: phrase, prefix, quoted: true }, negated });
      }
      continue;
    }
    let end = i;
    while (end < text.length && !/[\s()"]/.test(text[end]!)) end++;
    const word = text.slice(i, end);
    i = end;
    if (word === 'OR') tokens.push({ kind: 'or' });
    else if (word === 'AND') tokens.push({ kind: 'and' });
    else if (word === 'NOT') tokens.push({ kind: 'not' });
    else {
      const neg = word.length > 1 && word.startsWith('-');
      let body = neg ? word.slice(1) : word;
      const prefix = /\*$/.test(body);
      body = body.replace(/\*+$/, '');
      if (SEARCHABLE.test(body)) {
        tokens.push({ kind: 'term', term: { kind: 'text', text: body, prefix, quoted: false }, negated: neg });
      }
    }
  }
  return tokens;
}

/** Whether position `i` falls between a pair of double quotes. */
function insideQuotes(text: string, i: number): boolean {
  let inside = false;
  for (let k = 0; k < i; k++) if (text[k] === '"') inside = !inside;
  return inside;
}
