import { describe, expect, it } from 'vitest';
import type { JobEvent, JobEventOf, JobKind } from '../../../shared/domain/case';
import { formatProgress, ProgressLine } from '../../../backend/hosts/cli/progress';

// A progress event of any kind (the kind only chooses the unit shown).
const event = (over: Partial<JobEventOf<JobKind>> = {}): JobEvent =>
  ({
    type: 'job',
    jobId: 'j',
    kind: 'import',
    phase: 'running',
    done: 120,
    total: 400,
    current: '/home/analyst/letters/2016/CM16-0230651.pdf',
    rate: 52.1,
    etaSeconds: 6,
    ...over,
  }) as JobEvent;

describe('CLI progress line', () => {
  it('shows count, share, rate, time left and the current file', () => {
    expect(formatProgress(event(), 120)).toBe(
      'import  120/400 files  30%  52.1/s  ~6 s left  /home/analyst/letters/2016/CM16-0230651.pdf',
    );
  });

  it('fits the terminal, shortening the file path from the left', () => {
    const line = formatProgress(event(), 70);
    expect(line.length).toBeLessThanOrEqual(69);
    expect(line).toMatch(/^import {2}120\/400 files {2}30% {2}52\.1\/s {2}~6 s left {2}….*CM16-0230651\.pdf$/);
  });

  it('says minutes and hours for long jobs, and names what is counted', () => {
    expect(formatProgress(event({ kind: 'export', etaSeconds: 125, current: null }))).toBe(
      'export  120/400 rows  30%  52.1/s  ~2 min 05 s left',
    );
    expect(formatProgress(event({ kind: 'reparse', etaSeconds: 7300, current: null }))).toContain('~2 h 01 min left');
  });

  it('writes nothing unless the stream is a terminal, and clears what it drew', () => {
    const written: string[] = [];
    new ProgressLine({ isTTY: false, write: (t: string) => written.push(t) }).show(event());
    expect(written).toEqual([]);
    const tty = new ProgressLine({ isTTY: true, columns: 0, write: (t: string) => written.push(t) });
    tty.show(event({ current: null }));
    tty.clear();
    expect(written).toEqual(['\r\x1b[2Kimport  120/400 files  30%  52.1/s  ~6 s left', '\r\x1b[2K']);
  });
});
