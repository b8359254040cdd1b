import fs from 'node:fs';
import path from 'node:path';
import type { ParseArgsConfig } from 'node:util';
import type { ApiInput, ApiResult, AuditCheckpoint, JobStarted } from '../../../shared/api/contract';
import type { CaseDetail, CaseRow, JobEvent, JobKind, JobResults } from '../../../shared/domain/case';
import { CASE_FLAG_LABELS, REVIEW_STATUSES } from '../../../shared/domain/case';
import { STATS_DIMENSIONS, STATS_GROUP_LIMIT } from '../../../shared/domain/analytics';
import { exportedText, importNotice, leftOutText } from '../../../shared/domain/report-text';
import { directionControlsText, replacedCellsText } from '../../../shared/domain/export-characters';
import type { FieldDef } from '../../../shared/domain/fields';
import type { Service } from '../../service/service';
import { CliError, EXIT, printError, printJson, printLine, printTable, refusedOpen, unwrap } from './output';
import { ProgressLine } from './progress';
import { checkOutFiles, writeFileAtomically } from './out-file';
import { exportFilePaths } from '../../../shared/api/export-files';
import { errorText } from '../../../shared/api/error-text';
import {
  CHECKPOINT_KEEP_TEXT,
  MAX_CHECKPOINT_FILE_BYTES,
  checkpointFileText,
  awaitingRebuildText,
  extendsCheckpointText,
  notCheckedText,
  notVerifiedText,
  verifiedText,
} from '../../../shared/api/verify-text';

type Values = Record<string, string | boolean | string[] | undefined>;

export interface Command {
  usage: string;
  summary: string;
  options: NonNullable<ParseArgsConfig['options']>;
  positionals?: boolean;
  run(values: Values, positionals: string[]): Promise<number>;
}

const dbOption = { db: { type: 'string' } } as const;
const caseOption = { case: { type: 'string' } } as const;

function requireString(values: Values, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v.trim() === '') throw new CliError(`--${name} is required`, EXIT.rejected);
  return v;
}

/** Long values cut to one terminal line; `--json` has them in full. */
function oneLine(text: string, max = 100): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Parser warnings listed by `show`; the rest are counted (--json has them all). */
const SHOWN_WARNINGS = 10;

/**
 * What the app's case view raises for attention, as lines under `show`'s heading: the case's flags, the other
 * letters carrying its case number, and the parser's warnings (why a letter has no items, say).
 */
function printAttention(detail: CaseDetail): void {
  if (detail.flags.length) printLine(`  Flags: ${detail.flags.map((f) => CASE_FLAG_LABELS[f] ?? f).join('; ')}`);
  if (detail.otherVersions.length) {
    const others = detail.otherVersions.map((v) => `#${v.id} ${path.basename(v.file)}`).join(', ');
    printLine(`  Same case number in ${detail.otherVersions.length} other file(s): ${others}`);
  }
  const warnings = detail.parsed.warnings;
  for (const warning of warnings.slice(0, SHOWN_WARNINGS)) printLine(`  Parser warning: ${oneLine(warning, 200)}`);
  if (warnings.length > SHOWN_WARNINGS) printLine(`  … and ${warnings.length - SHOWN_WARNINGS} more parser warning(s)`);
}

/** `--case 12` is an internal id, anything else an IMR case number. */
function caseRef(values: Values): number | string {
  const ref = requireString(values, 'case').trim();
  // A signed number ("-3") is a mistyped id, never an IMR case number (those start with letters: CM16-0213037).
  if (!/^[-+]?\d+$/.test(ref)) return ref;
  const id = Number(ref);
  if (!Number.isSafeInteger(id) || id < 1) {
    throw new CliError(
      `--case takes a case id (1, 2, …) or an IMR case number such as CM16-0213037, not ${ref.slice(0, 24)}`,
      EXIT.rejected,
    );
  }
  return id;
}

/**
 * Opens the workspace. Commands that only read open it read-only (so a
 * workspace on read-only media, in a read-only folder or on a full disk can
 * still be listed, verified and exported) and refuse a path that does not
 * exist; commands that write open it for writing (import creates it).
 */
