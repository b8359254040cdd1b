import type { Migration } from './index';

/**
 * The analytics projection: the effective values the Analytics view, `imr
 * stats --by` and the case-list filters group and filter by, as indexed rows
 * (issue 17). Like `items`, it is a projection rebuilt by
 * `refreshCaseProjection` after every parse and correction, never a source of
 * truth.
 *
 * - `cases.priority`, `cases.application_received`, `cases.turnaround_days`
 *   (a generated column: days from the application received to the decision,
 *   null when either date is missing) and `cases.modified_items`.
 * - `items.modified`: 1 when UR had partially authorized the request (the
 *   letter names what the claims administrator authorized).
 * - Lists get a row per value, so "an item counts once in each of its regions"
 *   is a plain GROUP BY: `item_regions` (body regions), `item_guidelines`
 *   (distinct citation sources of the item), `case_specialties` (the
 *   reviewer's specialties); '' stands for "none", so every item (case) has a
 *   row and a breakdown reads one table.
 * - Covering indexes (`cases_stats`, `items_stats`, the lists' second index)
 *   hold every column a breakdown reads: 100,000 letters answer in tens of
 *   milliseconds rather than seconds (npm run bench -- analytics).
 * - `projection_pending`: cases whose projection must be rebuilt by code that
 *   knows the corrections (backend/audit/reproject.ts, run by the service right
 *   after migrating). This migration fills the new rows from each case's
 *   current parse in SQL, which is its effective state only when no reviewer
 *   changed it; cases with corrections (events other than a letter's import
 *   and parse), and parses from before parser 2.0.0
 *   (body region as text), are listed there instead.
 */
