/**
 * "Check workspace integrity": runs the backend's check (`audit.verify.start`, `imr verify` in the app) and shows
 * its report as the backend wrote it — the problems one line each, with the cases they name as links — and the
 * sentences around it in the command line's words (shared/api/verify-text.ts). A check that is OK can be saved
 * as a checkpoint; a checkpoint file kept elsewhere can be compared with (`imr verify --against`).
 */
import { useRef, useState, type ReactNode } from 'react';
import type { AuditCheckpoint, VerifyJobResult } from '../../../shared/api/contract';
import {
  CHECKPOINT_KEEP_TEXT,
  MAX_CHECKPOINT_FILE_BYTES,
  awaitingRebuildParts,
  checkpointFileText,
  extendsCheckpointText,
  notCheckedText,
  notVerifiedText,
  problemParts,
  verifiedText,
} from '../../../shared/api/verify-text';
import { errorMessage } from '../api/bridge';
import { saveBlob } from '../api/saveBlob';
import { useApp } from '../store/appStore';
import { shortcutText } from '../keyboard/keymap';
import { JobProgress } from './JobBar';
import { Modal } from './Modal';
import { CaseNumbers } from './CaseNumbers';

/** Opens case `id` in the review screen, closing the dialog (the report stays for when it is opened again). */
function openCaseFromReport(id: number): void {
  const state = useApp.getState();
  state.setDialog(null);
  if (state.view !== 'cases') state.showView('cases');
  void state.openCase(id);
}

function CaseLink({ id, children }: { id: number; children: ReactNode }) {
  return (
    <button type="button" className="link-btn" onClick={() => openCaseFromReport(id)} title={`Open case #${id}`}>
      {children}
    </button>
  );
}

/** A problem line with each case it names as a link; the text itself is the backend's, unchanged. */
function ProblemLine({ text, caseId }: { text: string; caseId: number | null }) {
  return (
    <li>
      {problemParts(text, caseId).map((part, i) =>
        part.caseId === null ? (
          <CaseNumbers key={i} text={part.text} />
        ) : (
          <CaseLink key={i} id={part.caseId}>
            <CaseNumbers text={part.text} />
          </CaseLink>
        ),
      )}
    </li>
  );
}

/** The chain head, selectable and with a Copy button: the value to write down elsewhere. */
function ChainHead({ head }: { head: string | null }) {
  const notify = useApp((s) => s.notify);
  if (head === null) return <p className="small">The audit trail is empty: there is no chain head yet.</p>;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(head);
      notify('success', 'Chain head copied.');
    } catch (error) {
      notify('error', `The chain head could not be copied: ${errorMessage(error)}. Select it and copy it instead.`);
    }
  };
  return (
    <div className="integrity-head">
      <span className="field-label">Chain head</span>
      <code className="mono" data-testid="integrity-head">
        {head}
      </code>
      <button type="button" className="btn small" onClick={() => void copy()}>
        Copy
      </button>
    </div>
  );
}

function Report({
  result,
  full,
  checkpointName,
}: {
  result: VerifyJobResult;
  full: boolean;
  checkpointName: string | null;
}) {
  const { report } = result;
  const notChecked = notCheckedText(report, full ? null : 'the full check covers them');
  const awaiting = awaitingRebuildParts(report);
  return (
    <div className="integrity-report" data-testid="integrity-result">
      {checkpointName ? <p className="small muted">Compared with the checkpoint {checkpointName}.</p> : null}
      {report.ok ? (
        <p className="integrity-verdict integrity-ok" role="status">
          {verifiedText(report, { withHead: false })}.
        </p>
      ) : (
        <p className="integrity-verdict integrity-bad" role="alert">
          {notVerifiedText(report, { withHead: false })} {report.problems.length} problem(s):
        </p>
      )}
      {!report.ok ? (
        <ul className="integrity-problems" data-testid="integrity-problems" tabIndex={0} aria-label="Problems found">
          {/* Keyed by position: two lines may read the same. */}
          {report.problems.map((line, i) => (
            <ProblemLine key={i} text={line} caseId={report.problemCases[i] ?? null} />
          ))}
        </ul>
      ) : null}
      <ChainHead head={report.chainHead} />
      {report.ok && report.against ? <p className="small">{extendsCheckpointText(report.against)}</p> : null}
      {notChecked ? (
        <p className="small muted" data-testid="integrity-not-checked">
          {notChecked}
        </p>
      ) : null}
      {awaiting ? (
        <p className="small" data-testid="integrity-awaiting">
          {awaiting.lead} (
          {awaiting.listed.map((id, i) => (
            <span key={id}>
              {i > 0 ? ', ' : null}
              <CaseLink id={id}>#{id}</CaseLink>
            </span>
          ))}
          {awaiting.more ? ` ${awaiting.more}` : null}): {awaiting.why}
        </p>
      ) : null}
    </div>
  );
}

