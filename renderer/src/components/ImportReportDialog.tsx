/** After an import: what came in, and every rejected or skipped file with its reason. */
import { useApp } from '../store/appStore';
import { Modal } from './Modal';

export function ImportReportDialog() {
  const report = useApp((s) => s.importReport);
  const setDialog = useApp((s) => s.setDialog);
  const close = () => setDialog(null);
  if (!report) {
    return (
      <Modal title="Import report" onClose={close}>
        <p>No import has run in this workspace yet.</p>
      </Modal>
    );
  }
  const problems = report.outcomes.filter((o) => o.outcome === 'rejected' || o.outcome === 'skipped');
  const duplicates = report.outcomes.filter((o) => o.outcome === 'duplicate');
  return (
    <Modal title="Import report" onClose={close} wide>
      <p className="report-summary">
        {report.cancelled ? 'The import was cancelled. ' : ''}
        <strong>{report.imported}</strong> imported · <strong>{report.duplicate}</strong> already in the workspace ·{' '}
        <strong>{report.rejected}</strong> rejected · <strong>{report.skipped}</strong> skipped, of {report.total}{' '}
        file(s).
      </p>
      {problems.length ? (
        <>
          <h3>Files not imported</h3>
          <table className="report-table">
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col">Outcome</th>
                <th scope="col">Reason</th>
              </tr>
            </thead>
            <tbody>
              {problems.map((o, i) => (
                <tr key={`${o.path}-${i}`}>
                  <td className="mono" title={o.path}>
                    {o.path.split(/[\\/]/).pop()}
                  </td>
                  <td>{o.outcome}</td>
                  <td>{o.reason ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : (
        <p>Every file was read.</p>
      )}
      {duplicates.length ? (
        <details>
          <summary>{duplicates.length} file(s) were already in the workspace</summary>
          <ul className="small">
            {duplicates.map((o, i) => (
              <li key={`${o.path}-${i}`}>{o.path.split(/[\\/]/).pop()}</li>
            ))}
          </ul>
        </details>
      ) : null}
      <div className="dialog-actions">
        <button type="button" className="btn primary" onClick={close}>
          Close
        </button>
      </div>
    </Modal>
  );
}
