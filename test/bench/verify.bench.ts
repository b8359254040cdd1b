/**
 * `imr verify` at scale (issue 12): a workspace of 100,000 letters and 20,000
 * corrections, verified the way a user runs it (the built CLI, a new process,
 * start-up included) and in-process as the app runs it (worker threads, with
 * each phase's time), beside baselines measured in the same run:
 *   - SQLite's own PRAGMA integrity_check alone (what `imr verify --full` runs
 *     instead of quick_check on all but the letters and parses);
 *   - reading every stored letter, text, line map and parse and hashing them,
 *     with nothing else (what the provenance check cannot do without).
 * Also: how fast a 2.5 MB split and a 300,000-element reorder are refused
 * through the browser host (the path a user's client takes), that nothing was
 * written, and the host's memory before and after.
 *
 * The workspace is written through the store's own write path (storeLetter,
 * the importer's, with its import-letter events; applyCorrection for the
 * corrections): the 40 corpus PDFs and 5 text seeds as templates, each copy
 * with distinct bytes (a trailing PDF comment / text line) and case number, so
 * every letter has its real size and every checksum is of real content.
 *
 * Goal: verify of 100,000 cases + 20,000 events under 10 s.
 *
 * Run: npm run bench -- verify   (or: npx tsx test/bench/verify.bench.ts)
 * Env: IMR_BENCH_VERIFY_CASES (default 100000), IMR_BENCH_VERIFY_CORRECTIONS (default 20000),
 *      IMR_BENCH_VERIFY_DB (keep/reuse the workspace at this path).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { applyCorrection, verifyWorkspace } from '../../backend/audit';
import { extractLetterText } from '../../backend/extract';
import { openDatabase } from '../../backend/store/database';
import { storeLetter } from '../../backend/store/letters';
import { sqliteCheck } from '../../backend/store/integrity';
import type { LetterText, ParsedLetter } from '../../shared/domain/letter';
import { parseLetter } from '../../shared/parser';
import { corpusPdfs, corpusSeeds, pdfVariant } from '../integration/import/fixtures';
import { loadAverage, measure, measureProcess, round } from './measure';
import { signInOverHttp, startWebHostProcess } from '../support/web-host';

const caseCount = Number(process.env.IMR_BENCH_VERIFY_CASES ?? 100_000);
const correctionCount = Number(process.env.IMR_BENCH_VERIFY_CORRECTIONS ?? 20_000);
const root = path.resolve(import.meta.dirname, '../..');
const resultsDir = process.env.IMR_BENCH_RESULTS ?? path.join(root, 'bench-results');
const GOAL_SECONDS = 10;

interface Template {
  name: string;
  bytes: Buffer;
  letterText: LetterText;
  linesJson: string;
  parsed: ParsedLetter;
}

async function loadTemplates(): Promise<Template[]> {
  const templates: Template[] = [];
  for (const file of [...corpusPdfs(), ...corpusSeeds()]) {
    const bytes = fs.readFileSync(file);
    const letterText = await extractLetterText(new Uint8Array(bytes), path.basename(file));
    const parsed = parseLetter(letterText);
    if (!parsed.isImrLetter) continue;
    templates.push({
      name: path.basename(file),
      bytes,
      letterText,
      linesJson: JSON.stringify(letterText.lines),
      parsed,
    });
  }
  return templates;
}

function generateWorkspace(dbPath: string, templates: Template[]): void {
  const db = openDatabase(dbPath);
  try {
    const importedAt = new Date().toISOString();
    for (let start = 0; start < caseCount; start += 1000) {
      db.transaction(() => {
        for (let i = start; i < Math.min(caseCount, start + 1000); i++) {
          const template = templates[i % templates.length]!;
          const isPdf = template.name.endsWith('.pdf');
          const bytes = isPdf
            ? pdfVariant(template.bytes, i)
            : Buffer.concat([template.bytes, Buffer.from(`\n\ncopy ${i}\n`)]);
          const caseNumber = `CM${String(13 + (i % 5))}-${String(i).padStart(7, '0')}`;
          storeLetter(db, {
            sha256: createHash('sha256').update(bytes).digest('hex'),
            fileName: `${caseNumber}${isPdf ? '.pdf' : '.txt'}`,
            originalPath: `/bench/${caseNumber}`,
            size: bytes.length,
            kind: template.letterText.kind,
            importedAt,
            importRunId: null,
            original: bytes,
            text: template.letterText.text,
            linesJson: template.linesJson,
            pageCount: template.letterText.pageCount,
            encoding: template.letterText.encoding ?? null,
            parsed: { ...template.parsed, caseNumber },
          });
        }
      })();
    }
    // Corrections spread over the cases: ages, notes, statuses, decisions with reasons.
    const step = Math.max(1, Math.floor(caseCount / Math.max(1, correctionCount / 2)));
    let made = 0;
    for (let caseId = 1; made < correctionCount; caseId = ((caseId + step - 1) % caseCount) + 1) {
      db.transaction(() => {
        const base = { caseId, reviewer: 'Bench Reviewer', reason: 'checked against the letter' };
        applyCorrection(db, { ...base, change: { type: 'set-field', path: 'patientAge', value: 70 + (made % 20) } });
        applyCorrection(db, { ...base, change: { type: 'note', text: `checked ${made}` } });
      })();
      made += 2;
    }
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}

/** Reads and hashes every letter, text, line map and parse: the floor under the provenance check. */
function hashEverything(dbPath: string): number {
  const db = openDatabase(dbPath, { readonly: true });
  let bytes = 0;
  try {
    const sha = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
    for (const row of db
      .prepare('SELECT original, text, lines_json AS lines FROM document_content')
      .iterate() as IterableIterator<{ original: Buffer; text: string; lines: string }>) {
      sha(row.original);
      sha(row.text);
      sha(row.lines);
      bytes += row.original.length + row.text.length + row.lines.length;
    }
    for (const json of db
      .prepare('SELECT parsed_json FROM case_parses')
      .pluck()
      .iterate() as IterableIterator<string>) {
      sha(json);
      bytes += json.length;
    }
  } finally {
    db.close();
  }
  return bytes;
}

