/**
 * Reading ahead after a host opens a workspace (service option `warmUp`,
 * handlers/stats.ts `warmFigures`): it changes how fast the first figures
 * come, never what they are — the same figures as without it, and a change
 * made afterwards (on this connection or another's) shows in the next figures.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseFilter } from '../../../shared/api/contract';
import type { AnalyticsResult } from '../../../shared/domain/analytics';
import { createService, type Service } from '../../../backend/service/service';
import { citation, corpusLetter, parsedItem } from '../../unit/audit/letter-fixture';
import { ok, openWorkspace, type TestWorkspace } from '../audit/workspace';

const reviewer = 'Dana Reviewer';
const FILTERS: CaseFilter[] = [{}, { search: 'Norco' }, { guideline: 'ODG' }, { category: 'pharmacy' }];

let ws: TestWorkspace;
let caseId: number;
beforeEach(() => {
  ws = openWorkspace();
  caseId = ws.addCase({
    ...corpusLetter(),
    caseNumber: 'CM16-0000201',
    items: [
      parsedItem({ treatment: 'Norco', category: 'pharmacy', decision: 'Upheld', citations: [citation('ODG')] }),
      parsedItem({ treatment: 'Physical therapy', category: 'physical therapy', decision: 'Overturned' }),
    ],
  });
  ws.addCase({
    ...corpusLetter(),
    caseNumber: 'CM16-0000202',
    items: [parsedItem({ treatment: 'Acupuncture', category: 'acupuncture', decision: 'Upheld' })],
  });
});
afterEach(() => ws.close());

const figures = async (service: Service, filter: CaseFilter): Promise<AnalyticsResult> =>
  ok(await service.send('stats.analytics', { filter, by: ['category', 'bodyRegion', 'guideline', 'month'] }));

const warmService = () =>
  createService({ dbPath: ws.dbPath, host: 'test', samplesDir: null, settingsPath: null, warmUp: true });
const correct = async (service: Service, path: string, value: unknown, reason?: string) =>
  ok(await service.send('corrections.apply', { caseId, reviewer, reason, change: { type: 'set-field', path, value } }));

describe('reading ahead the first figures', () => {
  it('gives the same figures as a cold connection, and later changes show in them', async () => {
    const warmed = warmService();
    try {
      await warmed.warmedUp;
      for (const filter of FILTERS) expect(await figures(warmed, filter)).toEqual(await figures(ws.service, filter));
      expect(ok(await warmed.send('stats.get', {}))).toEqual(ok(await ws.service.send('stats.get', {})));

      // A correction on the warmed connection, then one on the other: each shows in the next figures of both.
      await correct(warmed, 'items[1].category', 'chiropractic');
      const afterOwn = await figures(warmed, {});
      expect(afterOwn.breakdowns[0]!.groups.map((g) => g.label)).toContain('chiropractic');
      expect(afterOwn).toEqual(await figures(ws.service, {}));
      await correct(ws.service, 'items[0].decision', 'Overturned', 'the rationale approves it');
      const pharmacy = await figures(warmed, { category: 'pharmacy' });
      expect(pharmacy.totals).toMatchObject({ items: 1, upheld: 0, overturned: 1 });
      for (const filter of FILTERS) expect(await figures(warmed, filter)).toEqual(await figures(ws.service, filter));
    } finally {
      warmed.close();
    }
  });

  it('stops when the workspace is closed before it ends', async () => {
    const warmed = warmService();
    warmed.close();
    await warmed.warmedUp;
    expect(warmed.ctx.db.open).toBe(false);
  });
});
