import { analytics, analyticsAvailable } from '../../store/analytics';
import { damageIn } from '../../store/damaged-reads';
import { DAMAGED_ADVICE } from '../../store/errors';
import { getStats } from '../../store/stats';
import type { HandlerGroup } from '../context';
import { ApiFailure } from '../errors';
import type Database from 'better-sqlite3';

/**
 * The tables the workspace totals and the analytics are counted from (backend/store/stats.ts, analytics.ts),
 * read whole before each figure: ~60 ms CPU for 100,000 cases. The audit trail is left out (twice that again, and
 * seconds from a cold disk): `imr verify` reports its damage, and the count of corrections reads it as it goes.
 */
const FIGURE_TABLES = [
  'cases',
  'items',
  'documents',
  'import_outcomes',
  'item_regions',
  'item_guidelines',
  'case_specialties',
] as const;

/**
 * Figures over a damaged workspace are refused rather than given: counted from
 * indexes they would look whole while cases cannot be read, and counted around
 * the damage they would be rates of an unknown part. The list and an export
 * still give what can be read.
 */
function refuseIfDamaged(db: Database.Database): void {
  const damage = damageIn(db, FIGURE_TABLES);
  if (damage === null) return;
  throw new ApiFailure(
    'not_available',
    `No figures for a damaged workspace: some cases cannot be read (SQLite: ${damage}), so totals and rates would ` +
      `not be exact; imr list (or the case list) names the cases left out. ${DAMAGED_ADVICE}`,
  );
}

export const statsHandlers: HandlerGroup<'stats.get' | 'stats.analytics'> = {
  'stats.get': (_args, ctx) => {
    refuseIfDamaged(ctx.db);
    return getStats(ctx.db);
  },
  'stats.analytics': (args, ctx) => {
    // A workspace from an earlier version that could not be upgraded here (read-only media) has no analytics rows.
    if (!analyticsAvailable(ctx.db)) {
      throw new ApiFailure(
        'not_available',
        'Analytics need this workspace upgraded to the current version, which cannot be done where it is (it cannot be written here). Copy it to a folder you can write to and open the copy.',
      );
    }
    refuseIfDamaged(ctx.db);
    return analytics(ctx.db, { filter: args.filter, by: args.by, limit: args.limit });
  },
};