/** The browser host's resident memory now and at its peak, from /proc (Linux), in MB; null elsewhere. */
function hostMemory(pid: number): { rssMb: number; peakMb: number } | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMb: Math.round(kb('VmRSS') / 1024), peakMb: Math.round(kb('VmHWM') / 1024) };
  } catch {
    return null;
  }
}

interface Refusal {
  /** Median over RUNS sends, from sending the request to reading the answer. */
  ms: number;
  message: string;
  bodyBytes: number;
}

const RUNS = 5;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * Sends a 2.5 MB split and a 300,000-element reorder to the browser host (the
 * path a user's client takes) and times each refusal, beside a baseline: the
 * same 2.5 MB body sent to a call that takes bodies up to 8 MB
 * (cases.setStatus: the host reads and parses it, then its schema refuses
 * it), i.e. what moving the request costs on this machine now. The host's memory before and after shows whether refusing
 * them cost any.
 */
async function refuseOversized(dbPath: string): Promise<{
  split: Refusal;
  reorder: Refusal;
  baseline: Refusal;
  hostBefore: ReturnType<typeof hostMemory>;
  hostAfter: ReturnType<typeof hostMemory>;
}> {
  // The built host as a user starts it, its user folders in a temp folder (the workspace may be a kept one).
  const hostDir = fs.mkdtempSync(path.join(os.tmpdir(), 'imr-verify-host-'));
  const { child, origin, accessCode } = await startWebHostProcess(['--db', dbPath, '--port', '0'], hostDir);
  try {
    const headers = { ...(await signInOverHttp(origin, accessCode)), Origin: origin };
    const send = async (change: unknown, call = 'corrections.apply'): Promise<Refusal> => {
      const body = JSON.stringify({ caseId: 1, reviewer: 'Bench Reviewer', reason: 'x', change });
      const times: number[] = [];
      let message = '';
      for (let run = 0; run < RUNS; run++) {
        const started = performance.now();
        const response = await fetch(`${origin}/api/call/${call}`, { method: 'POST', headers, body });
        const answer = (await response.json()) as { ok: boolean; error?: { message: string } };
        times.push(performance.now() - started);
        if (answer.ok) throw new Error(`an oversized ${body.length}-byte change was accepted`);
        message = answer.error!.message;
      }
      return { ms: median(times), message, bodyBytes: body.length };
    };
    const treatment = 'Physical therapy twice a week for six weeks, lumbar spine. '.repeat(40).trim();
    const split = {
      type: 'split-item',
      index: 0,
      treatments: Array.from({ length: Math.ceil(2.5e6 / treatment.length) }, () => treatment),
    };
    const reorder = { type: 'reorder-items', order: Array.from({ length: 300_000 }, (_, i) => i) };
    await send({ type: 'delete-item', index: 1e9 }); // warm up the host (the first call loads the service's handlers)
    const hostBefore = hostMemory(child.pid!);
    const baseline = await send(split, 'cases.setStatus');
    const splitRefusal = await send(split);
    const reorderRefusal = await send(reorder);
    return { split: splitRefusal, reorder: reorderRefusal, baseline, hostBefore, hostAfter: hostMemory(child.pid!) };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    fs.rmSync(hostDir, { recursive: true, force: true });
  }
}

const eventCount = (dbPath: string): number => {
  const db = openDatabase(dbPath, { readonly: true });
  try {
    return db.prepare('SELECT event_count FROM audit_chain_head').pluck().get() as number;
  } finally {
    db.close();
  }
};

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imr-verify-bench-'));
  try {
    const kept = process.env.IMR_BENCH_VERIFY_DB;
    const dbPath = kept ? path.resolve(kept) : path.join(dir, 'workspace.sqlite');
    let generatedSeconds: number | null = null;
    if (!(kept && fs.existsSync(dbPath))) {
      const templates = await loadTemplates();
      const generated = await measure(async () => generateWorkspace(dbPath, templates));
      generatedSeconds = round(generated.seconds);
      console.log(`generated ${caseCount} cases and ${correctionCount} corrections in ${generatedSeconds} s`);
    }
    const sizeMb = Math.round(fs.statSync(dbPath).size / 1024 / 1024);
    const loadBefore = loadAverage();
    console.log(`workspace ${sizeMb} MB; ${os.availableParallelism()} cores; load ${loadBefore}`);

    const integrity = await measure(async () => {
      const db = openDatabase(dbPath, { readonly: true });
      try {
        return sqliteCheck(db, 'full');
      } finally {
        db.close();
      }
    });
    console.log(
      `baseline: PRAGMA integrity_check alone ${round(integrity.seconds)} s, ${round(integrity.cpuSeconds)} s CPU ` +
        `(${integrity.value.length} findings)`,
    );
    const hashing = await measure(async () => hashEverything(dbPath));
    console.log(
      `baseline: read + SHA-256 of every letter, text, line map and parse, one thread ${round(hashing.seconds)} s, ` +
        `${round(hashing.cpuSeconds)} s CPU ` +
        `(${Math.round(hashing.value / 1024 / 1024)} MB)`,
    );

    const cli = await measureProcess(
      process.execPath,
      [path.join(root, 'backend/hosts/cli/bin.mjs'), 'verify', '--db', dbPath, '--json'],
      {
        cwd: root,
      },
    );
    if (cli.value !== 0) throw new Error(`imr verify failed (${cli.value}): ${cli.stderr}${cli.stdout.slice(0, 2000)}`);
    const report = JSON.parse(cli.stdout) as { ok: boolean; events: number; cases: number };
    console.log(
      `imr verify (start-up included): ${round(cli.seconds)} s, ${round(cli.cpuSeconds)} s CPU, peak RSS ${cli.peakRssMb} MB — ` +
        `${report.events} events, ${report.cases} letters checked (goal < ${GOAL_SECONDS} s: ${cli.seconds < GOAL_SECONDS ? 'met' : 'NOT met'})`,
    );
    // In-process, as the app's service runs it (worker threads), with each phase's time.
    const phases: Record<string, number> = {};
    // Each phase's own thread's CPU: its wall time also counts waiting for a core (3 threads on 2 cores, and others').
    const phasesCpu: Record<string, number> = {};
    const steady = await measure(async () => {
      const db = openDatabase(dbPath, { readonly: true });
      try {
        return await verifyWorkspace(db, dbPath, {
          onPhase: (name, ms, cpuMs) => {
            phases[name] = Math.round(ms);
            if (cpuMs !== undefined) phasesCpu[name] = Math.round(cpuMs);
          },
        });
      } finally {
        db.close();
      }
    });
    console.log(
      `  in-process (the app's verify): ${round(steady.seconds)} s, ${round(steady.cpuSeconds)} s CPU, ` +
        `peak RSS ${steady.peakRssMb} MB, load ${loadAverage()}; phases (ms): ` +
        Object.entries(phases)
          .map(([name, ms]) => `${name} ${ms}${name in phasesCpu ? ` (CPU ${phasesCpu[name]})` : ''}`)
          .join(', '),
    );

    const eventsBefore = eventCount(dbPath);
    const oversized = await refuseOversized(dbPath);
    const eventsAfter = eventCount(dbPath);
    const { split, reorder, baseline, hostBefore, hostAfter } = oversized;
    const memory =
      hostBefore && hostAfter
        ? `; host RSS ${hostBefore.rssMb} → ${hostAfter.rssMb} MB (peak ${hostBefore.peakMb} → ${hostAfter.peakMb} MB)`
        : '';
    console.log(
      `through the browser host: a ${(split.bodyBytes / 1e6).toFixed(1)} MB split refused in ${Math.round(split.ms)} ms ("${split.message}"), ` +
        `a 300,000-element reorder (${(reorder.bodyBytes / 1e6).toFixed(1)} MB) in ${Math.round(reorder.ms)} ms (${reorder.message.length}-character message); ` +
        `baseline: the same 2.5 MB read and refused by cases.setStatus ${Math.round(baseline.ms)} ms (medians of ${RUNS}); ` +
        `events ${eventsBefore} → ${eventsAfter}${memory}`,
    );

    const results = {
      bench: 'verify',
      date: new Date().toISOString(),
      machine: { cores: os.availableParallelism(), cpu: os.cpus()[0]?.model ?? 'unknown', node: process.version },
      loadAverageAtStart: loadBefore,
      loadAverageAtEnd: loadAverage(),
      workspace: { cases: caseCount, corrections: correctionCount, sizeMb, generatedSeconds },
      verify: {
        seconds: round(cli.seconds),
        cpuSeconds: round(cli.cpuSeconds),
        peakRssMb: cli.peakRssMb,
        events: report.events,
        lettersChecked: report.cases,
        ok: report.ok,
        inProcessSeconds: round(steady.seconds),
        inProcessCpuSeconds: round(steady.cpuSeconds),
        phasesMs: phases,
        phasesCpuMs: phasesCpu,
        goal: `under ${GOAL_SECONDS} s for 100,000 cases + 20,000 events`,
        goalMet: cli.seconds < GOAL_SECONDS,
      },
      baselines: {
        integrityCheckSeconds: round(integrity.seconds),
        integrityCheckCpuSeconds: round(integrity.cpuSeconds),
        readAndHashSeconds: round(hashing.seconds),
        readAndHashCpuSeconds: round(hashing.cpuSeconds),
        readAndHashMb: Math.round(hashing.value / 1024 / 1024),
      },
      oversizedChanges: {
        split: { requestBytes: split.bodyBytes, refusedMs: Math.round(split.ms), message: split.message },
        reorder: {
          requestBytes: reorder.bodyBytes,
          refusedMs: Math.round(reorder.ms),
          messageChars: reorder.message.length,
        },
        baselineReadAndRefusedMs: Math.round(baseline.ms),
        nothingWritten: eventsAfter === eventsBefore,
        hostMemoryBefore: hostBefore,
        hostMemoryAfter: hostAfter,
        goal: 'refused in under 100 ms with a short message, nothing written, host memory flat',
        goalMet: split.ms < 100 && reorder.ms < 100 && eventsAfter === eventsBefore,
      },
    };
    fs.mkdirSync(resultsDir, { recursive: true });
    fs.writeFileSync(path.join(resultsDir, 'verify.json'), `${JSON.stringify(results, null, 2)}\n`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
