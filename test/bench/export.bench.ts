/**
 * Export at scale: 100,000 cases / about 230,000 items (with reviewer
 * corrections on some of them) exported to XLSX through the streaming writer,
 * and the Items table to CSV. Prints time and peak memory and writes
 * bench-results/export.json.
 *
 * The workspace is generated directly through the store's write functions in
 * one transaction: the corpus letters are parsed once and cloned with varied
 * case numbers and dates, so the cells hold realistic text.
 *
 * Run: npm run bench -- export   (or: npx tsx test/bench/export.bench.ts)
 * Options (env): IMR_BENCH_EXPORT_CASES (default 100000), IMR_BENCH_EXPORT_ITEMS_PER_CASE (default 2.3),
 * IMR_BENCH_EXPORT_CORRECTED (cases with corrections, default 1000), IMR_BENCH_EXPORT_DB (keep the generated
 * workspace at this path and reuse it on later runs instead of generating it again).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { applyCorrection } from '../../backend/audit';
import { exportWorkbook, openExportConnection } from '../../backend/export';
import { parseFile } from '../../backend/extract';
import { insertCase } from '../../backend/store/cases';
import { openDatabase } from '../../backend/store/database';
import { insertDocument } from '../../backend/store/documents';
import type { ParsedLetter } from '../../shared/domain/letter';
import { isoDay, measure } from './measure';

const caseCount = Number(process.env.IMR_BENCH_EXPORT_CASES ?? 100_000);
const itemsPerCase = Number(process.env.IMR_BENCH_EXPORT_ITEMS_PER_CASE ?? 2.3);
const correctedCases = Number(process.env.IMR_BENCH_EXPORT_CORRECTED ?? 1_000);
const resultsDir = process.env.IMR_BENCH_RESULTS ?? path.resolve(import.meta.dirname, '../../bench-results');
const corpus = path.resolve(import.meta.dirname, '../fixtures/corpus');

async function parsedTemplates(): Promise<ParsedLetter[]> {
  const files = [
    ...fs.readdirSync(path.join(corpus, 'letters')).map((f) => path.join(corpus, 'letters', f)),
    ...fs.readdirSync(path.join(corpus, 'seeds')).map((f) => path.join(corpus, 'seeds', f)),
  ].sort();
  const templates: ParsedLetter[] = [];
  for (const file of files) {
    const { file: _file, ...parsed } = await parseFile(file);
    templates.push(parsed);
  }
  return templates;
}

/**
 * Picks templates round-robin, skipping the ones with many items while the
 * running average is above the target, so the total lands near cases × target.
 */
function chooseTemplates(templates: ParsedLetter[]): ParsedLetter[] {
  const few = templates.filter((t) => t.items.length <= 2);
  const chosen: ParsedLetter[] = [];
  let items = 0;
  let any = 0;
  let small = 0;
  for (let i = 0; i < caseCount; i++) {
    const aboveTarget = items > itemsPerCase * i;
    const template = aboveTarget ? few[small++ % few.length]! : templates[any++ % templates.length]!;
    chosen.push(template);
    items += template.items.length;
  }
  return chosen;
}

