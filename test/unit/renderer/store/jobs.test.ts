import { describe, expect, it } from 'vitest';
import type { ExportResult, ImportSummary, JobEvent } from '../../../../shared/domain/case';
import { FINISHED_JOB_MS, importNotice } from '../../../../renderer/src/store/jobs';
import { harness, settle } from './harness';

const base = { type: 'job', jobId: 'j1', done: 0, total: 10, current: null, rate: 0, etaSeconds: null } as const;
const summary = (over: Partial<ImportSummary> = {}): ImportSummary => ({
  runId: 1,
  total: 3,
  imported: 3,
  duplicate: 0,
  rejected: 0,
  skipped: 0,
  cancelled: false,
  outcomes: [],
  ...over,
});
const exported: ExportResult = {
  files: [{ name: 'x.xlsx', path: '/x.xlsx', downloadId: null, bytes: 100 }],
  cases: 2,
  items: 3,
  casesWithoutItems: 0,
  corrections: 0,
  cleanedCells: 1,
  directionControls: { cells: 0, where: [] },
  unreadable: [],
  leftOut: [],
};

function jobsHarness(report: ImportSummary | null = summary()) {
  return harness({
    'cases.list': () => ({ total: 0, rows: [] }),
    'stats.get': () => ({}) as never,
    'import.lastReport': () => report,
  });
}

describe('jobs slice', () => {
  it('keeps an export result, typed, and lets the finished bar go after a moment', () => {
    const h = jobsHarness();
    const event: JobEvent = { ...base, kind: 'export', phase: 'done', done: 10, result: exported };
    h.state().onJobEvent(event);
    expect(h.state().lastExport).toEqual(exported);
    expect(h.state().jobs.j1?.phase).toBe('done');
    expect(h.timers.map((t) => t.ms)).toEqual([FINISHED_JOB_MS]);
    h.runTimers();
    expect(h.state().jobs).toEqual({});
  });

  it('shows new cases, and counts them in the toolbar, every 25 files of a long import', () => {
    const h = jobsHarness();
    h.state().onJobEvent({ ...base, kind: 'import', phase: 'running', done: 24 });
    expect(h.callsTo('cases.list')).toHaveLength(0);
    // Throttled events skip numbers: passing 25 is enough.
    h.state().onJobEvent({ ...base, kind: 'import', phase: 'running', done: 27 });
    expect(h.callsTo('cases.list')).toHaveLength(1);
    expect(h.callsTo('stats.get')).toHaveLength(1);
    h.state().onJobEvent({ ...base, kind: 'import', phase: 'running', done: 49 });
    expect(h.callsTo('cases.list')).toHaveLength(1);
    expect(h.timers).toHaveLength(0); // a running job stays
  });

  it('after an import, says what happened, or opens the report when letters were rejected', async () => {
    let h = jobsHarness(summary({ imported: 2, duplicate: 1, skipped: 1 }));
    h.state().onJobEvent({ ...base, kind: 'import', phase: 'done', done: 10, result: summary() });
    await settle();
    expect(h.state().notices.at(-1)).toMatchObject({
      kind: 'success',
      text: 'Import finished: 2 imported, 1 already in the workspace.',
    });
    h = jobsHarness(summary({ rejected: 1 }));
    h.state().onJobEvent({ ...base, kind: 'import', phase: 'done', done: 10 });
    await settle();
    expect(h.state().dialog).toBe('import-report');
    expect(importNotice(summary(), true)).toBe('Import cancelled: 3 imported.');
  });

  it('says when a job failed and why', () => {
    const h = jobsHarness();
    h.state().onJobEvent({ ...base, kind: 'reparse', phase: 'failed', error: 'database is locked' });
    expect(h.state().notices.at(-1)).toMatchObject({ kind: 'error', text: 'Re-parse failed: database is locked' });
  });

  it('a job that could not start says so', async () => {
    const h = harness({
      'export.start': () => {
        throw new Error('Choose a file name ending in .xlsx');
      },
    });
    expect(await h.state().startExport({ format: 'xlsx' })).toBeNull();
    expect(h.state().notices.at(-1)?.text).toBe('Export could not start: Choose a file name ending in .xlsx');
  });
});
