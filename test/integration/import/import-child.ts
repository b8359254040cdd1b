/**
 * Child process for the crash test: imports folders into a workspace and
 * prints one line per finished file, so the parent can SIGKILL it mid-import.
 * Usage: node --import tsx import-child.ts <db> <path>...
 */
import { importPaths } from '../../../backend/import';
import { openDatabase } from '../../../backend/store/database';

const [dbFile, ...inputs] = process.argv.slice(2);
if (!dbFile || inputs.length === 0) {
  console.error('usage: import-child.ts <db> <path>...');
  process.exit(64);
}
const db = openDatabase(dbFile);
let last = -1;
const summary = await importPaths(db, inputs, {
  progress: {
    update(done) {
      if (done !== last) console.log(`progress ${done}`);
      last = done;
    },
  },
});
console.log(`finished imported=${summary.imported} duplicate=${summary.duplicate}`);
db.close();