function generateWorkspace(dbPath: string, templates: ParsedLetter[]): { cases: number; items: number } {
  const db = openDatabase(dbPath);
  const importedAt = new Date().toISOString();
  let items = 0;
  try {
    db.transaction(() => {
      chooseTemplates(templates).forEach((template, i) => {
        const caseNumber = `CM${String(13 + (i % 5))}-${String(i).padStart(7, '0')}`;
        const parsed: ParsedLetter = {
          ...template,
          caseNumber,
          decisionDate: isoDay(template.decisionDate ?? '2016-06-01', i % 700),
          dateAssigned: isoDay(template.dateAssigned, i % 700),
          patientAge: template.patientAge === null ? null : 20 + (i % 50),
        };
        // A short stand-in for the letter text: the export never reads it, the search index does.
        const text = `${caseNumber}\nIndependent Medical Review Final Determination\n${template.items.map((x) => x.treatment).join('\n')}`;
        const documentId = insertDocument(db, {
          sha256: createHash('sha256').update(`${i}:${text}`).digest('hex'),
          fileName: `${caseNumber}.pdf`,
          originalPath: `/bench/${caseNumber}.pdf`,
          size: text.length,
          kind: 'pdf',
          importedAt,
          importRunId: null,
          letterText: { text, lines: [], pageCount: 1, kind: 'pdf' },
          original: Buffer.from(text),
        });
        insertCase(db, { documentId, importedAt, parsed });
        items += parsed.items.length;
      });
    })();

    // Corrections on every (cases/corrected)-th case: an effective value, a decision, with reasons.
    const step = Math.max(1, Math.floor(caseCount / Math.max(1, correctedCases)));
    const firstDecision = db.prepare('SELECT decision FROM items WHERE case_id = ? AND idx = 0').pluck();
    for (let caseId = 1, n = 0; caseId <= caseCount && n < correctedCases; caseId += step, n++) {
      applyCorrection(db, {
        caseId,
        reviewer: 'Bench Reviewer',
        reason: 'checked against the letter',
        change: { type: 'set-field', path: 'patientAge', value: 70 + (n % 20) }, // generated ages are 20-69
      });
      applyCorrection(db, {
        caseId,
        reviewer: 'Bench Reviewer',
        reason: 'the rationale concludes the opposite',
        change: {
          type: 'set-field',
          path: 'items[0].decision',
          value: firstDecision.get(caseId) === 'Overturned' ? 'Upheld' : 'Overturned',
        },
      });
    }
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  return { cases: caseCount, items };
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imr-export-bench-'));
  try {
    const keptDb = process.env.IMR_BENCH_EXPORT_DB;
    const dbPath = keptDb ? path.resolve(keptDb) : path.join(dir, 'workspace.sqlite');
    let generated: { value: { cases: number; items: number }; seconds: number | null };
    if (keptDb && fs.existsSync(dbPath)) {
      const db = openDatabase(dbPath, { readonly: true });
      const count = (sql: string) => db.prepare(sql).pluck().get() as number;
      generated = {
        value: { cases: count('SELECT COUNT(*) FROM cases'), items: count('SELECT COUNT(*) FROM items') },
        seconds: null, // reused: not generated in this run
      };
      db.close();
      console.log(`Reusing ${dbPath}`);
    } else {
      console.log(`Parsing ${path.relative(process.cwd(), corpus)} letters as templates…`);
      const templates = await parsedTemplates();
      console.log(`Generating ${caseCount.toLocaleString('en-US')} cases…`);
      generated = await measure(async () => generateWorkspace(dbPath, templates));
    }
    console.log(
      `  ${generated.value.cases.toLocaleString('en-US')} cases, ${generated.value.items.toLocaleString('en-US')} items${generated.seconds === null ? '' : ` in ${round(generated.seconds)} s`} (database ${round(fs.statSync(dbPath).size / 1e6)} MB)`,
    );

    const runs: Record<string, ChildReport> = {};
    for (const format of ['xlsx', 'csv'] as const) {
      const outPath = path.join(dir, `export.${format}`);
      const report = runExportInChild(dbPath, format, outPath);
      runs[format] = report;
      console.log(
        `${format.toUpperCase()}: ${report.cases.toLocaleString('en-US')} cases, ${report.items.toLocaleString('en-US')} items, ` +
          `${report.corrections === null ? 'no corrections table' : `${report.corrections.toLocaleString('en-US')} audit events`} in ${report.seconds} s ` +
          `(${report.itemsPerSecond.toLocaleString('en-US')} items/s), peak RSS ${report.peakRssMb} MB ` +
          `(${report.startRssMb} MB at start), file ${report.fileMb} MB`,
      );
      fs.rmSync(outPath, { force: true });
    }

    fs.mkdirSync(resultsDir, { recursive: true });
    const report = {
      bench: 'export',
      at: new Date().toISOString(),
      machine: { cpus: os.cpus().length, node: process.version, platform: `${os.platform()} ${os.arch()}` },
      workspace: {
        ...generated.value,
        generationSeconds: generated.seconds === null ? null : round(generated.seconds),
        correctedCases,
      },
      ...runs,
    };
    fs.writeFileSync(path.join(resultsDir, 'export.json'), `${JSON.stringify(report, null, 2)}\n`);
    console.log(`Saved ${path.relative(process.cwd(), path.join(resultsDir, 'export.json'))}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

interface ChildReport {
  format: 'xlsx' | 'csv';
  seconds: number;
  casesPerSecond: number;
  itemsPerSecond: number;
  /** Highest resident set size of the export process (process.resourceUsage().maxRSS). */
  peakRssMb: number;
  /** RSS of the fresh process before the export began (Node, tsx, modules loaded). */
  startRssMb: number;
  fileMb: number;
  cases: number;
  items: number;
  /** null: the CSV export writes the items table alone. */
  corrections: number | null;
  includeParsedValues: boolean;
}

/**
 * Each export runs in a fresh process so its peak memory is its own, not the
 * generator's (parsing PDFs and inserting 100,000 cases leave a large heap).
 */
function runExportInChild(dbPath: string, format: 'xlsx' | 'csv', outPath: string): ChildReport {
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--expose-gc', import.meta.filename, '--child', dbPath, format, outPath],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  if (child.status !== 0) throw new Error(`export child failed (exit ${child.status})`);
  const line = child.stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(line) as ChildReport;
}

async function child(dbPath: string, format: 'xlsx' | 'csv', outPath: string): Promise<void> {
  const startRssMb = Math.round(process.memoryUsage().rss / 1024 / 1024);
  const shared = openDatabase(dbPath, { readonly: true });
  const connection = openExportConnection(shared, dbPath);
  const includeParsedValues = format === 'xlsx';
  try {
    const started = process.hrtime.bigint();
    const result = await exportWorkbook(connection.db, { format, outPath, includeParsedValues });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const report: ChildReport = {
      format,
      seconds: round(seconds, 2),
      casesPerSecond: Math.round(result.cases / seconds),
      itemsPerSecond: Math.round(result.items / seconds),
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      startRssMb,
      fileMb: round(fs.statSync(outPath).size / 1e6),
      cases: result.cases,
      items: result.items,
      corrections: result.corrections,
      includeParsedValues,
    };
    process.stdout.write(`${JSON.stringify(report)}\n`);
  } finally {
    connection.release();
    shared.close();
  }
}

if (process.argv[2] === '--child') {
  const [dbPath, format, outPath] = process.argv.slice(3) as [string, 'xlsx' | 'csv', string];
  await child(dbPath, format, outPath);
} else {
  await main();
}
