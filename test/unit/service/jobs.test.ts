import { describe, expect, it } from 'vitest';
import type { ExportResult, ImportSummary, JobEvent } from '../../../shared/domain/case';

const imported = (n: number): ImportSummary => ({
  runId: 1,
  total: n,
  imported: n,
  duplicate: 0,
  rejected: 0,
  skipped: 0,
  cancelled: false,
  outcomes: [],
});
const exported = (cases: number): ExportResult => ({
  files: [{ name: 'x.csv', path: '/x.csv', downloadId: null, bytes: 10 }],
  cases,
  items: 0,
  casesWithoutItems: cases,
  corrections: 0,
  cleanedCells: 0,
  directionControls: { cells: 0, where: [] },
  unreadable: [],
  leftOut: [],
});
import { JobRunner } from '../../../backend/service/jobs';

function collect() {
  const events: JobEvent[] = [];
  return { events, runner: new JobRunner((e) => events.push(e)) };
}

describe('JobRunner', () => {
  it('streams progress and ends with the result', async () => {
    const { events, runner } = collect();
    const { jobId, done } = runner.start('import', async (progress) => {
      for (let i = 1; i <= 3; i++) progress.update(i, 3, `file-${i}.pdf`);
      return imported(3);
    });
    await expect(done).resolves.toEqual(imported(3));
    expect(events.every((e) => e.jobId === jobId && e.kind === 'import')).toBe(true);
    const last = events.at(-1);
    expect(last).toMatchObject({ phase: 'done', done: 3, total: 3, current: 'file-3.pdf', result: imported(3) });
    expect(events.filter((e) => e.phase === 'running').at(-1)).toMatchObject({ done: 3, total: 3 });
  });

  it('tells the first item finished at once, whatever the throttle, and throttles the rest', async () => {
    const { events, runner } = collect();
    const { done } = runner.start('import', async (progress) => {
      progress.update(0, 50, null);
      for (let i = 1; i <= 50; i++) progress.update(i, 50, `file-${i}.pdf`);
      return imported(50);
    });
    await done;
    const running = events.filter((e) => e.phase === 'running').map((e) => e.done);
    expect(running).toContain(1);
    expect(running.at(-1)).toBe(50);
    expect(running.length).toBeLessThan(10);
  });

  it('cancels through the abort signal and reports the job as cancelled', async () => {
    const { events, runner } = collect();
    let processed = 0;
    const { jobId, done } = runner.start('export', async (progress) => {
      for (let i = 0; i < 1000 && !progress.signal.aborted; i++) {
        processed++;
        progress.update(i + 1, 1000, null);
        await new Promise((r) => setTimeout(r, 1));
      }
      return exported(processed);
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(runner.cancel(jobId)).toBe(true);
    await done;
    expect(processed).toBeLessThan(1000);
    expect(events.at(-1)?.phase).toBe('cancelled');
    expect(runner.cancel(jobId)).toBe(false);
  });

  it('reports a failure with its message', async () => {
    const { events, runner } = collect();
    const { done } = runner.start('reparse', async () => {
      throw new Error('disk full');
    });
    await expect(done).rejects.toThrow('disk full');
    expect(events.at(-1)).toMatchObject({ phase: 'failed', error: 'disk full' });
  });

  it('estimates the time left from the recent pace once there are two steps', async () => {
    const { events, runner } = collect();
    const { done } = runner.start('import', async (progress) => {
      await new Promise((r) => setTimeout(r, 150));
      progress.update(5, 100, 'x');
      await new Promise((r) => setTimeout(r, 150));
      progress.update(10, 100, 'y');
      return imported(10);
    });
    await done;
    expect(events.find((e) => e.phase === 'running' && e.done === 5)?.etaSeconds).toBeNull();
    const running = events.filter((e) => e.phase === 'running' && e.done === 10)[0];
    expect(running?.rate).toBeGreaterThan(0);
    expect(running?.etaSeconds).toBeGreaterThan(0);
  });
});
