import type Database from 'better-sqlite3';

/**
 * Prepared-statement cache per connection. Compiling SQL costs about as much as
 * running a small insert, and an import runs a dozen statements per letter, so
 * hot paths reuse their statements. Keyed by SQL text and pluck mode (pluck()
 * changes the statement object itself).
 */
const caches = new WeakMap<Database.Database, Map<string, Database.Statement>>();

export function statement(db: Database.Database, sql: string, options: { pluck?: boolean } = {}): Database.Statement {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const key = options.pluck ? `pluck:${sql}` : sql;
  let stmt = cache.get(key);
  if (!stmt) {
    stmt = db.prepare(sql);
    if (options.pluck) stmt.pluck();
    cache.set(key, stmt);
  }
  return stmt;
}
