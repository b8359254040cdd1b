/**
 * The workspace schema as a new workspace gets it after every migration,
 * pinned in a file (__snapshots__/schema.sql) as Actual Budget pins its own:
 * a schema change must come with a migration and a reviewed change of that
 * file. Existing workspaces are upgraded by the same migrations
 * (test/integration/migrations.test.ts), so both paths end here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { SCHEMA_VERSION, openDatabase } from '../../../backend/store/database';

let db: Database.Database;

beforeAll(() => {
  db = openDatabase(':memory:');
});
afterAll(() => db.close());

/** Every schema object's SQL, in a stable order, white space folded so formatting in a migration is not a change. */
function schemaText(): string {
  const rows = db
    .prepare(
      `SELECT type, name, sql FROM sqlite_master
         WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type, name`,
    )
    .all() as { type: string; name: string; sql: string }[];
  const objects = rows.map((r) => `-- ${r.type} ${r.name}\n${r.sql.replace(/\s+/g, ' ').trim()};`);
  return [`-- schema version ${SCHEMA_VERSION}`, ...objects].join('\n\n') + '\n';
}

describe('workspace schema', () => {
  it('is the reviewed schema', async () => {
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    await expect(schemaText()).toMatchFileSnapshot('./__snapshots__/schema.sql');
  });
});