async function withService<T>(
  values: Values,
  opts: { access: 'read' | 'write'; create?: boolean },
  fn: (s: Service) => Promise<T>,
): Promise<T> {
  const db = requireString(values, 'db');
  // Loaded here, not at the top: `imr parse` and `--help` never open a workspace and should not pay for it.
  const [{ createService }, { NewerDatabaseError }, { WorkspaceOpenError }, { refuseMissingFolder, refuseUncreated }] =
    await Promise.all([
      import('../../service/service'),
      import('../../store/database'),
      import('../../store/errors'),
      import('../../store/workspace-file'),
    ]);
  let service: Service;
  try {
    // A mistyped folder is named (the store's rule, as every host has it), before "no workspace database".
    refuseMissingFolder(db, path.resolve(db));
    if (!opts.create && !fs.existsSync(db)) throw new CliError(`no workspace database at ${db}`, EXIT.rejected);
    // An empty file is a workspace not yet created, as an absent one (the store's rule and words): only
    // `imr import` creates one. `correct`, `undo`, `redo` and `reparse` wrote a whole empty workspace into it, then
    // said "No case #1" (or nothing, for reparse).
    if (!opts.create) refuseUncreated(db, path.resolve(db));
    // One command per process, stopped with Ctrl+C: no call timeout (a verify of 100,000 letters takes minutes on a slow disk).
    service = createService({ dbPath: db, host: 'cli', access: opts.access, callTimeoutMs: Infinity });
  } catch (err) {
    // These already say what happened to which file, and what to do. A --db that is no workspace at all (a
    // letter, a folder) or in no folder is a rejected input, not a failure: exit 2 (refusedOpen).
    if (err instanceof CliError) throw err;
    if (err instanceof WorkspaceOpenError && refusedOpen(err.kind)) throw new CliError(err.message, EXIT.rejected);
    if (err instanceof WorkspaceOpenError || err instanceof NewerDatabaseError)
      throw new CliError(err.message, EXIT.fatal);
    throw new CliError(`cannot open ${db}: ${errorText(err)}`, EXIT.fatal);
  }
  try {
    return await fn(service);
  } finally {
    service.close();
  }
}

/** `--filter KEY=VALUE` (repeatable): the case filter, as list, stats and export take it (filter-args.ts). */
const filterOption = { filter: { type: 'string', multiple: true } } as const;

/** The case filter of `--filter` options; {} without any. Loaded on use: `imr parse` never needs it. */
async function filterOf(values: Values): Promise<Record<string, unknown>> {
  const filters = (values.filter as string[] | undefined) ?? [];
  if (filters.length === 0) return {};
  const { parseFilterArgs } = await import('./filter-args');
  return parseFilterArgs(filters);
}

/** Files that are not letters, listed by name after an import (a folder of scans may hold thousands). */
const LEFT_OUT_LISTED = 10;

const READ = { access: 'read' } as const;
const WRITE = { access: 'write' } as const;

const UNREADABLE: Record<string, string> = {
  ENOENT: 'no such file',
  ENOTDIR: 'no such file (part of the path is not a folder)',
  EISDIR: 'is a folder; give the checkpoint file',
  EACCES: 'cannot be read (permission denied)',
};

async function readCheckpointFile(file: string): Promise<AuditCheckpoint> {
  let text: string;
  try {
    if (fs.statSync(file).size > MAX_CHECKPOINT_FILE_BYTES)
      throw new CliError(`--against ${file}: not an audit checkpoint (too large)`, EXIT.rejected);
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if (err instanceof CliError) throw err;
    // "cannot be read (ENOENT)" told a person the errno, not that the file was not there.
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === undefined ? String(err) : (UNREADABLE[code] ?? `cannot be read (${code})`);
    throw new CliError(`--against ${file}: ${why}`, EXIT.rejected);
  }
  // Loaded here, not at start-up: `imr parse` stays free of zod (see cli-shell.test.ts).
  const { readCheckpoint } = await import('../../audit/checkpoint');
  const read = readCheckpoint(text);
  // A file that is no checkpoint was the wrong file to give (2); a checkpoint changed since it was written is
  // what verify is for: a problem found (1).
  if (!read.ok) throw new CliError(`--against ${file}: ${read.reason}`, read.changed ? EXIT.fatal : EXIT.rejected);
  return read.checkpoint;
}

