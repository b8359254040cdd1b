import type Database from 'better-sqlite3';
import { migration001Core } from './001-core';
import { migration002Audit } from './002-audit';
import { migration003Provenance } from './003-provenance';
import { migration004Search } from './004-search';
import { migration005StatusRule } from './005-status-rule';
import { migration006Analytics } from './006-analytics';
import { migration007VerifyField } from './007-verify-field';
import { migration008AnalyticsFacts } from './008-analytics-facts';
import { migration009CaseValues } from './009-case-values';
import { migration010CaseValuesByCase } from './010-case-values-by-case';
import { migration011CaseValuesDays } from './011-case-values-days';
import { migration012ModifiedByDecision } from './012-modified-by-decision';

export interface Migration {
  /** Short description shown in errors and tests. */
  name: string;
  up(db: Database.Database): void;
}

/**
 * Ordered; the position is the schema version (`PRAGMA user_version`).
 * Never edit a released migration: add a new one. Each has its own test in
 * test/integration/migrations.test.ts (from empty and from the previous version).
 */
export const MIGRATIONS: Migration[] = [
  migration001Core,
  migration002Audit,
  migration003Provenance,
  migration004Search,
  migration005StatusRule,
  migration006Analytics,
  migration007VerifyField,
  migration008AnalyticsFacts,
  migration009CaseValues,
  migration010CaseValuesByCase,
  migration011CaseValuesDays,
  migration012ModifiedByDecision,
];

/**
 * The schema version (`PRAGMA user_version`) a migration brings a workspace to: its position in MIGRATIONS, from 1.
 * How code that depends on a migration names its version (projection.ts, analytics.ts, verify.ts), so the number
 * is written once, here, by the list's order. Throws for a migration not in the list (a programming error).
 */
export function schemaVersionOf(migration: Migration): number {
  const at = MIGRATIONS.indexOf(migration);
  if (at < 0) throw new Error(`not a migration of this app: ${migration.name}`);
  return at + 1;
}