/** A name for the saved checkpoint: what it holds and when it was taken, safe on every file system. */
function checkpointName(checkpoint: AuditCheckpoint): string {
  const when = checkpoint.takenAt.slice(0, 19).replace(/[:T]/g, '-');
  return `imr-checkpoint-${when}-${checkpoint.events}-events.json`;
}

/**
 * Saves the checkpoint the check made. Both hosts hand the file to the page's downloads: the browser host
 * saves it to the downloads folder; in the desktop app Electron's download asks where, in its save dialog.
 */
function saveCheckpoint(checkpoint: AuditCheckpoint): void {
  saveBlob(new Blob([checkpointFileText(checkpoint)], { type: 'application/json' }), checkpointName(checkpoint));
  useApp.getState().notify('success', `Checkpoint saved (${checkpoint.events} event(s)). ${CHECKPOINT_KEEP_TEXT}.`);
}

export function IntegrityDialog() {
  const setDialog = useApp((s) => s.setDialog);
  const integrity = useApp((s) => s.integrity);
  const job = useApp((s) => (s.integrity.jobId ? s.jobs[s.integrity.jobId] : undefined));
  const { startIntegrityCheck, integrityRefused } = useApp.getState();
  const [full, setFull] = useState(integrity.full);
  const picker = useRef<HTMLInputElement>(null);
  const { running, result, error } = integrity;

  const compareWith = async (file: File) => {
    // Refused before it is read, as `imr verify --against` refuses it: a checkpoint is a few hundred bytes.
    if (file.size > MAX_CHECKPOINT_FILE_BYTES) {
      integrityRefused(`${file.name}: not an audit checkpoint (too large).`);
      return;
    }
    let text: string;
    try {
      text = await file.text();
    } catch (err) {
      integrityRefused(`${file.name} could not be read: ${errorMessage(err)}`);
      return;
    }
    await startIntegrityCheck({ full, checkpoint: { name: file.name, text } });
  };

  return (
    <Modal title="Workspace integrity" onClose={() => setDialog(null)} wide>
      <p className="small muted">
        Checks that nothing in this workspace was changed outside IMR Workbench: the database file, the audit trail of
        every correction, and each letter and its parse against that trail. The same check as <code>imr verify</code>;
        shortcut {shortcutText('integrity')}.
      </p>
      <label className="integrity-full">
        <input type="checkbox" checked={full} disabled={running} onChange={(e) => setFull(e.target.checked)} /> Full
        check (slower): also SQLite&apos;s check of the whole file, the search index and each letter&apos;s dates in it
      </label>
      {running ? (
        <div className="integrity-running" data-testid="integrity-running">
          {job ? (
            <JobProgress job={job} />
          ) : (
            <p role="status" className="job-text">
              <strong>Checking workspace integrity…</strong>
            </p>
          )}
          <p className="small muted">
            This can take a minute or more on a large workspace. You can close this and go on working: the check goes
            on, and its report is here when it ends.
          </p>
        </div>
      ) : null}
      {error ? (
        <p className="integrity-error" role="alert" data-testid="integrity-error">
          {error}
        </p>
      ) : null}
      {result && !running ? (
        <Report result={result} full={integrity.full} checkpointName={integrity.checkpointName} />
      ) : null}
      <input
        ref={picker}
        type="file"
        accept=".json,application/json"
        hidden
        data-testid="checkpoint-input"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void compareWith(file);
        }}
      />
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={() => setDialog(null)}>
          Close
        </button>
        {result?.checkpoint && !running ? (
          <button
            type="button"
            className="btn"
            onClick={() => saveCheckpoint(result.checkpoint!)}
            title="Save the chain head this check verified, to keep elsewhere and compare with later"
          >
            Save checkpoint…
          </button>
        ) : null}
        <button
          type="button"
          className="btn"
          disabled={running}
          onClick={() => picker.current?.click()}
          title="Check that the audit trail still extends a checkpoint saved earlier"
        >
          Compare with checkpoint…
        </button>
        <button
          type="button"
          className="btn primary"
          disabled={running}
          onClick={() => void startIntegrityCheck({ full })}
        >
          {result || error ? 'Check again' : 'Check now'}
        </button>
      </div>
    </Modal>
  );
}
