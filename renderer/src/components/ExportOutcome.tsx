/**
 * What a finished export wrote, as the export dialog shows it: the counts and files, then the notes — characters
 * replaced or neutralised, parts asked for and left out (ExportResult.leftOut, a notice: the file is complete otherwise) — and,
 * apart and as an alert, what a damaged workspace kept out (ExportResult.unreadable).
 */
import type { ExportResult } from '../../../shared/domain/case';
import { directionControlsText, replacedCellsText } from '../../../shared/domain/export-characters';
import { exportedText } from '../../../shared/domain/report-text';

export function ExportOutcome({ result }: { result: ExportResult }) {
  return (
    <div className="export-result" role="status">
      <p>
        Exported {exportedText(result)}
        {result.files.some((f) => f.downloadId) ? " to your browser's downloads:" : ' to:'}
      </p>
      <ul>
        {result.files.map((f) => (
          <li key={f.path ?? f.name} className="mono export-path">
            {f.path ?? f.name}
          </li>
        ))}
      </ul>
      {result.cleanedCells > 0 ? <p className="small">{replacedCellsText(result)} The letters are unchanged.</p> : null}
      {result.directionControls.cells > 0 ? (
        <p className="small" data-testid="export-direction-controls">
          {directionControlsText(result)} The letters are unchanged.
        </p>
      ) : null}
      {result.leftOut.map((line) => (
        <p key={line} className="small export-left-out" data-testid="export-left-out">
          {line}
        </p>
      ))}
      {result.unreadable.length > 0 ? (
        <div className="export-partial" role="alert">
          <p>
            <strong>Partial export:</strong> the workspace file is damaged. The file holds what could be read; this was
            left out:
          </p>
          <ul className="small">
            {result.unreadable.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
