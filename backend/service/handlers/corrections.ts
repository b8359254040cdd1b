import type { HandlerGroup } from '../context';
import { notAvailable } from '../errors';

// PLACEHOLDER owned by the corrections/audit work (issue 5).
export const correctionHandlers: HandlerGroup<
  'corrections.apply' | 'corrections.undo' | 'corrections.redo' | 'corrections.history' | 'audit.verify'
> = {
  'corrections.apply': () => {
    throw notAvailable('Corrections');
  },
  'corrections.undo': () => {
    throw notAvailable('Undo');
  },
  'corrections.redo': () => {
    throw notAvailable('Redo');
  },
  'corrections.history': () => {
    throw notAvailable('Case history');
  },
  'audit.verify': () => {
    throw notAvailable('Audit verification');
  },
};
