import type { Migration } from './index';

/**
 * The core schema: documents (the files as received), cases (what the parser
 * read from them), a queryable projection of each case's effective items, import
 * runs with one outcome per file, and the full-text index.
 *
 * Layout decisions:
 * - `document_content` is split from `documents` so list queries that join on
 *   document metadata never page through multi-megabyte BLOBs and letter text.
 * - `case_parses` is append-only: every parse (import or reparse) adds a row and
 *   `cases.parse_id` points at the one in force. Parsed values are never
 *   overwritten; corrections (audit events, migration 002) apply on top of the
 *   current parse.
 * - `items`, and the summary columns on `cases` (status, item_count, upheld,
 *   overturned, decision_date, case_number, format), are a PROJECTION of the
 *   case's effective values (parse + corrections). They exist so the case list
 *   can filter and sort 100,000 cases with indexes; they are rebuilt by
 *   `refreshCaseProjection` after every parse or correction and are never the
 *   source of truth.
 * - `case_search` is an FTS5 table with EXTERNAL content (the `case_search_source`
 *   view). The bulk of what is indexed is the letter text, which
 *   `document_content` already holds; an internal-content table would store it a
 *   second time (~doubling the database), while a contentless table cannot
 *   produce snippet(). External content keeps snippet()/highlight() at the cost
 *   of maintaining the index explicitly (see backend/store/search.ts), which the
 *   store does in the same transaction as every write to the indexed values.
 */
export const migration001Core: Migration = {
  name: 'core schema: documents, cases, items, import runs, full-text index',
  up(db) {
    db.exec(`
      CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        sha256 TEXT NOT NULL UNIQUE,
        file_name TEXT NOT NULL,
        original_path TEXT NOT NULL,
        size INTEGER NOT NULL CHECK (size >= 0),
        kind TEXT NOT NULL CHECK (kind IN ('pdf', 'text')),
        imported_at TEXT NOT NULL,
        page_count INTEGER NOT NULL DEFAULT 0,
        encoding TEXT,
        import_run_id INTEGER REFERENCES import_runs(id)
      );

      -- Bytes as received, and the extracted text with its line map
      -- (JSON of LetterText.lines: offsets, page, bold, cells per line).
      CREATE TABLE document_content (
        document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        text TEXT NOT NULL,
        lines_json TEXT NOT NULL,
        original BLOB NOT NULL
      );

      CREATE TABLE cases (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL UNIQUE REFERENCES documents(id),
        parse_id INTEGER REFERENCES case_parses(id),
        -- Version among cases with the same (effective) case number, 1-based, by arrival.
        version INTEGER NOT NULL DEFAULT 1,
        imported_at TEXT NOT NULL,
        -- Projection of effective values (see header comment).
        case_number TEXT,
        format TEXT NOT NULL DEFAULT 'unknown',
        decision_date TEXT,
        status TEXT NOT NULL DEFAULT 'new'
          CHECK (status IN ('new', 'in review', 'reviewed', 'needs second look')),
        item_count INTEGER NOT NULL DEFAULT 0,
        upheld INTEGER NOT NULL DEFAULT 0,
        overturned INTEGER NOT NULL DEFAULT 0,
        -- Effective treatments joined by newlines: indexed by case_search.
        treatments TEXT NOT NULL DEFAULT ''
      );
      CREATE INDEX cases_case_number ON cases(case_number);
      CREATE INDEX cases_status ON cases(status);
      CREATE INDEX cases_format ON cases(format);
      CREATE INDEX cases_imported_at ON cases(imported_at);
      CREATE INDEX cases_decision_date ON cases(decision_date);

      -- Every parse of every case, oldest first. Append-only.
      CREATE TABLE case_parses (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        parser_version TEXT NOT NULL,
        parsed_at TEXT NOT NULL,
        parsed_json TEXT NOT NULL
      );
      CREATE INDEX case_parses_case ON case_parses(case_id, id);

      CREATE TRIGGER case_parses_no_update BEFORE UPDATE ON case_parses
      BEGIN
        SELECT RAISE(ABORT, 'parsed values are kept as parsed: case_parses rows cannot be changed');
      END;

      CREATE TABLE case_flags (
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        flag TEXT NOT NULL,
        PRIMARY KEY (case_id, flag)
      ) WITHOUT ROWID;
      CREATE INDEX case_flags_flag ON case_flags(flag, case_id);

      -- Projection of the case's effective items (see header comment).
      CREATE TABLE items (
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        treatment TEXT,
        decision TEXT CHECK (decision IS NULL OR decision IN ('Upheld', 'Overturned')),
        category TEXT NOT NULL,
        quantity REAL,
        frequency TEXT,
        duration TEXT,
        body_region TEXT,
        conclusion TEXT,
        medication_name TEXT,
        PRIMARY KEY (case_id, idx)
      ) WITHOUT ROWID;
      CREATE INDEX items_decision ON items(decision, case_id);
      CREATE INDEX items_category ON items(category, case_id);

      CREATE TABLE import_runs (
        id INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        source TEXT NOT NULL CHECK (source IN ('paths', 'files', 'samples')),
        inputs_json TEXT NOT NULL,
        parser_version TEXT NOT NULL,
        total INTEGER NOT NULL DEFAULT 0,
        imported INTEGER NOT NULL DEFAULT 0,
        duplicate INTEGER NOT NULL DEFAULT 0,
        rejected INTEGER NOT NULL DEFAULT 0,
        skipped INTEGER NOT NULL DEFAULT 0,
        cancelled INTEGER NOT NULL DEFAULT 0
      );

      -- One row per file considered by a run; written in the same transaction
      -- as the document it produced, so a crash never leaves one without the other.
      CREATE TABLE import_outcomes (
        id INTEGER PRIMARY KEY,
        run_id INTEGER NOT NULL REFERENCES import_runs(id) ON DELETE CASCADE,
        path TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('imported', 'duplicate', 'rejected', 'skipped')),
        reason TEXT,
        document_id INTEGER REFERENCES documents(id),
        case_id INTEGER REFERENCES cases(id)
      );
      CREATE INDEX import_outcomes_run ON import_outcomes(run_id, id);
      CREATE INDEX import_outcomes_path ON import_outcomes(path, id);

      CREATE VIEW case_search_source AS
        SELECT c.id AS case_id, c.case_number AS case_number, c.treatments AS treatments, dc.text AS text
        FROM cases c JOIN document_content dc ON dc.document_id = c.document_id;

      CREATE VIRTUAL TABLE case_search USING fts5(
        case_number, treatments, text,
        content = 'case_search_source',
        content_rowid = 'case_id',
        tokenize = 'porter unicode61 remove_diacritics 2'
      );
    `);
  },
};
