import { analytics } from '../../store/analytics';
import { MIGRATIONS } from '../../store/migrations';
import { migration008AnalyticsFacts } from '../../store/migrations/008-analytics-facts';
import { getStats } from '../../store/stats';
import type { HandlerGroup } from '../context';
import { ApiFailure } from '../errors';

/** The schema version whose analytics projection the figures read (migrations 006 and 008). */
const ANALYTICS_SCHEMA = MIGRATIONS.indexOf(migration008AnalyticsFacts) + 1;

export const statsHandlers: HandlerGroup<'stats.get' | 'stats.analytics'> = {
  'stats.get': (_args, ctx) => getStats(ctx.db),
  'stats.analytics': (args, ctx) => {
    // A workspace from an earlier version that could not be upgraded here (read-only media) has no analytics rows.
    const version = ctx.db.pragma('user_version', { simple: true }) as number;
    if (version < ANALYTICS_SCHEMA) {
      throw new ApiFailure(
        'not_available',
        'Analytics need this workspace upgraded to the current version, which cannot be done where it is (it cannot be written here). Copy it to a folder you can write to and open the copy.',
      );
    }
    return analytics(ctx.db, { filter: args.filter, by: args.by, limit: args.limit });
  },
};
