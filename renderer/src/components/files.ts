/**
 * Letters in and spreadsheets out, on either host, without naming a path:
 * picked or dropped files are uploaded (the same on both hosts), files chosen
 * in Electron's native dialogs arrive as grants, and browser exports come
 * back as downloads.
 */
import type { ExportResult } from '../../../shared/api/contract';
import { LIMITS } from '../../../shared/api/limits';
import { uploadBatches } from '../../../shared/api/upload-frames';
import { isLetterFileName } from '../../../shared/domain/letter-files';
import type { BackendEvent } from '../../../shared/domain/case';
import { call, errorMessage, getBridge } from '../api/bridge';
import { useApp } from '../store/appStore';

/** A file the user picked or dropped, with its name relative to the folder it came from. */
interface Picked {
  file: File;
  name: string;
}

/** Batches in flight at once: enough to keep the host busy, few enough to keep memory flat. */
const PARALLEL_UPLOADS = 3;

/** Walks a dropped folder (`webkitGetAsEntry`); names keep the folder path, as a folder picker gives them. */
async function filesFromEntry(entry: FileSystemEntry, out: Picked[]): Promise<void> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    out.push({ file, name: entry.fullPath.replace(/^\/+/, '') || file.name });
    return;
  }
  if (entry.isDirectory) {
    const reader = (entry as FileSystemDirectoryEntry).createReader();
    for (;;) {
      const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
      if (batch.length === 0) break;
      for (const child of batch) await filesFromEntry(child, out);
    }
  }
}

/** Imports files picked (file or folder input) or dropped (files and folders). */
export async function importFiles(files: File[], entries: FileSystemEntry[] = []): Promise<void> {
  const { notify } = useApp.getState();
  let picked: Picked[];
  try {
    if (entries.some((e) => e.isDirectory)) {
      picked = [];
      for (const entry of entries) await filesFromEntry(entry, picked);
    } else {
      picked = files.map((file) => ({ file, name: file.webkitRelativePath || file.name }));
    }
  } catch (error) {
    notify('error', `The dropped files could not be read: ${errorMessage(error)}`);
    return;
  }
  if (picked.length === 0) {
    notify('error', 'Nothing to import: choose or drop PDF or text letters, or a folder of them.');
    return;
  }
  await uploadAndImport(picked);
}

/**
 * Opens an upload (its import job shows the files arriving), sends the
 * letters in batches (shared/api/upload-frames.ts), then asks for the import. Files that are not
 * letters or are too large are not sent, only listed, so the import report
 * still names them.
 */
async function uploadAndImport(all: Picked[]): Promise<void> {
  const { notify } = useApp.getState();
  const bridge = getBridge();
  const picked = all.slice(0, LIMITS.uploadFiles);
  if (all.length > picked.length) {
    notify('info', `Importing the first ${picked.length.toLocaleString()} of ${all.length.toLocaleString()} files.`);
  }
  const letters = picked.filter((p) => isLetterFileName(p.name) && p.file.size <= LIMITS.letterFileBytes);
  const unsent: { name: string; bytes: number; reason?: string }[] = picked
    .filter((p) => !letters.includes(p))
    .map((p) => ({ name: p.name, bytes: p.file.size }));

  let uploadId: string;
  try {
    ({ uploadId } = await call('import.upload.open', { files: letters.length }));
  } catch (error) {
    notify('error', `Import could not start: ${errorMessage(error)}`);
    return;
  }
  const queue = uploadBatches(letters.map((p) => ({ ...p, size: p.file.size })));
  let stopped: string | null = null;
  const sendNext = async (): Promise<void> => {
    for (let batch = queue.shift(); batch && !stopped; batch = queue.shift()) {
      const sent = await bridge.upload(uploadId, batch).catch((error: unknown) => ({
        ok: false as const,
        error: { code: 'internal' as const, message: errorMessage(error) },
      }));
      if (sent.ok) {
        // Each file refused on its own (a size limit) is named in the import report.
        for (const failed of sent.value.failed) {
          const file = batch.find((p) => p.name === failed.name);
          unsent.push({ name: failed.name, bytes: file?.size ?? 0, reason: failed.message });
        }
        continue;
      }
      // Cancelled from the progress bar, or the host forgot the upload: stop sending.
      if (sent.error.code === 'cancelled' || sent.error.code === 'conflict') stopped = sent.error.message;
      else {
        const reason = `could not be sent: ${sent.error.message}`;
        for (const p of batch) unsent.push({ name: p.name, bytes: p.size, reason });
      }
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_UPLOADS }, sendNext));
  if (stopped) return;
  try {
    await call('import.upload.finish', { uploadId, unsent });
  } catch (error) {
    notify('error', `Import could not finish: ${errorMessage(error)}`);
  }
}

/** The toolbar's Import buttons: Electron's native dialog (a grant), or the browser's file and folder pickers. */
export async function chooseAndImport(kind: 'files' | 'folder'): Promise<void> {
  const bridge = getBridge();
  if (!bridge.chooseImport) {
    document.getElementById(kind === 'folder' ? 'import-folder-input' : 'import-file-input')?.click();
    return;
  }
  try {
    const chosen = await bridge.chooseImport(kind);
    if (chosen) await useApp.getState().startImport({ kind: 'grant', grant: chosen.grant });
  } catch (error) {
    useApp.getState().notify('error', errorMessage(error));
  }
}

type ExportRequest = Omit<Parameters<ReturnType<typeof useApp.getState>['startExport']>[0], 'grant'>;

/** Export jobs this tab started whose files it must download when they finish (browser host). */
const awaitingDownload = new Set<string>();
let watchingDownloads = false;

function downloadWhenDone(event: BackendEvent): void {
  const bridge = getBridge();
  if (event.type !== 'job' || event.phase === 'running' || !awaitingDownload.has(event.jobId)) return;
  awaitingDownload.delete(event.jobId);
  if (event.phase !== 'done' || !bridge.download) return;
  void (async () => {
    for (const file of (event.result as ExportResult).files) {
      try {
        await bridge.download!(file);
      } catch (error) {
        useApp.getState().notify('error', errorMessage(error));
      }
    }
  })();
}

/**
 * Starts an export. Electron: the main process's save dialog first (the
 * export goes exactly where the user chose); browser: the files are
 * downloaded when the job finishes. Resolves with the job id, or null when
 * the user cancelled the dialog or the export could not start.
 */
export async function exportCases(options: ExportRequest): Promise<string | null> {
  const bridge = getBridge();
  const { startExport, notify } = useApp.getState();
  let grant: string | undefined;
  if (bridge.chooseExportFile) {
    try {
      const chosen = await bridge.chooseExportFile({ format: options.format, allTables: options.allTables ?? false });
      if (!chosen) return null;
      grant = chosen.grant;
    } catch (error) {
      notify('error', errorMessage(error));
      return null;
    }
  }
  if (bridge.download && !watchingDownloads) {
    watchingDownloads = true;
    bridge.onEvent(downloadWhenDone);
  }
  const jobId = await startExport(grant ? { ...options, grant } : options);
  if (jobId && bridge.download) {
    awaitingDownload.add(jobId);
    // A small export can finish before its id arrives; the store has seen the end of it then.
    const seen = useApp.getState().jobs[jobId];
    if (seen && seen.phase !== 'running') downloadWhenDone(seen);
  }
  return jobId;
}
