/** Turning dropped or picked files into an import call on either host. */
import { getBridge } from '../api/bridge';
import { useApp } from '../store/appStore';

const IMPORTABLE = /\.(pdf|txt)$/i;

function toBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error(`Could not read ${file.name}`));
    reader.readAsDataURL(file);
  });
}

/** Walks a dropped folder (browser only; Electron imports folders by path). */
async function filesFromEntry(entry: FileSystemEntry, out: File[]): Promise<void> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    out.push(file);
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

export async function importFiles(files: File[], entries: FileSystemEntry[] = []): Promise<void> {
  const { startImport, notify } = useApp.getState();
  const bridge = getBridge();
  const paths = files.map((f) => bridge.pathForFile(f)).filter((p): p is string => !!p);
  if (bridge.host === 'electron' && paths.length > 0) {
    await startImport({ kind: 'paths', paths });
    return;
  }
  let all = files;
  if (entries.some((e) => e.isDirectory)) {
    all = [];
    for (const entry of entries) await filesFromEntry(entry, all);
  }
  if (all.length === 0) {
    notify('error', 'Nothing to import: drop PDF or text letters, or a folder of them.');
    return;
  }
  // In a browser every file is sent; the backend reports unsupported ones in the import report.
  const skippedHere = all.length - all.filter((f) => IMPORTABLE.test(f.name)).length;
  try {
    const payload = await Promise.all(
      all.slice(0, 2000).map(async (f) => ({ name: f.name, base64: await toBase64(f) })),
    );
    if (all.length > 2000) notify('info', `Importing the first 2000 of ${all.length} files; drop the rest afterwards.`);
    await startImport({ kind: 'files', files: payload });
    if (skippedHere > 0) notify('info', `${skippedHere} file(s) are not PDF or text; see the import report.`);
  } catch (error) {
    notify('error', error instanceof Error ? error.message : String(error));
  }
}