/** Runs a job of `kind` to its end, showing progress on a terminal and cancelling on Ctrl+C; resolves with its result. */
async function runJob<K extends JobKind>(
  service: Service,
  kind: K,
  start: Promise<{ jobId: string }>,
): Promise<JobResults[K]> {
  const { jobId } = await start;
  let last: JobEvent | undefined;
  const progress = new ProgressLine();
  const off = service.onEvent((e) => {
    if (e.type !== 'job' || e.jobId !== jobId) return;
    last = e;
    progress.show(e);
  });
  const onSigint = () => {
    progress.clear();
    process.stderr.write('Cancelling…\n');
    void service.send('jobs.cancel', { jobId });
  };
  process.once('SIGINT', onSigint);
  try {
    const result = await service.waitForJob(jobId);
    if (result === undefined || last?.kind !== kind)
      throw new CliError(`the ${kind} job ended without its result`, EXIT.fatal);
    // The job's events said it is a `kind` job: its result is that kind's (JobRunner.start types it so).
    return result as JobResults[K];
  } catch (err) {
    throw new CliError(last?.error ?? errorText(err), EXIT.fatal);
  } finally {
    process.removeListener('SIGINT', onSigint);
    off();
    progress.clear();
  }
}

async function startJob(_service: Service, result: Promise<ApiResult<JobStarted>>): Promise<{ jobId: string }> {
  return unwrap(await result) as { jobId: string };
}

/**
 * `undo` and `redo` differ only in the call they make; both record a new
 * audit event, and say what it undid or redid as the history words it:
 * "Case CM16-0230651: Undid: Changed Patient age (empty → 47)".
 */
function undoRedoCommand(call: 'corrections.undo' | 'corrections.redo', what: string): Command {
  const type = call === 'corrections.undo' ? 'undo' : 'redo';
  return {
    usage: '--db DB --case ID --reviewer NAME [--json]',
    summary: `${what} (recorded as a new audit event).`,
    options: { ...dbOption, ...caseOption, reviewer: { type: 'string' } },
    run: (values) =>
      withService(values, WRITE, async (service) => {
        const detail = unwrap(
          await service.send(call, { caseId: caseRef(values), reviewer: requireString(values, 'reviewer') }),
        );
        if (values.json) {
          printJson({ caseId: detail.id, canUndo: detail.canUndo, canRedo: detail.canRedo });
          return EXIT.ok;
        }
        const events = unwrap(await service.send('corrections.history', { caseId: detail.id }));
        const event = events.findLast((e) => e.type === type);
        const target = events.find((e) => e.id === event?.targetEventId);
        const { eventChangeText, eventTitle } = await import('../../../shared/domain/audit-text');
        const change = event && target ? eventChangeText(event, target) : null;
        const done = event ? `${eventTitle(event, target)}${change ? ` (${oneLine(change)})` : ''}` : `${type} done`;
        printLine(`Case ${detail.effective.caseNumber ?? detail.id}: ${done}`);
        return EXIT.ok;
      }),
  };
}

