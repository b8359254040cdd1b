import type { HandlerGroup } from '../context';
import { notAvailable } from '../errors';

// PLACEHOLDER owned by the importer work (issue 4).
export const importHandlers: HandlerGroup<
  'import.paths' | 'import.files' | 'import.samples' | 'import.lastReport' | 'reparse.start' | 'jobs.cancel'
> = {
  'import.paths': () => {
    throw notAvailable('Import');
  },
  'import.files': () => {
    throw notAvailable('Import');
  },
  'import.samples': () => {
    throw notAvailable('Import');
  },
  'import.lastReport': () => null,
  'reparse.start': () => {
    throw notAvailable('Re-parse');
  },
  'jobs.cancel': (args, ctx) => ({ cancelled: ctx.jobs.cancel(args.jobId) }),
};
