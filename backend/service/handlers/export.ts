import fs from 'node:fs';
import path from 'node:path';
import type { ExportOptions, ExportResult, ExportedFile } from '../../../shared/api/contract';
import type { WrittenExport } from '../../export';
import { exportFilePaths, timestampedExportPath } from '../../export/file-names';
import type { HandlerGroup, PrivilegedHandlers, ServiceContext } from '../context';
import { invalid } from '../errors';

/**
 * Runs an export to `outPath` as a job (progress events, cancellable) and
 * returns its id at once; `describe` turns the written files into the job's
 * ExportResult, `onFailure` tidies up after a failed or cancelled export.
 */
function startExportJob(
  ctx: ServiceContext,
  options: ExportOptions & { replace: boolean },
  outPath: string,
  describe: (written: WrittenExport) => ExportedFile[],
  onFailure: () => void = () => undefined,
): { jobId: string } {
  const { jobId } = ctx.jobs.start('export', async (progress): Promise<ExportResult> => {
    // exceljs takes ~200 ms to load: only an export should pay for it, not every start of a host or the CLI.
    const { exportWorkbook, openExportConnection } = await import('../../export');
    const connection = openExportConnection(ctx.db, ctx.dbPath);
    try {
      const written = await exportWorkbook(connection.db, { ...options, outPath, journal: ctx.partials }, progress);
      // Every field of the result but the files, which the host describes (a path, or a download).
      const { path: _main, files: _files, ...counts } = written;
      return { ...counts, files: describe(written) };
    } catch (err) {
      onFailure();
      throw err;
    } finally {
      connection.release();
    }
  });
  return { jobId };
}

/** Files at paths the user chose: the path is theirs to see. */
const atChosenPaths = (written: WrittenExport): ExportedFile[] =>
  written.files.map((file) => ({
    name: path.basename(file),
    path: file,
    downloadId: null,
    bytes: fs.statSync(file).size,
  }));

/**
 * `export.start`: with a grant, to exactly the file(s) the user chose in the
 * save dialog; without, into the private outbox for the browser to download.
 */
export const exportHandlers: HandlerGroup<'export.start'> = {
  'export.start': (args, ctx) => {
    const { grant: grantId, ...options } = args;
    if (grantId) {
      const grant = ctx.grants.take(grantId, 'export');
      if (grant.format !== options.format) {
        throw invalid(
          `The file chosen is for a ${grant.format.toUpperCase()} export; choose it again for this format.`,
        );
      }
      const planned = exportFilePaths(grant.paths[0]!, options);
      const outside = planned.find((p) => !grant.paths.includes(p));
      if (outside) {
        throw invalid(
          `This export would also write ${path.basename(outside)}, which was not chosen; choose the file again.`,
        );
      }
      // The save dialog asked before replacing a file the user picked: theirs to replace.
      return startExportJob(ctx, { ...options, replace: true }, grant.paths[0]!, atChosenPaths);
    }
    const dir = ctx.outbox.reserve();
    return startExportJob(
      ctx,
      // A new folder of the outbox's own: nothing there to replace.
      { ...options, replace: false },
      timestampedExportPath(dir, options.format),
      (written) =>
        written.files.map((file) => {
          const downloadId = ctx.outbox.register(file);
          return { name: path.basename(file), path: null, downloadId, bytes: fs.statSync(file).size };
        }),
      () => ctx.outbox.discard(dir),
    );
  },
};

/** `export.toFile` (CLI): a path the shell user typed. */
export const privilegedExportHandlers: Pick<PrivilegedHandlers, 'export.toFile'> = {
  'export.toFile': (args, ctx) => {
    const { outPath, replace, ...options } = args;
    // Excel refuses an .xlsx that holds CSV (and the reverse opens as garbage), and the CSV sibling names derive from ".csv".
    if (path.extname(outPath).toLowerCase() !== `.${options.format}`) {
      throw invalid(`Choose a file name ending in .${options.format} for this export: ${outPath}`);
    }
    const dir = path.dirname(outPath);
    if (!fs.existsSync(dir)) throw invalid(`Cannot export: the folder ${dir} does not exist`);
    return startExportJob(ctx, { ...options, replace }, outPath, atChosenPaths);
  },
};
