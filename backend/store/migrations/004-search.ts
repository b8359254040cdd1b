import type Database from 'better-sqlite3';
import type { Migration } from './index';
import { searchDates } from '../search';

/**
 * Search that finds what reviewers type (issue 15): the full-text index gains
 * the file name (the list shows it for a letter without a case number) and
 * the letter's dates by day (documents.text_dates, see search.ts
 * searchDates), so "2016-10-13" finds a letter that writes "10/13/2016".
 *
 * An FTS5 table's columns cannot be altered: the index and its content view
 * are dropped and made again, then rebuilt from the letters as stored. Every
 * document's dates are read from its text once, here; new letters get theirs
 * when stored. Old workspaces keep every letter and correction: only the
 * index, which is derived, is rebuilt.
 */
export const migration004Search: Migration = {
  name: 'search index: file names and letter dates by day',
  up(db) {
    db.exec(`ALTER TABLE documents ADD COLUMN text_dates TEXT NOT NULL DEFAULT ''`);
    fillTextDates(db);
    db.exec(`
      DROP TABLE case_search;
      DROP VIEW case_search_source;
      CREATE VIEW case_search_source AS
        SELECT c.id AS case_id, c.case_number AS case_number, c.treatments AS treatments, dc.text AS text,
          d.file_name AS file_name, d.text_dates AS dates
        FROM cases c
        JOIN documents d ON d.id = c.document_id
        JOIN document_content dc ON dc.document_id = c.document_id;
      CREATE VIRTUAL TABLE case_search USING fts5(
        case_number, treatments, text, file_name, dates,
        content = 'case_search_source',
        content_rowid = 'case_id',
        tokenize = 'porter unicode61 remove_diacritics 2'
      );
      INSERT INTO case_search(case_search) VALUES ('rebuild');
    `);
  },
};

function fillTextDates(db: Database.Database): void {
  const write = db.prepare('UPDATE documents SET text_dates = ? WHERE id = ?');
  // In slices: better-sqlite3 allows no write while a cursor is open, and a letter text is read once.
  const slice = db.prepare(
    'SELECT document_id AS id, text FROM document_content WHERE document_id > ? ORDER BY document_id LIMIT 500',
  );
  for (let after = 0; ;) {
    const rows = slice.all(after) as { id: number; text: string }[];
    if (rows.length === 0) break;
    for (const row of rows) write.run(searchDates(row.text), row.id);
    after = rows.at(-1)!.id;
  }
}
