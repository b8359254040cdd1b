/**
 * Child process for the file-modes test: starts an export through the service
 * (as the CLI does), prints "partial" once the hidden temporary file exists,
 * then stops dead so the parent can SIGKILL it mid-export.
 * Usage: node --import tsx export-child.ts <db> <letters folder> <out.xlsx>
 */
import fs from 'node:fs';
import path from 'node:path';
import { createService } from '../../../backend/service/service';

const [dbFile, letters, outPath] = process.argv.slice(2) as [string, string, string];
const service = createService({ dbPath: dbFile, host: 'cli', samplesDir: null, settingsPath: null });
const imported = await service.privileged.send('import.paths', { paths: [letters] });
if (!imported.ok) throw new Error(imported.error.message);
await service.waitForJob(imported.value.jobId);
const started = await service.privileged.send('export.toFile', { format: 'xlsx', outPath });
if (!started.ok) throw new Error(started.error.message);
const dir = path.dirname(outPath);
const poll = setInterval(() => {
  if (!fs.readdirSync(dir).some((f) => f.endsWith('.partial'))) return;
  clearInterval(poll);
  console.log('partial');
  // Block the event loop for good: the export never finishes and nothing gets to clean up.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
}, 1);
