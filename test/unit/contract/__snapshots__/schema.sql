-- schema version 12

-- index audit_events_case
CREATE INDEX audit_events_case ON audit_events(case_id, id);

-- index case_flags_flag
CREATE INDEX case_flags_flag ON case_flags(flag, case_id);

-- index case_parses_case
CREATE INDEX case_parses_case ON case_parses(case_id, id);

-- index case_specialties_specialty
CREATE INDEX case_specialties_specialty ON case_specialties(specialty, case_id, item_count, upheld, overturned, modified_items);

-- index case_values_day
CREATE INDEX case_values_day ON case_values(dimension, value, decision_date, item_count, upheld, overturned, modified_items, upheld_modified, overturned_modified, turnaround_days);

-- index case_values_turnaround
CREATE INDEX case_values_turnaround ON case_values(dimension, value, turnaround_days, item_count, upheld, overturned, modified_items, upheld_modified, overturned_modified, decision_date);

-- index case_values_value
CREATE INDEX case_values_value ON case_values(dimension, value, case_id, item_count, upheld, overturned, modified_items, upheld_modified, overturned_modified, label, turnaround_days, decision_date);

-- index cases_case_number
CREATE INDEX cases_case_number ON cases(case_number);

-- index cases_decision_date
CREATE INDEX cases_decision_date ON cases(decision_date);

-- index cases_format
CREATE INDEX cases_format ON cases(format);

-- index cases_imported_at
CREATE INDEX cases_imported_at ON cases(imported_at);

-- index cases_priority
CREATE INDEX cases_priority ON cases(priority COLLATE NOCASE);

-- index cases_stats
CREATE INDEX cases_stats ON cases(decision_date, priority COLLATE NOCASE, application_received, status, format, item_count, upheld, overturned, modified_items);

-- index cases_status
CREATE INDEX cases_status ON cases(status);

-- index cases_turnaround
CREATE INDEX cases_turnaround ON cases(turnaround_days, item_count, upheld, overturned, modified_items, upheld_modified, overturned_modified, decision_date, priority COLLATE NOCASE);

-- index import_outcomes_path
CREATE INDEX import_outcomes_path ON import_outcomes(path, id);

-- index import_outcomes_run
CREATE INDEX import_outcomes_run ON import_outcomes(run_id, id);

-- index item_guidelines_cases
CREATE INDEX item_guidelines_cases ON item_guidelines(source, case_id, decision, modified, category, guideline_mask, region_none, medication_name);

-- index item_guidelines_source
CREATE INDEX item_guidelines_source ON item_guidelines(source, decision, modified, category, guideline_mask, region_none, medication_name, case_id);

-- index item_regions_cases
CREATE INDEX item_regions_cases ON item_regions(region, case_id, decision, modified, category, guideline_mask, region_none, medication_name);

-- index item_regions_region
CREATE INDEX item_regions_region ON item_regions(region, decision, modified, category, guideline_mask, region_none, medication_name, case_id);

-- index items_cases
CREATE INDEX items_cases ON items(case_id, decision, modified, category, guideline_mask, region_none, medication_name);

-- index items_category
CREATE INDEX items_category ON items(category, case_id, decision, modified, guideline_mask, region_none, medication_name);

-- index items_decision
CREATE INDEX items_decision ON items(decision, case_id);

-- index items_medication
CREATE INDEX items_medication ON items(medication_name COLLATE NOCASE, decision, modified, category, guideline_mask, region_none, case_id);

-- index items_medication_cases
CREATE INDEX items_medication_cases ON items(medication_name COLLATE NOCASE, case_id, decision, modified, category, guideline_mask, region_none);

-- index items_stats
CREATE INDEX items_stats ON items(category, decision, modified, guideline_mask, region_none, medication_name, case_id);

-- table audit_chain_head
CREATE TABLE audit_chain_head ( id INTEGER PRIMARY KEY CHECK (id = 1), event_count INTEGER NOT NULL, last_event_id INTEGER, last_hash TEXT NOT NULL );

-- table audit_events
CREATE TABLE "audit_events" ( id INTEGER PRIMARY KEY, -- Null only for a workspace event (migration). case_id INTEGER REFERENCES cases(id), type TEXT NOT NULL CHECK (type IN ('set-field', 'add-item', 'delete-item', 'split-item', 'merge-items', 'reorder-items', 'set-status', 'note', 'verify-field', 'undo', 'redo', 'import-letter', 'parse', 'migration')), path TEXT, old_value TEXT NOT NULL, new_value TEXT NOT NULL, target TEXT, reviewer TEXT NOT NULL CHECK (length(reviewer) > 0), at TEXT NOT NULL, reason TEXT, target_event_id INTEGER REFERENCES audit_events(id), prev_hash TEXT NOT NULL, hash TEXT NOT NULL UNIQUE, CHECK ((case_id IS NULL) = (type = 'migration')) );

