import { analytics, analyticsAvailable } from '../../store/analytics';
import { getStats } from '../../store/stats';
import type { HandlerGroup } from '../context';
import { ApiFailure } from '../errors';

export const statsHandlers: HandlerGroup<'stats.get' | 'stats.analytics'> = {
  'stats.get': (_args, ctx) => getStats(ctx.db),
  'stats.analytics': (args, ctx) => {
    // A workspace from an earlier version that could not be upgraded here (read-only media) has no analytics rows.
    if (!analyticsAvailable(ctx.db)) {
      throw new ApiFailure(
        'not_available',
        'Analytics need this workspace upgraded to the current version, which cannot be done where it is (it cannot be written here). Copy it to a folder you can write to and open the copy.',
      );
    }
    return analytics(ctx.db, { filter: args.filter, by: args.by, limit: args.limit });
  },
};
