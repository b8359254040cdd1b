/**
 * After an import: what came in, every rejected letter with its reason, and —
 * quietly, folded away — the files that were not letters (a README, a
 * spreadsheet beside the PDFs), which need nothing from the reviewer.
 */
import { alreadyInText, importCounts, leftOutText, ofLettersText } from '../../../shared/domain/report-text';
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
  const problems = report.outcomes.filter((o) => o.outcome === 'rejected');
  const skipped = report.outcomes.filter((o) => o.outcome === 'skipped');
  const duplicates = report.outcomes.filter((o) => o.outcome === 'duplicate');
  return (
    <Modal title="Import report" onClose={close} wide>
      <p className="report-summary">
        {report.cancelled ? 'The import was cancelled. ' : ''}
        <strong>{importCounts(report).join(' · ')}</strong>, {ofLettersText(report)}.
      </p>
      {problems.length ? (
        <>
          <h3>Letters not imported</h3>
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
        <p>Every letter was read.</p>
      )}
      {skipped.length ? (
        <details>
          <summary>{leftOutText(skipped.length)}</summary>
          <ul className="small">
            {skipped.map((o, i) => (
              <li key={`${o.path}-${i}`}>
                <span title={o.path}>{o.path.split(/[\\/]/).pop()}</span>{' '}
                <span className="muted">— {o.reason ?? 'not a letter'}</span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {duplicates.length ? (
        <details>
          <summary>{alreadyInText(duplicates.length)}</summary>
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