-- table case_flags
CREATE TABLE case_flags ( case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE, flag TEXT NOT NULL, PRIMARY KEY (case_id, flag) ) WITHOUT ROWID;

-- table case_parses
CREATE TABLE case_parses ( id INTEGER PRIMARY KEY, case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE, parser_version TEXT NOT NULL, parsed_at TEXT NOT NULL, parsed_json TEXT NOT NULL );

-- table case_search
CREATE VIRTUAL TABLE case_search USING fts5( case_number, treatments, text, file_name, dates, content = 'case_search_source', content_rowid = 'case_id', tokenize = 'porter unicode61 remove_diacritics 2' );

-- table case_search_config
CREATE TABLE 'case_search_config'(k PRIMARY KEY, v) WITHOUT ROWID;

-- table case_search_data
CREATE TABLE 'case_search_data'(id INTEGER PRIMARY KEY, block BLOB);

-- table case_search_docsize
CREATE TABLE 'case_search_docsize'(id INTEGER PRIMARY KEY, sz BLOB);

-- table case_search_idx
CREATE TABLE 'case_search_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;

-- table case_specialties
CREATE TABLE case_specialties ( case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE, specialty TEXT NOT NULL COLLATE NOCASE, item_count INTEGER NOT NULL DEFAULT 0, upheld INTEGER NOT NULL DEFAULT 0, overturned INTEGER NOT NULL DEFAULT 0, modified_items INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (case_id, specialty) ) WITHOUT ROWID;

-- table case_values
CREATE TABLE case_values ( dimension TEXT NOT NULL CHECK (dimension IN ('category', 'medication', 'bodyRegion', 'guideline')), value TEXT NOT NULL, label TEXT, case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE, item_count INTEGER NOT NULL, upheld INTEGER NOT NULL, overturned INTEGER NOT NULL, modified_items INTEGER NOT NULL, -- The case's (cases.turnaround_days, cases.decision_date), copied (migration 011). turnaround_days INTEGER, decision_date TEXT, -- Of modified_items, the upheld and the overturned ones (this migration). upheld_modified INTEGER NOT NULL, overturned_modified INTEGER NOT NULL, PRIMARY KEY (case_id, dimension, value) ) WITHOUT ROWID;

-- table cases
CREATE TABLE cases ( id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL UNIQUE REFERENCES documents(id), parse_id INTEGER REFERENCES case_parses(id), -- Version among cases with the same (effective) case number, 1-based, by arrival. version INTEGER NOT NULL DEFAULT 1, imported_at TEXT NOT NULL, -- Projection of effective values (see header comment). case_number TEXT, format TEXT NOT NULL DEFAULT 'unknown', decision_date TEXT, status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'in review', 'reviewed', 'needs second look')), item_count INTEGER NOT NULL DEFAULT 0, upheld INTEGER NOT NULL DEFAULT 0, overturned INTEGER NOT NULL DEFAULT 0, -- Effective treatments joined by newlines: indexed by case_search. treatments TEXT NOT NULL DEFAULT '' , priority TEXT, application_received TEXT, turnaround_days INTEGER GENERATED ALWAYS AS (CAST(julianday(decision_date) - julianday(application_received) AS INTEGER)) VIRTUAL, modified_items INTEGER NOT NULL DEFAULT 0, upheld_modified INTEGER NOT NULL DEFAULT 0, overturned_modified INTEGER NOT NULL DEFAULT 0);

-- table document_content
CREATE TABLE document_content ( document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE, text TEXT NOT NULL, lines_json TEXT NOT NULL, original BLOB NOT NULL );

-- table documents
CREATE TABLE documents ( id INTEGER PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE, file_name TEXT NOT NULL, original_path TEXT NOT NULL, size INTEGER NOT NULL CHECK (size >= 0), kind TEXT NOT NULL CHECK (kind IN ('pdf', 'text')), imported_at TEXT NOT NULL, page_count INTEGER NOT NULL DEFAULT 0, encoding TEXT, import_run_id INTEGER REFERENCES import_runs(id) , text_dates TEXT NOT NULL DEFAULT '');

-- table import_outcomes
CREATE TABLE import_outcomes ( id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL REFERENCES import_runs(id) ON DELETE CASCADE, path TEXT NOT NULL, outcome TEXT NOT NULL CHECK (outcome IN ('imported', 'duplicate', 'rejected', 'skipped')), reason TEXT, document_id INTEGER REFERENCES documents(id), case_id INTEGER REFERENCES cases(id) );

