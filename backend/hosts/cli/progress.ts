/**
 * The progress line a person watching a terminal sees during a long job:
 *   import  120/400 files  30%  52.1/s  ~6 s left  letters/2016/CM16-0230651.pdf
 * redrawn in place on stderr. Nothing is written when stderr is not a
 * terminal (a pipe, a file, CI): scripts get only the final summary.
 */
import path from 'node:path';
import type { JobEvent, JobKind } from '../../../shared/domain/case';

const UNIT: Record<JobKind, string> = { import: 'files', export: 'rows', reparse: 'letters', verify: '' };

function duration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(seconds % 60).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** Shortens a path from the left to `width` characters, keeping the file name (`…/2016/letter.pdf`). */
function fitPath(current: string, width: number): string {
  if (current.length <= width) return current;
  if (width < 2) return '';
  const name = path.basename(current);
  return name.length + 1 >= width
    ? `…${name.slice(name.length - width + 1)}`
    : `…${current.slice(current.length - width + 1)}`;
}

/** One line, at most `columns` characters wide (the current file is shortened first). */
export function formatProgress(event: JobEvent, columns = 80): string {
  const percent = event.total > 0 ? `${Math.floor((event.done / event.total) * 100)}%` : '';
  const parts = [
    event.kind,
    `${event.done}/${event.total} ${UNIT[event.kind]}`,
    percent,
    event.rate > 0 ? `${event.rate}/s` : '',
    event.etaSeconds !== null ? `~${duration(event.etaSeconds)} left` : '',
  ].filter(Boolean);
  const head = parts.join('  ');
  const room = columns - 1 - head.length - 2; // keep the last column free: some terminals wrap there
  if (!event.current || room < 8) return head.slice(0, Math.max(0, columns - 1));
  return `${head}  ${fitPath(event.current, room)}`;
}

export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

/** Draws job events on a terminal; does nothing at all on anything else. */
export class ProgressLine {
  private drawn = false;

  constructor(private readonly stream: ProgressStream = process.stderr) {}

  get enabled(): boolean {
    return this.stream.isTTY === true;
  }

  show(event: JobEvent): void {
    if (!this.enabled || event.phase !== 'running' || event.total === 0) return;
    // A pseudo-terminal without a size reports 0 columns.
    this.stream.write(`\r\x1b[2K${formatProgress(event, this.stream.columns || 80)}`);
    this.drawn = true;
  }

  /** Clears the line so the summary that follows starts on a clean line. */
  clear(): void {
    if (this.drawn) this.stream.write('\r\x1b[2K');
    this.drawn = false;
  }
}
