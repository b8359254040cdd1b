import type { HandlerGroup } from '../context';
import { notAvailable } from '../errors';

// PLACEHOLDER owned by the export work (issue 7).
export const exportHandlers: HandlerGroup<'export.start'> = {
  'export.start': () => {
    throw notAvailable('Export');
  },
};
