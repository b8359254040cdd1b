/** The names an export writes (the sibling rule is shared with the desktop shell: shared/api/export-files.ts). */
import path from 'node:path';

export { csvSiblingPaths, exportFilePaths } from '../../shared/api/export-files';

/** "imr-export-2026-11-23_15-40-05.xlsx" in `dir`: sortable, no characters any file system refuses. */
export function timestampedExportPath(dir: string, format: 'xlsx' | 'csv', now = new Date()): string {
  const stamp = now.toISOString().slice(0, 19).replace('T', '_').replaceAll(':', '-');
  return path.join(dir, `imr-export-${stamp}.${format}`);
}
