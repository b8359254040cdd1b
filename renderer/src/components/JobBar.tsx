/** Progress of running imports, exports and re-parses, with cancel. */
import { useApp } from '../store/appStore';
import type { JobEvent } from '../../../shared/domain/case';

const DONE: Record<JobEvent['kind'], string> = {
  import: 'Import',
  export: 'Export',
  reparse: 'Re-parse',
  verify: 'Integrity check',
};
const VERB: Record<JobEvent['kind'], string> = {
  import: 'Importing',
  export: 'Exporting',
  reparse: 'Re-parsing',
  verify: 'Checking workspace integrity',
};
// Export progress counts spreadsheet rows, not cases, so it gets no unit; the integrity check counts nothing.
const UNIT: Record<JobEvent['kind'], string> = { import: 'files', export: '', reparse: 'letters', verify: '' };

export function formatEta(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '';
  if (seconds < 1) return 'almost done';
  if (seconds < 60) return `about ${Math.ceil(seconds)} s left`;
  const m = Math.floor(seconds / 60);
  return `about ${m} min ${Math.round(seconds % 60)} s left`;
}

export function JobProgress({ job }: { job: JobEvent }) {
  const cancelJob = useApp((s) => s.cancelJob);
  const pct =
    job.total > 0 ? Math.min(100, Math.round((job.done / job.total) * 100)) : job.phase === 'running' ? 0 : 100;
  const unit = UNIT[job.kind] ? ` ${UNIT[job.kind]}` : '';
  const label =
    job.phase === 'running'
      ? // Before the job has counted its work (the files of a folder), there is no "0 of 0" to show.
        job.total === 0
        ? `${VERB[job.kind]}…`
        : `${VERB[job.kind]} ${job.done.toLocaleString()} of ${job.total.toLocaleString()}${unit}`
      : job.phase === 'done'
        ? `${DONE[job.kind]} finished${unit ? ` · ${job.done.toLocaleString()}${unit}` : ''}`
        : job.phase === 'cancelled'
          ? `${VERB[job.kind]} cancelled after ${job.done.toLocaleString()}${unit}`
          : `${VERB[job.kind]} failed: ${job.error ?? 'unknown error'}`;
  return (
    <div className={`job job-${job.phase}`}>
      <div className="job-text">
        <strong>{label}</strong>
        {job.phase === 'running' && job.rate > 0 ? (
          <span className="muted">
            {' '}
            · {job.rate.toFixed(job.rate < 10 ? 1 : 0)}
            {unit || ' rows'}/s {formatEta(job.etaSeconds) ? `· ${formatEta(job.etaSeconds)}` : ''}
          </span>
        ) : null}
        {job.phase === 'running' && job.current ? <span className="muted job-current"> · {job.current}</span> : null}
      </div>
      {/* Running with nothing counted (the integrity check counts nothing; an import before it has counted its
          files): an indeterminate bar, not one stuck at 0 %. */}
      {job.phase === 'running' && job.total === 0 ? (
        <div className="progress indeterminate" role="progressbar" aria-label={`${VERB[job.kind]} progress`}>
          <div className="progress-fill" />
        </div>
      ) : (
        <div
          className="progress"
          role="progressbar"
          aria-label={`${VERB[job.kind]} progress`}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={pct}
        >
          <div className="progress-fill" style={{ width: `${pct}%` }} />
        </div>
      )}
      {job.phase === 'running' ? (
        <button type="button" className="btn small" onClick={() => void cancelJob(job.jobId)}>
          Cancel
        </button>
      ) : null}
    </div>
  );
}

export function JobBar() {
  const jobs = useApp((s) => s.jobs);
  const dialog = useApp((s) => s.dialog);
  // The export and integrity dialogs show their own job; avoid showing it twice.
  const visible = Object.values(jobs).filter(
    (j) => !(dialog === 'export' && j.kind === 'export') && !(dialog === 'integrity' && j.kind === 'verify'),
  );
  if (visible.length === 0) return null;
  return (
    <div className="jobbar" role="status" aria-live="polite">
      {visible.map((job) => (
        <JobProgress key={job.jobId} job={job} />
      ))}
    </div>
  );
}
