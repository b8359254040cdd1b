/**
 * Start-up as a user meets it: the built `imr` (the package bin, as `npm run
 * imr` and a shell run it) and the built browser host, each a new process,
 * beside a bare `node -e 0` measured in the same run. The steps tell where
 * the time goes: `--version` is loading the CLI itself, parsing a text letter
 * adds the parser, a PDF adds the PDF engine, `stats` adds opening a workspace.
 * Commands are interleaved round by round (order rotated) so load from other
 * processes hits them alike; medians are reported. Writes bench-results/startup.json.
 *
 * Target (issue 11): `imr parse` of one PDF ≤ 10 × `node -e 0`.
 *
 * Run: npm run bench -- startup   Options (env): IMR_BENCH_STARTUP_ROUNDS (default 11).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { loadAverage, measureProcess, median, round } from './measure';

const ROOT = path.resolve(import.meta.dirname, '../..');
const IMR = path.join(ROOT, 'backend/hosts/cli/bin.mjs');
const WEB = path.join(ROOT, 'dist/node/web.mjs');
const rounds = Number(process.env.IMR_BENCH_STARTUP_ROUNDS ?? 11);
const resultsDir = process.env.IMR_BENCH_RESULTS ?? path.join(ROOT, 'bench-results');
const letters = path.join(ROOT, 'test/fixtures/corpus/letters');
const seeds = path.join(ROOT, 'test/fixtures/corpus/seeds');
const pdf = path.join(
  letters,
  fs.readdirSync(letters).find((f) => f.endsWith('.pdf'))!,
);
const txt = path.join(
  seeds,
  fs.readdirSync(seeds).find((f) => f.endsWith('.txt'))!,
);

interface Sample {
  seconds: number;
  cpuSeconds: number;
  peakRssMb: number;
}

/** Wall time until the browser host prints its address (it is serving then); the host is stopped after. */
function webHostReady(dbPath: string, env: NodeJS.ProcessEnv): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [WEB, '--db', dbPath, '--port', '0'], {
      env,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    readline.createInterface({ input: child.stdout }).once('line', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      child.kill('SIGTERM');
      child.once('exit', () => resolve({ seconds, cpuSeconds: Number.NaN, peakRssMb: Number.NaN }));
    });
    child.once('error', reject);
  });
}

async function main(): Promise<void> {
  if (!fs.existsSync(WEB)) throw new Error('The app is not built: npm run build');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'imr-bench-startup-'));
  // The user's folders (settings) inside the temp folder, as for a new user.
  const env = { ...process.env, HOME: path.join(tmp, 'home'), XDG_DATA_HOME: path.join(tmp, 'data') };
  try {
    const ws = path.join(tmp, 'ws.imr.sqlite');
    const prepared = await measureProcess(process.execPath, [IMR, 'import', '--db', ws, seeds, pdf], { env });
    if (prepared.value !== 0) throw new Error(`preparing the workspace failed: ${prepared.stderr}`);

    const node = (args: string[]) => () => measureProcess(process.execPath, args, { env });
    const commands: [string, () => Promise<Sample>][] = [
      ['node -e 0', node(['-e', '0'])],
      ['imr --version', node([IMR, '--version'])],
      ['imr parse <text letter>', node([IMR, 'parse', txt])],
      ['imr parse <PDF>', node([IMR, 'parse', pdf])],
      ['imr stats --db <workspace>', node([IMR, 'stats', '--db', ws])],
      ['browser host: address printed', () => webHostReady(ws, env)],
    ];
    const load = { atStart: loadAverage(), atEnd: 0 };
    console.log(`${rounds} rounds; ${os.availableParallelism()} cores; load ${load.atStart}`);
    const samples = new Map<string, Sample[]>(commands.map(([name]) => [name, []]));
    for (let r = 0; r < rounds; r++) {
      for (let i = 0; i < commands.length; i++) {
        const [name, run] = commands[(i + r) % commands.length]!;
        const sample = await run();
        if ('value' in sample && sample.value !== 0) throw new Error(`${name} failed`);
        samples.get(name)!.push(sample);
      }
    }
    load.atEnd = loadAverage();

    const baseline = median(samples.get('node -e 0')!.map((s) => s.seconds));
    const rows = commands.map(([name]) => {
      const s = samples.get(name)!;
      const seconds = median(s.map((x) => x.seconds));
      const cpu = median(s.map((x) => x.cpuSeconds));
      return {
        command: name,
        medianMs: round(seconds * 1000),
        medianCpuMs: Number.isNaN(cpu) ? null : round(cpu * 1000),
        peakRssMb: Number.isNaN(s[0]!.peakRssMb) ? null : Math.max(...s.map((x) => x.peakRssMb)),
        timesNodeE0: round(seconds / baseline),
      };
    });
    for (const row of rows) {
      console.log(
        `${row.command.padEnd(32)} ${String(row.medianMs).padStart(8)} ms  ${row.medianCpuMs === null ? '' : `CPU ${row.medianCpuMs} ms  `}${row.timesNodeE0} × node -e 0`,
      );
    }
    const parsePdf = rows.find((r) => r.command === 'imr parse <PDF>')!;
    const targetMet = parsePdf.timesNodeE0 <= 10;
    console.log(
      `target: imr parse <PDF> ≤ 10 × node -e 0: ${targetMet ? 'met' : 'NOT met'} (${parsePdf.timesNodeE0} ×); load ${load.atEnd} at the end`,
    );
    fs.mkdirSync(resultsDir, { recursive: true });
    fs.writeFileSync(
      path.join(resultsDir, 'startup.json'),
      `${JSON.stringify(
        {
          bench: 'startup',
          date: new Date().toISOString(),
          path: 'built app: backend/hosts/cli/bin.mjs → dist/node/cli.mjs; dist/node/web.mjs',
          machine: {
            cores: os.availableParallelism(),
            cpu: os.cpus()[0]?.model ?? 'unknown',
            node: process.version,
            loadAverage: load,
          },
          rounds,
          files: { pdf: path.basename(pdf), text: path.basename(txt) },
          results: rows,
          target: 'imr parse <PDF> ≤ 10 × node -e 0 (median wall time)',
          targetMet,
        },
        null,
        2,
      )}\n`,
    );
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