export const migration006Analytics: Migration = {
  name: 'analytics projection: priority, turnaround, modified requests, regions, guidelines, specialties',
  up(db) {
    db.exec(`
      ALTER TABLE cases ADD COLUMN priority TEXT;
      ALTER TABLE cases ADD COLUMN application_received TEXT;
      ALTER TABLE cases ADD COLUMN turnaround_days INTEGER
        GENERATED ALWAYS AS (CAST(julianday(decision_date) - julianday(application_received) AS INTEGER)) VIRTUAL;
      ALTER TABLE cases ADD COLUMN modified_items INTEGER NOT NULL DEFAULT 0;
      CREATE INDEX cases_priority ON cases(priority COLLATE NOCASE);
      CREATE INDEX cases_turnaround ON cases(turnaround_days);
      -- Case-level breakdowns read only this index (no table rows) when no item condition applies.
      CREATE INDEX cases_stats ON cases(decision_date, priority COLLATE NOCASE, application_received, status, format,
        item_count, upheld, overturned, modified_items);

      ALTER TABLE items ADD COLUMN modified INTEGER NOT NULL DEFAULT 0 CHECK (modified IN (0, 1));
      CREATE INDEX items_medication ON items(medication_name COLLATE NOCASE, case_id, decision, modified);
      -- Item-level breakdowns read only this index (the key columns come with it).
      CREATE INDEX items_stats ON items(category, decision, modified);

      -- Lists: a row per value, and one row with '' for an item (case) without any, so a breakdown is one
      -- scan of one table. decision and modified repeat the item's for the same reason.
      CREATE TABLE item_regions (
        case_id INTEGER NOT NULL,
        idx INTEGER NOT NULL,
        region TEXT NOT NULL,
        decision TEXT,
        modified INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (case_id, idx, region),
        FOREIGN KEY (case_id, idx) REFERENCES items(case_id, idx) ON DELETE CASCADE
      ) WITHOUT ROWID;
      CREATE INDEX item_regions_region ON item_regions(region, case_id, idx, decision, modified);

      CREATE TABLE item_guidelines (
        case_id INTEGER NOT NULL,
        idx INTEGER NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('MTUS', 'ACOEM', 'ODG', 'other', '')),
        decision TEXT,
        modified INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (case_id, idx, source),
        FOREIGN KEY (case_id, idx) REFERENCES items(case_id, idx) ON DELETE CASCADE
      ) WITHOUT ROWID;
      CREATE INDEX item_guidelines_source ON item_guidelines(source, case_id, idx, decision, modified);

      -- The case's counts repeat here for the same reason as decision and modified above.
      CREATE TABLE case_specialties (
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        specialty TEXT NOT NULL COLLATE NOCASE,
        item_count INTEGER NOT NULL DEFAULT 0,
        upheld INTEGER NOT NULL DEFAULT 0,
        overturned INTEGER NOT NULL DEFAULT 0,
        modified_items INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (case_id, specialty)
      ) WITHOUT ROWID;
      CREATE INDEX case_specialties_specialty ON case_specialties(specialty, case_id, item_count, upheld, overturned,
        modified_items);

      CREATE TABLE IF NOT EXISTS projection_pending (case_id INTEGER PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE);

      -- Cases the SQL below cannot project: corrected ones, and early parses (body region as text). A letter's
      -- import and parse events (migration 003) change nothing the parse does not already say.
      INSERT OR IGNORE INTO projection_pending (case_id)
        SELECT DISTINCT case_id FROM audit_events
          WHERE case_id IS NOT NULL AND type NOT IN ('import-letter', 'parse', 'migration')
        UNION
        SELECT c.id FROM cases c JOIN case_parses p ON p.id = c.parse_id, json_each(p.parsed_json, '$.items') i
          WHERE json_type(i.value, '$.bodyRegion') IS NOT 'array'
             OR json_type(p.parsed_json, '$.specialty') IS NOT 'array';

      CREATE TEMP TABLE projected AS SELECT id FROM cases WHERE id NOT IN (SELECT case_id FROM projection_pending);

      UPDATE items SET modified = 1
      WHERE case_id IN (SELECT id FROM projected)
        AND (SELECT trim(coalesce(json_extract(p.parsed_json, '$.items[' || items.idx || '].authorizedByClaimsAdministrator'), ''))
             FROM cases c JOIN case_parses p ON p.id = c.parse_id WHERE c.id = items.case_id) <> '';

      UPDATE cases SET
        priority = (SELECT nullif(trim(json_extract(p.parsed_json, '$.priority')), '') FROM case_parses p
                    WHERE p.id = cases.parse_id),
        application_received = (SELECT json_extract(p.parsed_json, '$.applicationReceived') FROM case_parses p
                                 WHERE p.id = cases.parse_id),
        modified_items = (SELECT COUNT(*) FROM items i WHERE i.case_id = cases.id AND i.modified = 1)
      WHERE id IN (SELECT id FROM projected);

      INSERT OR IGNORE INTO case_specialties (case_id, specialty, item_count, upheld, overturned, modified_items)
        SELECT c.id, trim(s.value), c.item_count, c.upheld, c.overturned, c.modified_items
        FROM cases c JOIN case_parses p ON p.id = c.parse_id, json_each(p.parsed_json, '$.specialty') s
        WHERE c.id IN (SELECT id FROM projected) AND trim(s.value) <> '';
      INSERT INTO case_specialties (case_id, specialty, item_count, upheld, overturned, modified_items)
        SELECT id, '', item_count, upheld, overturned, modified_items FROM cases
        WHERE id IN (SELECT id FROM projected) AND id NOT IN (SELECT case_id FROM case_specialties);

      INSERT OR IGNORE INTO item_regions (case_id, idx, region, decision, modified)
        SELECT c.id, i.key, trim(r.value), it.decision, it.modified FROM cases c JOIN case_parses p ON p.id = c.parse_id,
          json_each(p.parsed_json, '$.items') i, json_each(i.value, '$.bodyRegion') r
          JOIN items it ON it.case_id = c.id AND it.idx = i.key
        WHERE c.id IN (SELECT id FROM projected) AND trim(r.value) <> '';
      INSERT INTO item_regions (case_id, idx, region, decision, modified)
        SELECT case_id, idx, '', decision, modified FROM items i
        WHERE case_id IN (SELECT id FROM projected)
          AND NOT EXISTS (SELECT 1 FROM item_regions r WHERE r.case_id = i.case_id AND r.idx = i.idx);

      INSERT OR IGNORE INTO item_guidelines (case_id, idx, source, decision, modified)
        SELECT c.id, i.key, json_extract(cit.value, '$.source') AS source, it.decision, it.modified FROM cases c
          JOIN case_parses p ON p.id = c.parse_id,
          json_each(p.parsed_json, '$.items') i, json_each(i.value, '$.citations') cit
          JOIN items it ON it.case_id = c.id AND it.idx = i.key
        WHERE c.id IN (SELECT id FROM projected) AND source IN ('MTUS', 'ACOEM', 'ODG', 'other');
      INSERT INTO item_guidelines (case_id, idx, source, decision, modified)
        SELECT case_id, idx, '', decision, modified FROM items i
        WHERE case_id IN (SELECT id FROM projected)
          AND NOT EXISTS (SELECT 1 FROM item_guidelines g WHERE g.case_id = i.case_id AND g.idx = i.idx);

      DROP TABLE projected;
    `);
  },
};
