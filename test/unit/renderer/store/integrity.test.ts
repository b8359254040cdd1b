import { describe, expect, it } from 'vitest';
import type { VerifyJobResult } from '../../../../shared/api/contract';
import type { JobEventOf } from '../../../../shared/domain/case';
import { harness, settle } from './harness';

const base = { type: 'job', kind: 'verify', done: 0, total: 0, current: null, rate: 0, etaSeconds: null } as const;
const result = (ok: boolean): VerifyJobResult => ({
  report: {
    ok,
    problems: ok ? [] : ['Case CM16-0230651 (#1): the letter was changed.'],
    problemCases: ok ? [] : [1],
    events: 3,
    chainHead: 'ab'.repeat(32),
    cases: 2,
    against: null,
    notChecked: [],
    awaitingRebuild: [],
  },
  checkpoint: null,
});
const event = (jobId: string, over: Partial<JobEventOf<'verify'>> = {}): JobEventOf<'verify'> => ({
  ...base,
  jobId,
  phase: 'running',
  ...over,
});

describe('integrity slice', () => {
  it('starts the check with what was asked, shows it running, then keeps the report as it came', async () => {
    const h = harness({ 'audit.verify.start': () => ({ jobId: 'v1' }) });
    h.state().setDialog('integrity');
    await h.state().startIntegrityCheck({ full: true, checkpoint: { name: 'cp.json', text: '{}' } });
    expect(h.callsTo('audit.verify.start')).toEqual([{ full: true, checkpointFile: '{}' }]);
    expect(h.state().integrity).toMatchObject({ jobId: 'v1', running: true, full: true, checkpointName: 'cp.json' });
    h.state().onJobEvent(event('v1', { phase: 'done', result: result(true) }));
    expect(h.state().integrity).toMatchObject({ running: false, result: result(true), error: null });
    // The dialog is open: it shows the report, no notice.
    expect(h.state().notices).toEqual([]);
  });

  it('says how a check ended when its dialog was closed, and ignores another window’s check', async () => {
    const h = harness({ 'audit.verify.start': () => ({ jobId: 'v1' }) });
    await h.state().startIntegrityCheck({ full: false });
    h.state().onJobEvent(event('other', { phase: 'done', result: result(true) }));
    expect(h.state().integrity.result).toBeNull();
    h.state().onJobEvent(event('v1', { phase: 'done', result: result(false) }));
    expect(h.state().notices.map((n) => [n.kind, n.text])).toEqual([
      ['error', 'Integrity check: 1 problem(s) found. The shield in the top bar (Alt+Shift+I) lists them.'],
    ]);
  });

  it('shows why a check could not start or failed, in the backend’s words', async () => {
    const h = harness({
      'audit.verify.start': () => {
        throw new Error('The file chosen was not compared: it is not an IMR Workbench audit checkpoint.');
      },
    });
    await h.state().startIntegrityCheck({ full: false, checkpoint: { name: 'x.json', text: '{}' } });
    await settle();
    expect(h.state().integrity).toMatchObject({
      running: false,
      error: 'The file chosen was not compared: it is not an IMR Workbench audit checkpoint.',
    });
    h.handlers['audit.verify.start'] = () => ({ jobId: 'v2' });
    h.state().setDialog('integrity');
    await h.state().startIntegrityCheck({ full: false });
    h.state().onJobEvent(
      event('v2', { phase: 'failed', error: 'The workspace is in use by another process; try again.' }),
    );
    expect(h.state().integrity).toMatchObject({
      running: false,
      result: null,
      error: 'The workspace is in use by another process; try again.',
    });
  });
});
