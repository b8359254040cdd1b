import type Database from 'better-sqlite3';
import type { Stats } from '../../shared/domain/case';

// PLACEHOLDER owned by the store work (issue 4): real counts once the schema exists.
export function getStats(db: Database.Database): Stats {
  const count = (sql: string) => (db.prepare(sql).pluck().get() as number) ?? 0;
  return {
    documents: count('SELECT COUNT(*) FROM documents'),
    cases: count('SELECT COUNT(*) FROM cases'),
    items: 0,
    rejected: 0,
    corrections: 0,
    upheld: 0,
    overturned: 0,
  };
}
