/**
 * `npm run bench`: runs every test/bench/*.bench.ts in its own process (so
 * peak-memory numbers do not mix), one after another (the machine has two
 * cores and the benches use both), then prints where the numbers were saved.
 * `npm run bench -- import` runs only the benches whose name contains "import".
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const benchDir = import.meta.dirname;
const resultsDir = path.resolve(benchDir, '../../bench-results');
const only = process.argv.slice(2);
const benches = fs
  .readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

if (benches.length === 0) {
  console.error(`No benchmarks match ${only.join(', ')}`);
  process.exit(1);
}

let failed = 0;
for (const bench of benches) {
  console.log(`\n=== ${bench} ===`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', path.join(benchDir, bench)], {
    stdio: 'inherit',
    env: { ...process.env, IMR_BENCH_RESULTS: resultsDir },
  });
  if (result.status !== 0) {
    failed++;
    console.error(`${bench} failed (exit ${result.status})`);
  }
}
console.log(`\nResults saved in ${path.relative(process.cwd(), resultsDir)}/`);
process.exit(failed > 0 ? 1 : 0);