-- table import_runs
CREATE TABLE import_runs ( id INTEGER PRIMARY KEY, started_at TEXT NOT NULL, finished_at TEXT, source TEXT NOT NULL CHECK (source IN ('paths', 'files', 'samples')), inputs_json TEXT NOT NULL, parser_version TEXT NOT NULL, total INTEGER NOT NULL DEFAULT 0, imported INTEGER NOT NULL DEFAULT 0, duplicate INTEGER NOT NULL DEFAULT 0, rejected INTEGER NOT NULL DEFAULT 0, skipped INTEGER NOT NULL DEFAULT 0, cancelled INTEGER NOT NULL DEFAULT 0 );

-- table item_guidelines
CREATE TABLE item_guidelines ( case_id INTEGER NOT NULL, idx INTEGER NOT NULL, source TEXT NOT NULL CHECK (source IN ('MTUS', 'ACOEM', 'ODG', 'other', '')), decision TEXT, modified INTEGER NOT NULL DEFAULT 0, category TEXT NOT NULL DEFAULT '', medication_name TEXT, guideline_mask INTEGER NOT NULL DEFAULT 0, region_none INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (case_id, idx, source), FOREIGN KEY (case_id, idx) REFERENCES items(case_id, idx) ON DELETE CASCADE ) WITHOUT ROWID;

-- table item_regions
CREATE TABLE item_regions ( case_id INTEGER NOT NULL, idx INTEGER NOT NULL, region TEXT NOT NULL, decision TEXT, modified INTEGER NOT NULL DEFAULT 0, category TEXT NOT NULL DEFAULT '', medication_name TEXT, guideline_mask INTEGER NOT NULL DEFAULT 0, region_none INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (case_id, idx, region), FOREIGN KEY (case_id, idx) REFERENCES items(case_id, idx) ON DELETE CASCADE ) WITHOUT ROWID;

-- table items
CREATE TABLE items ( case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE, idx INTEGER NOT NULL, treatment TEXT, decision TEXT CHECK (decision IS NULL OR decision IN ('Upheld', 'Overturned')), category TEXT NOT NULL, quantity REAL, frequency TEXT, duration TEXT, body_region TEXT, conclusion TEXT, medication_name TEXT, modified INTEGER NOT NULL DEFAULT 0 CHECK (modified IN (0, 1)), guideline_mask INTEGER NOT NULL DEFAULT 0, region_none INTEGER NOT NULL DEFAULT 0 CHECK (region_none IN (0, 1)), PRIMARY KEY (case_id, idx) ) WITHOUT ROWID;

-- table projection_pending
CREATE TABLE projection_pending (case_id INTEGER PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE);

-- trigger audit_chain_head_follows_events
CREATE TRIGGER audit_chain_head_follows_events BEFORE UPDATE ON audit_chain_head WHEN NEW.id IS NOT OLD.id OR NEW.event_count IS NOT OLD.event_count + 1 OR NEW.last_event_id IS NOT NEW.event_count OR NEW.last_hash IS NOT (SELECT hash FROM audit_events WHERE id = NEW.last_event_id) BEGIN SELECT RAISE(ABORT, 'the audit chain head can only advance to the newest audit event'); END;

-- trigger audit_chain_head_no_delete
CREATE TRIGGER audit_chain_head_no_delete BEFORE DELETE ON audit_chain_head BEGIN SELECT RAISE(ABORT, 'the audit chain head cannot be deleted'); END;

-- trigger audit_chain_head_single_row
CREATE TRIGGER audit_chain_head_single_row BEFORE INSERT ON audit_chain_head BEGIN SELECT RAISE(ABORT, 'the audit chain head already exists'); END;

-- trigger audit_events_extend_chain
CREATE TRIGGER audit_events_extend_chain BEFORE INSERT ON audit_events WHEN NEW.id IS NOT (SELECT event_count + 1 FROM audit_chain_head WHERE id = 1) OR NEW.prev_hash IS NOT (SELECT last_hash FROM audit_chain_head WHERE id = 1) BEGIN SELECT RAISE(ABORT, 'an audit event must extend the chain head (next id, previous hash)'); END;

-- trigger audit_events_no_delete
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: audit events cannot be deleted'); END;

-- trigger audit_events_no_update
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: audit events cannot be changed'); END;

-- trigger case_parses_no_update
CREATE TRIGGER case_parses_no_update BEFORE UPDATE ON case_parses BEGIN SELECT RAISE(ABORT, 'parsed values are kept as parsed: case_parses rows cannot be changed'); END;

-- view case_search_source
CREATE VIEW case_search_source AS SELECT c.id AS case_id, c.case_number AS case_number, c.treatments AS treatments, dc.text AS text, d.file_name AS file_name, d.text_dates AS dates FROM cases c JOIN documents d ON d.id = c.document_id JOIN document_content dc ON dc.document_id = c.document_id;
