/** Export to Excel or CSV: everything, the current filter, or the selected cases. */
import { useState } from 'react';
import type { JobEvent } from '../../../shared/domain/case';
import { useApp } from '../store/appStore';
import { Modal } from './Modal';
import { JobProgress } from './JobBar';
import { exportCases } from './files';
import { ExportOutcome } from './ExportOutcome';

type Scope = 'all' | 'filter' | 'selection';

export function ExportDialog() {
  const list = useApp((s) => s.list);
  const selectedIds = useApp((s) => s.selectedIds);
  const jobs = useApp((s) => s.jobs);
  const lastExport = useApp((s) => s.lastExport);
  const setDialog = useApp((s) => s.setDialog);
  const stats = useApp((s) => s.stats);
  const filtered = Object.keys(list.filter).length > 0;
  const [format, setFormat] = useState<'xlsx' | 'csv'>('xlsx');
  const [scope, setScope] = useState<Scope>(selectedIds.length > 1 ? 'selection' : filtered ? 'filter' : 'all');
  const [includeParsed, setIncludeParsed] = useState(false);
  const [allTables, setAllTables] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  // The job bar forgets a finished job after a moment; the dialog remembers how it ended.
  const [ended, setEnded] = useState<JobEvent | null>(null);
  const live = jobId ? jobs[jobId] : undefined;
  if (live && live.phase !== 'running' && ended !== live) setEnded(live);
  const job = live ?? (ended?.jobId === jobId ? ended : undefined);
  const running = !!jobId && (!job || job.phase === 'running');
  const finished = jobId && lastExport && job?.phase === 'done';
  const close = () => setDialog(null);

  const start = async () => {
    const id = await exportCases({
      format,
      includeParsedValues: includeParsed,
      allTables: format === 'csv' ? allTables : false,
      ...(scope === 'filter' ? { filter: list.filter } : {}),
      ...(scope === 'selection' ? { caseIds: selectedIds } : {}),
    });
    if (id) setJobId(id);
  };

  if (stats?.cases === 0) {
    // Opened by Ctrl+E or the desktop menu in an empty workspace: an export of 0 cases is no export.
    return (
      <Modal title="Export cases" onClose={close}>
        <p role="status">Nothing to export yet: this workspace has no letters. Import letters first, then export.</p>
        <div className="dialog-actions">
          <button type="button" className="btn primary" onClick={close}>
            Close
          </button>
        </div>
      </Modal>
    );
  }

  return (
    <Modal title="Export cases" onClose={close}>
      <fieldset className="radio-group" disabled={running}>
        <legend className="field-label">Format</legend>
        <label>
          <input type="radio" name="format" checked={format === 'xlsx'} onChange={() => setFormat('xlsx')} /> Excel
          workbook (.xlsx)
        </label>
        <label>
          <input type="radio" name="format" checked={format === 'csv'} onChange={() => setFormat('csv')} /> CSV (.csv)
        </label>
      </fieldset>
      <fieldset className="radio-group" disabled={running}>
        <legend className="field-label">Cases</legend>
        <label>
          <input type="radio" name="scope" checked={scope === 'all'} onChange={() => setScope('all')} /> Everything
          {stats ? <span className="muted"> ({stats.cases.toLocaleString()})</span> : null}
        </label>
        <label>
          <input
            type="radio"
            name="scope"
            checked={scope === 'filter'}
            disabled={!filtered}
            onChange={() => setScope('filter')}
          />{' '}
          Current filter
          {filtered && list.total !== null ? <span className="muted"> ({list.total.toLocaleString()})</span> : null}
        </label>
        <label>
          <input
            type="radio"
            name="scope"
            checked={scope === 'selection'}
            disabled={selectedIds.length === 0}
            onChange={() => setScope('selection')}
          />{' '}
          Selected cases <span className="muted">({selectedIds.length})</span>
        </label>
      </fieldset>
      <fieldset className="radio-group" disabled={running}>
        <legend className="field-label">Options</legend>
        <label>
          <input type="checkbox" checked={includeParsed} onChange={(e) => setIncludeParsed(e.target.checked)} /> Include
          parsed values next to corrected ones
        </label>
        {format === 'csv' ? (
          <label>
            <input type="checkbox" checked={allTables} onChange={(e) => setAllTables(e.target.checked)} /> Also write
            the cases and corrections tables as separate files
          </label>
        ) : null}
      </fieldset>
      {job ? <JobProgress job={job} /> : null}
      {finished && lastExport ? <ExportOutcome result={lastExport} /> : null}
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={close}>
          {finished ? 'Close' : 'Cancel'}
        </button>
        <button type="button" className="btn primary" disabled={running} onClick={() => void start()}>
          {finished ? 'Export again' : 'Export'}
        </button>
      </div>
    </Modal>
  );
}
