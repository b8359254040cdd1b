import { readFileSync } from 'node:fs';
import type { HandlerGroup } from '../context';
import { SCHEMA_VERSION } from '../../store/database';
import { PARSER_VERSION } from '../../../shared/parser';
import { getStats } from '../../store/stats';

const appVersion: string = (() => {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    return pkg.version;
  } catch {
    return '0.0.0';
  }
})();

export const appHandlers: HandlerGroup<'app.info' | 'settings.get' | 'settings.set' | 'stats.get'> = {
  'app.info': (_args, ctx) => ({
    appVersion,
    parserVersion: PARSER_VERSION,
    schemaVersion: SCHEMA_VERSION,
    dbPath: ctx.dbPath,
    host: ctx.host,
    samplesAvailable: ctx.samplesDir !== null,
    readOnly: ctx.writes.readOnlyReason,
  }),
  'settings.get': (_args, ctx) => ctx.settings.get(),
  'settings.set': (args, ctx) => {
    const next = ctx.settings.update(args);
    ctx.emit({ type: 'changed', what: 'settings' });
    return next;
  },
  'stats.get': (_args, ctx) => getStats(ctx.db),
};
