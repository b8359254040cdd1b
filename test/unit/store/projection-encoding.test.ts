/**
 * The projection check (projection.ts) compares a string SQLite builds from the stored rows with one built in
 * JavaScript from the expected rows: the two encodings must agree on every value the writer can store, or an
 * honest workspace would fail verify. Checked here against SQLite itself, on awkward values.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { compareBinary, encodedColumnSql, encodeValue } from '../../../backend/store/projection';

const db = new Database(':memory:');
db.exec('CREATE TABLE t (s TEXT, i INTEGER, r REAL)');
const insert = db.prepare('INSERT INTO t (s, i, r) VALUES (?, ?, ?)');
const read = db
  .prepare(
    `SELECT ${encodedColumnSql({ name: 's', kind: 'text', since: 1 })}, ${encodedColumnSql({ name: 'i', kind: 'integer', since: 1 })}, ` +
      `${encodedColumnSql({ name: 'r', kind: 'real', since: 1 })} FROM t WHERE rowid = ?`,
  )
  .raw();

function stored(s: string | null, i: number | null, r: number | null): string[] {
  const id = insert.run(s, i, r).lastInsertRowid;
  return read.get(id) as string[];
}

const TEXTS = [
  '',
  'Upheld',
  "it's the patient's",
  "''",
  'a\u0000b',
  'Ünïcödé — “quotes”',
  '😀 emoji',
  'lone \ud800 surrogate',
  'trailing \udc00',
  '\x1e\x1f separators',
  'line\nbreak',
];
const NUMBERS = [0, 1, -1, 60, 100_000, 2 ** 31, 2 ** 53 - 1];
const REALS = [
  0,
  -0,
  0.5,
  0.1,
  1 / 3,
  30,
  60.25,
  99_999.999999,
  100_000,
  1e-7,
  123456.789,
  999_999_999_999,
  1e12,
  1e20,
];

describe('encodeValue agrees with SQLite', () => {
  it('on text (quotes, NUL, non-ASCII, lone surrogates, separators) and null', () => {
    for (const text of [...TEXTS, null]) expect(encodeValue(text, 'text')).toBe(stored(text, null, null)[0]);
  });
  it('on integers', () => {
    for (const n of NUMBERS) expect(encodeValue(n, 'integer')).toBe(stored(null, n, null)[1]);
  });
  it('on reals (quantities), null included', () => {
    for (const r of [...REALS, null]) expect(encodeValue(r, 'real')).toBe(stored(null, null, r)[2]);
    for (let k = 0; k < 2000; k++) {
      const r = Math.random() * 10 ** Math.floor(Math.random() * 12);
      expect(encodeValue(r, 'real')).toBe(stored(null, null, r)[2]);
    }
  });
});

describe('compareBinary is SQLite BINARY order', () => {
  it('sorts as SQLite does, astral characters after the rest of the BMP', () => {
    const values = ['b', 'a', 'B', '', 'ab', '\uffff', '😀', '\ue000', 'é', 'z'];
    const sqlite = db
      .prepare('SELECT value FROM json_each(?) ORDER BY value')
      .pluck()
      .all(JSON.stringify(values)) as string[];
    expect([...values].sort(compareBinary)).toEqual(sqlite);
  });
});
