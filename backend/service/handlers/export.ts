import fs from 'node:fs';
import path from 'node:path';
import type { HandlerGroup } from '../context';
import { invalid } from '../errors';

/**
 * `export.start`: runs the export as a job (progress events, cancellable) and
 * returns its id at once; the job's result is an ExportResult.
 */
export const exportHandlers: HandlerGroup<'export.start'> = {
  'export.start': async (args, ctx) => {
    // exceljs takes ~200 ms to load: only an export should pay for it, not every start of a host or the CLI.
    const { exportWorkbook, openExportConnection, timestampedExportPath } = await import('../../export');
    let outPath: string;
    if (args.outPath) {
      if (!path.isAbsolute(args.outPath)) throw invalid(`Export path must be absolute: ${args.outPath}`);
      // Excel refuses an .xlsx that holds CSV (and the reverse opens as garbage), and the CSV sibling names derive from ".csv".
      if (path.extname(args.outPath).toLowerCase() !== `.${args.format}`) {
        throw invalid(`Choose a file name ending in .${args.format} for this export: ${args.outPath}`);
      }
      outPath = args.outPath;
      const dir = path.dirname(outPath);
      if (!fs.existsSync(dir)) throw invalid(`Cannot export: the folder ${dir} does not exist`);
    } else {
      fs.mkdirSync(ctx.exportsDir, { recursive: true });
      outPath = timestampedExportPath(ctx.exportsDir, args.format);
    }

    const { jobId } = ctx.jobs.start('export', async (progress) => {
      const connection = openExportConnection(ctx.db, ctx.dbPath);
      try {
        return await exportWorkbook(connection.db, { ...args, outPath }, progress);
      } finally {
        connection.release();
      }
    });
    return { jobId };
  },
};
