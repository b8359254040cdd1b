import { analytics, analyticsAvailable } from '../../store/analytics';
import { analyticsWarmUp } from '../../store/analytics-warm';
import { contentsVersion, damageIn } from '../../store/damaged-reads';
import { DAMAGED_ADVICE, isUnreadable, WorkspaceOpenError } from '../../store/errors';
import { whyNotUpgraded } from '../../store/database';
import { sqliteCheck } from '../../store/integrity';
import { errorText } from '../../../shared/api/error-text';
import { getStats } from '../../store/stats';
import type { HandlerGroup } from '../context';
import { ApiFailure } from '../errors';
import type Database from 'better-sqlite3';

/**
 * The tables the workspace totals and the analytics are counted from (backend/store/stats.ts, analytics.ts),
 * read whole before the first figure and again after the workspace changes: ~60 ms CPU for 100,000 cases. The audit trail is left out (twice that again, and
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
  // Each case's counts per value (migration 009): a breakdown without item conditions reads only these.
  'case_values',
] as const;

/**
 * The last check per connection, with what the workspace's contents were when it ran. Reading the tables whole
 * on every call cost each Analytics filter change ~60 ms of its 300 ms (issue 17) and each status-bar refresh as
 * much; damage found on opening does not go away, and a page SQLite writes is checked again on the next call.
 */
const lastCheck = new WeakMap<Database.Database, { contents: string; damage: string | null }>();

function damageOf(db: Database.Database): string | null {
  const contents = contentsVersion(db);
  const cached = lastCheck.get(db);
  if (cached !== undefined && cached.contents === contents) return cached.damage;
  const damage = damageIn(db, FIGURE_TABLES);
  lastCheck.set(db, { contents, damage });
  return damage;
}

/**
 * What the first figures read, read ahead in slices (service.ts runs them between calls when a host opens a
 * workspace): the damage check one table at a time — unless a call has made it meanwhile — then the indexes the
 * Analytics view reads first (backend/store/analytics-warm.ts). The check is kept only if nothing was written while
 * it ran. Damage ends it: the figures are refused then, and reading on would only meet the damage again.
 */
export function* warmFigures(db: Database.Database): Generator<void> {
  const contents = contentsVersion(db);
  const checkedNow = () => lastCheck.get(db)?.contents === contentsVersion(db);
  let damage: string | null = null;
  for (const table of FIGURE_TABLES) {
    if (checkedNow()) break;
    damage = damageIn(db, [table]);
    if (damage !== null) break;
    yield;
  }
  if (!checkedNow()) {
    // Written to meanwhile (an import): what was read may be stale, and reading ahead would be pointless.
    if (contentsVersion(db) !== contents) return;
    lastCheck.set(db, { contents, damage });
  }
  if (lastCheck.get(db)!.damage !== null || !analyticsAvailable(db)) return;
  yield* analyticsWarmUp(db);
}

/**
 * Figures over a damaged workspace are refused rather than given: counted from
 * indexes they would look whole while cases cannot be read, and counted around
 * the damage they would be rates of an unknown part. The list and an export
 * still give what can be read.
 */
function refuseIfDamaged(db: Database.Database): void {
  const damage = damageOf(db);
  if (damage !== null) throw damagedFailure(damage);
}

/**
 * `figures()`, refused as refuseIfDamaged refuses when what it reads cannot be: the table check reads each table
 * from its own pages, and figures answered from indexes alone meet a damaged index page only themselves. The damage
 * is kept as the check's, so the next call is refused at once, until the contents change.
 */
function figuresOf<T>(db: Database.Database, figures: () => T): T {
  refuseIfDamaged(db);
  try {
    return figures();
  } catch (err) {
    if (!isUnreadable(err)) throw err;
    const damage = errorText(err);
    lastCheck.set(db, { contents: contentsVersion(db), damage });
    throw damagedFailure(damage);
  }
}

function damagedFailure(damage: string): ApiFailure {
  return new ApiFailure(
    'not_available',
    `No figures for a damaged workspace: some cases cannot be read (SQLite: ${damage}), so totals and rates would ` +
      `not be exact; imr list (or the case list) names the cases left out. ${DAMAGED_ADVICE}`,
  );
}

/**
 * Why there are no analytics for a workspace left at an older schema, by what stopped its upgrade
 * (database.ts `whyNotUpgraded`): a damaged file is named as damaged, with SQLite's first quick_check finding and
 * how to recover (upgrading it would write into the damage); a busy or full one as such; otherwise it cannot be
 * written here (read-only file, folder or disk).
 */
function notUpgradedFailure(db: Database.Database): ApiFailure {
  const why = whyNotUpgraded(db);
  const need = 'Analytics need this workspace upgraded to the current version';
  const kind = why instanceof WorkspaceOpenError ? why.kind : null;
  if (kind === 'damaged') {
    const finding = sqliteCheck(db, 'quick', 1)[0] ?? errorText(why);
    return new ApiFailure(
      'not_available',
      `${need}, and it is not upgraded because the workspace file is damaged (SQLite quick_check: ${finding}). ` +
        `Run imr verify for the full report. ${DAMAGED_ADVICE}`,
    );
  }
  if (kind === 'busy') {
    return new ApiFailure('not_available', `${need}: the workspace is in use by another process; try again.`);
  }
  if (kind === 'full') {
    return new ApiFailure(
      'not_available',
      `${need}, which needs space: the disk holding the workspace is full. Free some space and try again.`,
    );
  }
  return new ApiFailure(
    'not_available',
    `${need}, which cannot be done where it is (it cannot be written here). Copy it to a folder you can write to ` +
      'and open the copy.',
  );
}

export const statsHandlers: HandlerGroup<'stats.get' | 'stats.analytics'> = {
  'stats.get': (_args, ctx) => figuresOf(ctx.db, () => getStats(ctx.db)),
  'stats.analytics': (args, ctx) => {
    // A workspace from an earlier version that could not be upgraded here has no analytics rows.
    if (!analyticsAvailable(ctx.db)) throw notUpgradedFailure(ctx.db);
    const figures = figuresOf(ctx.db, () => analytics(ctx.db, { filter: args.filter, by: args.by, limit: args.limit }));
    // An item condition is counted through temp.matched_cases, whose writes move total_changes(): the workspace
    // itself did not change (analytics is synchronous; nothing else ran), so the check made above still holds.
    lastCheck.set(ctx.db, { contents: contentsVersion(ctx.db), damage: null });
    return figures;
  },
};
