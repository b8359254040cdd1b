import type { Migration } from './index';

/**
 * Analytics without joins (issue 17: any view under 300 ms at 100,000 cases).
 *
 * A filter that selects most items — a guideline ("ODG"), "no body region" —
 * was a JOIN of a list table on every item, and a breakdown by a list (body
 * region, guideline) under an item condition joined `items` on every list
 * row: one B-tree search per row, 100–170 ms per breakdown. Now every row a
 * breakdown scans carries the item's values the filter can test, so each
 * breakdown is one scan of one covering index:
 *
 * - `items.guideline_mask`: the item's distinct citation sources as bits
 *   (MTUS 1, ACOEM 2, ODG 4, other 8; 0 = none cited), and `items.region_none`
 *   (1 when the item names no body region).
 * - `item_regions` and `item_guidelines` repeat the item's category,
 *   medication, guideline bits and "no region" flag beside its decision and
 *   modified flag (migration 006), so an item condition is a column test on
 *   the list's own rows.
 * - Two covering indexes per breakdown, both with the columns the item
 *   conditions test: one ordered (value, decision, modified) for the counts,
 *   one ordered (value, case id) for the distinct cases (SQLite counts those
 *   without a temporary B-tree only in that order, as the query's one
 *   aggregate); and one ordered by case for the matching items' per-case
 *   counts.
 * - `cases_turnaround` covers the case counts, so the turnaround per day is
 *   read from the index alone (it computed julianday twice per case row).
 *
 * Projection only, rebuilt by `refreshCaseProjection` with the rest; this
 * migration fills the new columns from the rows migration 006 keeps (which
 * already hold the effective values), so it needs no parse.
 */
export const migration008AnalyticsFacts: Migration = {
  name: 'analytics facts: item conditions as columns of every row a breakdown reads',
  up(db) {
    db.exec(`
      ALTER TABLE items ADD COLUMN guideline_mask INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE items ADD COLUMN region_none INTEGER NOT NULL DEFAULT 0 CHECK (region_none IN (0, 1));
      UPDATE items SET
        guideline_mask = (SELECT COALESCE(SUM(CASE g.source WHEN 'MTUS' THEN 1 WHEN 'ACOEM' THEN 2 WHEN 'ODG' THEN 4
                                                            WHEN 'other' THEN 8 ELSE 0 END), 0)
                          FROM item_guidelines g WHERE g.case_id = items.case_id AND g.idx = items.idx),
        region_none = EXISTS (SELECT 1 FROM item_regions r
                              WHERE r.case_id = items.case_id AND r.idx = items.idx AND r.region = '');

      ALTER TABLE item_regions ADD COLUMN category TEXT NOT NULL DEFAULT '';
      ALTER TABLE item_regions ADD COLUMN medication_name TEXT;
      ALTER TABLE item_regions ADD COLUMN guideline_mask INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE item_regions ADD COLUMN region_none INTEGER NOT NULL DEFAULT 0;
      UPDATE item_regions SET category = i.category, medication_name = i.medication_name,
        guideline_mask = i.guideline_mask, region_none = i.region_none
      FROM items i WHERE i.case_id = item_regions.case_id AND i.idx = item_regions.idx;

      ALTER TABLE item_guidelines ADD COLUMN category TEXT NOT NULL DEFAULT '';
      ALTER TABLE item_guidelines ADD COLUMN medication_name TEXT;
      ALTER TABLE item_guidelines ADD COLUMN guideline_mask INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE item_guidelines ADD COLUMN region_none INTEGER NOT NULL DEFAULT 0;
      UPDATE item_guidelines SET category = i.category, medication_name = i.medication_name,
        guideline_mask = i.guideline_mask, region_none = i.region_none
      FROM items i WHERE i.case_id = item_guidelines.case_id AND i.idx = item_guidelines.idx;

      -- Two covering indexes per breakdown, so that neither of its scans sorts (backend/store/analytics.ts): one in
      -- the order (value, decision, modified) for the counts, one in the order (value, case id) for the distinct
      -- cases; both hold every column an item condition tests.
      DROP INDEX items_stats;
      CREATE INDEX items_stats ON items(category, decision, modified, guideline_mask, region_none, medication_name,
        case_id);
      DROP INDEX items_category;
      CREATE INDEX items_category ON items(category, case_id, decision, modified, guideline_mask, region_none,
        medication_name);
      DROP INDEX items_medication;
      CREATE INDEX items_medication ON items(medication_name COLLATE NOCASE, decision, modified, category,
        guideline_mask, region_none, case_id);
      CREATE INDEX items_medication_cases ON items(medication_name COLLATE NOCASE, case_id, decision, modified,
        category, guideline_mask, region_none);
      -- The matching items' counts per case (case-level breakdowns under an item condition), narrower than the table.
      CREATE INDEX items_cases ON items(case_id, decision, modified, category, guideline_mask, region_none,
        medication_name);
      DROP INDEX item_regions_region;
      CREATE INDEX item_regions_region ON item_regions(region, decision, modified, category, guideline_mask,
        region_none, medication_name, case_id);
      CREATE INDEX item_regions_cases ON item_regions(region, case_id, decision, modified, category, guideline_mask,
        region_none, medication_name);
      DROP INDEX item_guidelines_source;
      CREATE INDEX item_guidelines_source ON item_guidelines(source, decision, modified, category, guideline_mask,
        region_none, medication_name, case_id);
      CREATE INDEX item_guidelines_cases ON item_guidelines(source, case_id, decision, modified, category,
        guideline_mask, region_none, medication_name);
      DROP INDEX cases_turnaround;
      CREATE INDEX cases_turnaround ON cases(turnaround_days, item_count, upheld, overturned, modified_items);
    `);
  },
};