export const COMMANDS = {
  parse: {
    usage: 'FILE... [--json]',
    summary: 'Parse letters without a database; --json prints NDJSON, one object per input.',
    options: {},
    positionals: true,
    async run(values, files) {
      if (files.length === 0) throw new CliError('parse: give at least one FILE', EXIT.rejected);
      // The extraction engines load with the command that needs them, not with every `imr` start.
      const { parseLetterFile } = await import('./parse-file');
      let rejected = 0;
      for (const file of files) {
        const outcome = await parseLetterFile(file);
        if (!outcome.ok) {
          rejected++;
          if (values.json) process.stdout.write(`${JSON.stringify({ file, error: outcome.reason })}\n`);
          else printError(`${file}: rejected — ${outcome.reason}`);
          continue;
        }
        const letter = outcome.letter;
        // A readable text that is not an IMR letter still prints what was found, but counts as rejected.
        if (!letter.isImrLetter) {
          rejected++;
          if (!values.json) printError(`${file}: rejected — not an IMR determination letter`);
        }
        if (values.json) {
          process.stdout.write(`${JSON.stringify(letter)}\n`);
        } else {
          printLine(
            `${file}: ${letter.caseNumber ?? '(no case number)'} — ${letter.format}, ${letter.items.length} item(s)`,
          );
          letter.items.forEach((item, i) => printLine(`  ${i + 1}. ${item.decision ?? '?'}: ${item.treatment ?? ''}`));
          for (const w of letter.warnings) printLine(`  warning: ${w}`);
        }
      }
      return rejected > 0 ? EXIT.rejected : EXIT.ok;
    },
  },

  import: {
    usage: '--db DB PATH... [--json]',
    summary: 'Import letter files and folders (recursive) into the workspace (created if absent).',
    options: { ...dbOption },
    positionals: true,
    run: async (values, paths) => {
      if (paths.length === 0) throw new CliError('import: give at least one file or folder', EXIT.rejected);
      // A mistyped path is refused before the workspace is opened: otherwise `--db new.sqlite /typo` creates an
      // empty workspace and reports "no letters found", which reads as if the folder held none.
      // (lstat: a broken link is there, and the importer names where it points.)
      const missing = paths.filter((p) => fs.lstatSync(p, { throwIfNoEntry: false }) === undefined);
      if (missing.length > 0) {
        throw new CliError(
          `import: no file or folder at ${missing.map((p) => JSON.stringify(p)).join(', ')}; nothing was imported`,
          EXIT.rejected,
        );
      }
      // The extraction workers start (and warm up) while the workspace is opened (backend/import/extract-workers.ts):
      // as many as the pool will use, or one per PDF when only files are named (text letters are read here).
      const { defaultExtractWorkers, prestartExtractWorkers } = await import('../../import/extract-workers');
      const onlyFiles = paths.every((p) => fs.statSync(p, { throwIfNoEntry: false })?.isFile() === true);
      const pdfs = onlyFiles ? paths.filter((p) => /\.pdf$/i.test(p)).length : Infinity;
      prestartExtractWorkers(Math.min(defaultExtractWorkers(), pdfs));
      return withService(values, { access: 'write', create: true }, async (service) => {
        const absolute = paths.map((p) => path.resolve(p));
        const summary = await runJob(
          service,
          'import',
          startJob(service, service.privileged.send('import.paths', { paths: absolute })),
        );
        if (values.json) printJson(summary);
        else {
          // The app's words (shared/domain/report-text.ts): letters counted, files that are not letters apart.
          printLine(importNotice(summary, summary.cancelled, { ofLetters: true }));
          const leftOut = summary.outcomes.filter((o) => o.outcome === 'skipped');
          if (leftOut.length > 0) {
            printLine(`${leftOutText(leftOut.length)}:`);
            for (const o of leftOut.slice(0, LEFT_OUT_LISTED)) printLine(`  ${o.path} — ${o.reason}`);
            if (leftOut.length > LEFT_OUT_LISTED) {
              printLine(`  … and ${leftOut.length - LEFT_OUT_LISTED} more (--json lists every file)`);
            }
          }
        }
        // Rejected letters need the user's eyes: each with its reason, on stderr (exit 2).
        for (const o of summary.outcomes) {
          if (o.outcome === 'rejected') printError(`rejected: ${o.path} — ${o.reason}`);
        }
        return summary.rejected > 0 ? EXIT.rejected : EXIT.ok;
      });
    },
  },

  list: {
    usage: '--db DB [--status S] [--search TEXT] [--filter KEY=VALUE]... [--json]',
    summary:
      `List cases; --status one of: ${REVIEW_STATUSES.join(', ')}; --search uses the full-text index; ` +
      "--filter as imr stats takes it (the filters of the app's case list).",
    options: { ...dbOption, status: { type: 'string' }, search: { type: 'string' }, ...filterOption },
    run: (values) =>
      withService(values, READ, async (service) => {
        const status = values.status as string | undefined;
        if (status !== undefined && !(REVIEW_STATUSES as readonly string[]).includes(status)) {
          throw new CliError(`--status must be one of: ${REVIEW_STATUSES.join(', ')}`, EXIT.rejected);
        }
        const filter = (await filterOf(values)) as NonNullable<ApiInput<'cases.list'>['filter']>;
        // --status and --search are the filter's status and search; given both ways, neither silently wins.
        for (const key of ['status', 'search'] as const) {
          if (values[key] !== undefined && key in filter) {
            throw new CliError(`--${key} and --filter ${key} both given; give it once`, EXIT.rejected);
          }
        }
        if (status) filter.status = status as (typeof REVIEW_STATUSES)[number];
        if (typeof values.search === 'string') filter.search = values.search;
        const rows: CaseRow[] = [];
        const unreadable = new Set<string>();
        const pageSize = 10_000;
        for (let offset = 0; ; offset += pageSize) {
          const page = unwrap(
            await service.send('cases.list', { filter, sort: 'importedAt', direction: 'asc', offset, limit: pageSize }),
          );
          rows.push(...page.rows);
          for (const line of page.unreadable ?? []) unreadable.add(line);
          if (rows.length >= page.total || page.rows.length === 0) break;
        }
        if (values.json) printJson(rows);
        else {
          const { letterField } = await import('../../../shared/domain/fields');
          printTable(
            ['ID', letterField('caseNumber').label, 'Items', 'Decisions', 'Status', 'File'],
            rows.map((r) => [
              r.id,
              r.caseNumber,
              r.itemCount,
              `${r.upheld} upheld · ${r.overturned} overturned`,
              r.status,
              r.file,
            ]),
          );
          printLine(`${rows.length} case(s)`);
        }
        // A damaged workspace: the list holds what could be read; the rest is named, and the exit code says so.
        for (const line of unreadable) printError(`list: ${line}`);
        if (unreadable.size === 0) return EXIT.ok;
        process.stderr.write(
          'list: Partial list: the workspace file is damaged; what could not be read is listed above. ' +
            'Run imr verify for the full report, export what can be read, and import the letters again into a new workspace.\n',
        );
        return EXIT.rejected;
      }),
  },

  show: {
    usage: '--db DB --case ID [--json]',
    summary: 'One case: effective values (corrections applied), original parsed values, items.',
    options: { ...dbOption, ...caseOption },
    run: (values) =>
      withService(values, READ, async (service) => {
        const detail = unwrap(await service.send('cases.get', { caseId: caseRef(values) }));
        if (values.json) {
          printJson(detail);
          return EXIT.ok;
        }
        const e = detail.effective;
        printLine(`Case ${e.caseNumber ?? '(none)'}  [id ${detail.id}, ${detail.status}]  ${detail.file}`);
        printAttention(detail);
        const corrected = new Map(detail.corrections.map((c) => [c.path, c]));
        // Labels, order and value text are the field model's, as in the app and the export. Loaded here:
        // the model brings zod, which commands that never show a case should not pay for at start-up.
        const { ITEM_FIELD_DEFS, LETTER_FIELD_DEFS, fieldText } = await import('../../../shared/domain/fields');
        const field = (indent: string, def: FieldDef, path: string, value: unknown) => {
          const c = corrected.get(path);
          const note = c ? `   (corrected; parsed: ${fieldText(def, c.parsedValue) ?? '—'})` : '';
          printLine(`${indent}${def.label.padEnd(34)} ${oneLine(fieldText(def, value) ?? '—')}${note}`);
        };
        for (const def of LETTER_FIELD_DEFS) {
          if (def.key !== 'clinicalSummary') field('  ', def, def.key, e[def.key]);
        }
        if (e.items.length === 0) printLine('  Items: none found in this letter');
        e.items.forEach((item, i) => {
          printLine(`  Item ${i + 1}: ${item.decision ?? '?'} — ${oneLine(item.treatment ?? '')}`);
          for (const def of ITEM_FIELD_DEFS) {
            const path = `items[${i}].${def.key}`;
            const value = item[def.key];
            const empty = value === null || (Array.isArray(value) && value.length === 0);
            if (def.key !== 'rationale' && (!empty || corrected.has(path))) field('    ', def, path, value);
          }
        });
        for (const o of detail.orphanedCorrections)
          printLine(`  orphaned correction #${o.eventId} (${o.path}): ${o.reason}`);
        return EXIT.ok;
      }),
  },

  correct: {
    usage: '--db DB --case ID --field PATH --value V --reviewer NAME [--reason R] [--json]',
    summary: 'Correct one field (PATH like patientAge or items[0].decision); kept as an audit event.',
    options: {
      ...dbOption,
      ...caseOption,
      field: { type: 'string' },
      value: { type: 'string' },
      reviewer: { type: 'string' },
      reason: { type: 'string' },
    },
    run: (values) =>
      withService(values, WRITE, async (service) => {
        const path = requireString(values, 'field');
        if (typeof values.value !== 'string')
          throw new CliError('--value is required (use --value "" to clear a field)', EXIT.rejected);
        const detail = unwrap(
          await service.send('corrections.apply', {
            caseId: caseRef(values),
            reviewer: requireString(values, 'reviewer'),
            reason: typeof values.reason === 'string' ? values.reason : undefined,
            change: { type: 'set-field', path, value: values.value },
          }),
        );
        const applied = detail.corrections.find((c) => c.path === path);
        const others = detail.otherVersions;
        if (path.trim() === 'caseNumber' && others.length > 0) {
          // Accepted (the letter may really be another version of that case), but said: reading by the number now
          // asks which letter is meant, and a reviewer who mistyped it should know at once.
          const listed = others.map((o) => `#${o.id} ${o.file}`).join(', ');
          printError(
            `warning: ${others.length} other letter${others.length === 1 ? '' : 's'} carr${others.length === 1 ? 'ies' : 'y'} case number ${detail.effective.caseNumber ?? ''} (${listed}); name this one by its internal id, ${detail.id}.`,
          );
        }
        if (values.json) printJson({ caseId: detail.id, path, correction: applied ?? null });
        else {
          // Named and written as the form shows them ("Item 1 · Decision", lists joined), as `show` does.
          const { pathLabel, valueText } = await import('../../../shared/domain/audit-text');
          const now = valueText(path, applied ? applied.effectiveValue : values.value);
          const parsed = applied ? `   (parsed: ${valueText(path, applied.parsedValue)})` : '';
          printLine(`Case ${detail.effective.caseNumber ?? detail.id}: ${pathLabel(path)} = ${now}${parsed}`);
        }
        return EXIT.ok;
      }),
  },

  undo: undoRedoCommand('corrections.undo', "Undo the case's latest correction"),
  redo: undoRedoCommand('corrections.redo', 'Redo the latest undone correction'),

  history: {
    usage: '--db DB --case ID [--json]',
    summary: "The case's audit trail: who changed what, when, from what to what, and why.",
    options: { ...dbOption, ...caseOption },
    run: (values) =>
      withService(values, READ, async (service) => {
        const events = unwrap(await service.send('corrections.history', { caseId: caseRef(values) }));
        if (values.json) printJson(events);
        else {
          // Worded as the app's history panel words them (shared/domain/audit-text.ts): "Changed Patient age",
          // "47 → 48", an import's file and checksum — not stored JSON. --json keeps the exact values.
          const { eventChangeText, eventTitle } = await import('../../../shared/domain/audit-text');
          const byId = new Map(events.map((e) => [e.id, e]));
          printTable(
            ['#', 'When', 'Reviewer', 'Event', 'Change', 'Reason'],
            events.map((e) => {
              const target = e.targetEventId !== null ? byId.get(e.targetEventId) : undefined;
              // An undo or redo changes what its target changed: shown as that change, in its direction.
              const change = eventChangeText(e, target);
              return [e.id, e.at, e.reviewer, eventTitle(e, target), oneLine(change ?? ''), e.reason];
            }),
          );
        }
        return EXIT.ok;
      }),
  },

  verify: {
    usage: '--db DB [--against CHECKPOINT] [--full] [--json]',
    summary:
      'Check the database, the audit chain and every letter and parse against it (and that the chain extends a ' +
      'checkpoint); print the chain head; exit 1 naming what is wrong. --full: SQLite integrity_check of the ' +
      'whole file too (slower).',
    options: { ...dbOption, against: { type: 'string' }, full: { type: 'boolean' } },
    run: (values) =>
      withService(values, READ, async (service) => {
        const against = typeof values.against === 'string' ? await readCheckpointFile(values.against) : undefined;
        const report = unwrap(
          await service.send('audit.verify', {
            ...(against ? { against } : {}),
            ...(values.full ? { full: true } : {}),
          }),
        );
        if (values.json) printJson(report);
        else {
          // The app's words (shared/api/verify-text.ts): the integrity check in the app says the same.
          if (report.ok) {
            printLine(verifiedText(report));
            if (report.against) printLine(extendsCheckpointText(report.against));
          } else printLine(notVerifiedText(report));
          const notChecked = notCheckedText(report, values.full ? null : 'imr verify --full checks them');
          if (notChecked) printLine(notChecked);
          const awaiting = awaitingRebuildText(report);
          if (awaiting) printLine(awaiting);
        }
        for (const problem of report.problems) printError(`verify: ${problem}`);
        return report.ok ? EXIT.ok : EXIT.fatal;
      }),
  },

  checkpoint: {
    usage: '--db DB --out FILE [--force] [--json]',
    summary:
      'Verify, then write the audit chain head (event count, hash, time; sealed with its own SHA-256) to FILE: ' +
      'keep it elsewhere and check later with verify --against FILE. An existing FILE is kept unless --force.',
    options: { ...dbOption, out: { type: 'string' }, force: { type: 'boolean' } },
    run: (values) => {
      const out = path.resolve(requireString(values, 'out'));
      const force = values.force === true;
      // Before the verify, which can take minutes: a refusal costs nothing.
      checkOutFiles(requireString(values, 'out'), [out], requireString(values, 'db'), force);
      return withService(values, READ, async (service) => {
        const checkpoint = unwrap(await service.send('audit.checkpoint', {}));
        writeFileAtomically(out, checkpointFileText(checkpoint), { replace: force });
        if (values.json) printJson({ path: out, checkpoint });
        else
          printLine(
            `Checkpoint written to ${out}: ${checkpoint.events} event(s), head ${checkpoint.head}. ` +
              `${CHECKPOINT_KEEP_TEXT}; check with: imr verify --against FILE`,
          );
        return EXIT.ok;
      });
    },
  },

  export: {
    usage:
      '--db DB --out FILE.xlsx|FILE.csv [--force] [--filter KEY=VALUE]... [--with-parsed] [--all-tables] [--summary] [--json]',
    summary:
      'Export cases, items and the audit trail to Excel or CSV (every case, or those --filter selects, as imr ' +
      "stats takes it); --summary adds Summary and Turnaround sheets (Excel). An existing FILE (or --all-tables' " +
      'FILE-cases.csv, FILE-corrections.csv) is kept unless --force; the workspace never.',
    options: {
      ...dbOption,
      ...filterOption,
      out: { type: 'string' },
      force: { type: 'boolean' },
      'with-parsed': { type: 'boolean' },
      'all-tables': { type: 'boolean' },
      summary: { type: 'boolean' },
    },
    run: async (values) => {
      const out = path.resolve(requireString(values, 'out'));
      const ext = path.extname(out).toLowerCase();
      if (ext !== '.xlsx' && ext !== '.csv') throw new CliError('--out must end in .xlsx or .csv', EXIT.rejected);
      const format = ext === '.xlsx' ? 'xlsx' : 'csv';
      const allTables = values['all-tables'] === true;
      // Every file the export writes (--all-tables' siblings too), before the workspace is opened: an existing
      // report was replaced silently, where checkpoint keeps one without --force.
      checkOutFiles(
        requireString(values, 'out'),
        exportFilePaths(out, { format, allTables }),
        requireString(values, 'db'),
        values.force === true,
      );
      const filter = await filterOf(values);
      return withService(values, READ, async (service) => {
        const result = await runJob(
          service,
          'export',
          startJob(
            service,
            service.privileged.send('export.toFile', {
              ...(Object.keys(filter).length > 0 ? { filter: filter as ApiInput<'export.start'>['filter'] } : {}),
              format,
              outPath: out,
              includeParsedValues: values['with-parsed'] === true,
              allTables,
              summary: values.summary === true,
              // Checked above before the export, and again as its last step: a file created meanwhile is kept too.
              replace: values.force === true,
            }),
          ),
        );
        if (values.json) printJson(result);
        else {
          printLine(`Exported ${exportedText(result)} to ${result.files.map((f) => f.path).join(', ')}`);
          // `--filter category=pharmacy` exported 44 items of 9 cases where stats counts 27 pharmacy items: say why.
          if (Object.keys(filter).length > 0) {
            const { wholeCasesNote } = await import('./filter-args');
            const note = wholeCasesNote(filter);
            if (note) printLine(note);
          }
          if (result.corrections === null) {
            printLine(
              'With --all-tables, the cases (one row each, with or without items) and the corrections are written ' +
                'too, as two more CSV files.',
            );
          }
          const replaced = replacedCellsText(result);
          if (replaced) printLine(replaced);
          const direction = directionControlsText(result);
          if (direction) printLine(direction);
          // A part asked for that this workspace cannot give (a Summary of a read-only earlier version): said, and
          // not damage — the file holds every case and correction, so the export succeeded (exit 0).
          for (const line of result.leftOut) printLine(line);
        }
        // A damaged workspace: the export holds what could be read; the rest is named, and the exit code says so.
        for (const line of result.unreadable) printError(`export: ${line}`);
        if (result.unreadable.length === 0) return EXIT.ok;
        process.stderr.write(
          'export: Partial export: the workspace file is damaged; what could not be read is listed above. ' +
            'Run imr verify for the full report, and import the letters again into a new workspace.\n',
        );
        return EXIT.rejected;
      });
    },
  },

  stats: {
    usage: '--db DB [--by DIMENSION[,DIMENSION…]] [--filter KEY=VALUE]... [--limit N] [--json | --csv]',
    summary:
      'Without --by or --filter: workspace counts. With them: items upheld/overturned with rates and 95% intervals, ' +
      `per group of --by (${STATS_DIMENSIONS.join(', ')}), over the cases ` +
      '--filter selects (keys as the case list filters: category, decision, bodyRegion, month, turnaround=8..14, …; ' +
      'VALUE none = no value), corrections applied. --csv writes one row per group.',
    options: {
      ...dbOption,
      by: { type: 'string' },
      ...filterOption,
      limit: { type: 'string' },
      csv: { type: 'boolean' },
    },
    run: (values) =>
      withService(values, READ, async (service) => {
        if (values.json && values.csv) throw new CliError('stats: choose --json or --csv, not both', EXIT.rejected);
        const filters = (values.filter as string[] | undefined) ?? [];
        if (values.by === undefined && filters.length === 0 && values.limit === undefined) {
          if (values.csv) throw new CliError('stats: --csv needs --by (the counts alone are --json)', EXIT.rejected);
          const stats = unwrap(await service.send('stats.get', {}));
          if (values.json) printJson(stats);
          else for (const [k, v] of Object.entries(stats)) printLine(`${k.padEnd(12)} ${v}`);
          return EXIT.ok;
        }
        // Loaded here: the filter schema brings zod, which the plain counts above never need.
        const [{ printAnalytics }, { statsByArg }] = await Promise.all([
          import('./stats-output'),
          import('./filter-args'),
        ]);
        const by = statsByArg(values.by as string | undefined);
        const limit = typeof values.limit === 'string' ? Number(values.limit) : undefined;
        if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1 && limit <= STATS_GROUP_LIMIT.max)) {
          throw new CliError(
            `--limit takes a whole number of groups from 1 to ${STATS_GROUP_LIMIT.max}`,
            EXIT.rejected,
          );
        }
        const result = unwrap(
          await service.send('stats.analytics', {
            filter: (await filterOf(values)) as ApiInput<'stats.analytics'>['filter'],
            by,
            ...(limit !== undefined ? { limit } : {}),
          }),
        );
        printAnalytics(result, values.json ? 'json' : values.csv ? 'csv' : 'text');
        return EXIT.ok;
      }),
  },

  reparse: {
    usage: '--db DB [--json]',
    summary: 'Re-run the current parser over stored letters; corrections stay in force.',
    options: { ...dbOption },
    run: (values) =>
      withService(values, WRITE, async (service) => {
        const summary = await runJob(service, 'reparse', startJob(service, service.send('reparse.start', {})));
        if (values.json) printJson(summary);
        else
          printLine(
            `Re-parsed ${summary.reparsed} of ${summary.documents} letter(s); ${summary.failed} failed; ${summary.orphanedCorrections} correction(s) lost their target`,
          );
        return summary.failed > 0 ? EXIT.rejected : EXIT.ok;
      }),
  },
} satisfies Record<string, Command>;

export type CommandName = keyof typeof COMMANDS;
