import type { HandlerGroup } from '../context';
import { notAvailable } from '../errors';

// PLACEHOLDER owned by the store work (issue 4); cases.get's effective values come from backend/audit (issue 5).
export const caseHandlers: HandlerGroup<
  'cases.list' | 'cases.get' | 'cases.nextUnreviewed' | 'documents.content' | 'documents.original'
> = {
  'cases.list': () => ({ total: 0, rows: [] }),
  'cases.get': () => {
    throw notAvailable('Opening a case');
  },
  'cases.nextUnreviewed': () => ({ caseId: null }),
  'documents.content': () => {
    throw notAvailable('Letter text');
  },
  'documents.original': () => {
    throw notAvailable('Original letters');
  },
};
