import packageJson from '../../../package.json' with { type: 'json' };
import type { HandlerGroup } from '../context';
import { SCHEMA_VERSION } from '../../store/database';
import { PARSER_VERSION } from '../../../shared/parser';

export const appHandlers: HandlerGroup<'app.info' | 'settings.get' | 'settings.set'> = {
  'app.info': (_args, ctx) => ({
    appVersion: packageJson.version,
    parserVersion: PARSER_VERSION,
    schemaVersion: SCHEMA_VERSION,
    dbPath: ctx.dbPath,
    host: ctx.host,
    samplesAvailable: ctx.samplesDir !== null,
    readOnly: ctx.writes.readOnlyReason,
    importFolders: ctx.grants.importFolders(),
  }),
  'settings.get': (_args, ctx) => ctx.settings.get(),
  'settings.set': (args, ctx) => {
    const next = ctx.settings.update(args);
    ctx.emit({ type: 'changed', what: 'settings' });
    return next;
  },
};
