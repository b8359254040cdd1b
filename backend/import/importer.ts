import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { ImportOutcome, ImportSummary } from '../../shared/domain/case';
import type { LetterText, ParsedLetter } from '../../shared/domain/letter';
import { PARSER_VERSION } from '../../shared/parser';
import { findPdfHeader } from '../extract/sniff';
import { indexCase, type IndexedValues } from '../store/search';
import { findDocumentBySha256 } from '../store/documents';
import { storeLetter } from '../store/letters';
import {
  finishImportRun,
  getImportSummary,
  recordOutcome,
  startImportRun,
  type ImportSource,
} from '../store/import-runs';
import { LIMITS } from '../../shared/api/limits';
import { collectFiles, describeFsError, isLetterFileName, notALetter, type Candidate } from './collect-files';
import { ExtractPool, type ExtractResult } from './extract-pool';
import { GroupCommit } from './group-commit';
import type { ReadLetter } from './extract-protocol';
import { defaultParse, firstLine, letterTextOf, parseOf, readLetter } from './read-letter';

export const DEFAULT_MAX_FILE_BYTES = LIMITS.letterFileBytes;
const SYNC_READ_MAX_BYTES = 2 * 1024 * 1024;

/** The part of a JobRunner progress the importer uses (the CLI passes its own). */
export interface ImportProgress {
  update(done: number, total: number, current: string | null): void;
  readonly signal?: AbortSignal;
}

export interface ImportOptions {
  progress?: ImportProgress;
  signal?: AbortSignal;
  /** Files larger than this are rejected unread. Default 50 MB. */
  maxFileBytes?: number;
  /** Extraction worker threads. Default: one per core (at most 4). */
  workers?: number;
  /** Read and parse text letters in the workers too (default: when the run has 32 files or more). */
  textInWorkers?: boolean;
  /** Parser to use; tests inject failures here. Default: the current parser. */
  parse?: (text: LetterText) => ParsedLetter;
  /** Clock for imported_at (tests). */
  now?: () => Date;
}

/** A letter received as an upload (browser or window): its display name and where its bytes wait. */
export interface ReceivedFile {
  /** The sender's name (relative to the folder picked), recorded in the report; never opened as a path. */
  name: string;
  /** Where the service stored the bytes. */
  path: string;
  bytes: number;
}

/** Import files and folders from disk. Never throws for bad input: each file gets an outcome. */
export async function importPaths(
  db: Database.Database,
  inputs: readonly string[],
  options: ImportOptions = {},
  source: ImportSource = 'paths',
): Promise<ImportSummary> {
  const signal = options.signal ?? options.progress?.signal;
  const collected = await collectFiles(inputs, signal);
  const sources: FileSource[] = collected.candidates.map((c) => diskSource(c, options.maxFileBytes));
  return runImport(
    db,
    { source, inputs: inputs.map((i) => path.resolve(i)), settled: collected.settled, sources },
    options,
  );
}

/**
 * Import letters received as uploads. `unsent` are files the sender listed
 * but did not send (not letters, too large): they are settled by the same
 * rules as files on disk, so the report names every file the user chose.
 */
export async function importReceivedFiles(
  db: Database.Database,
  received: { files: readonly ReceivedFile[]; unsent: readonly { name: string; bytes: number; reason?: string }[] },
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const max = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const settled: ImportOutcome[] = [];
  const sources: FileSource[] = [];
  for (const file of received.unsent) {
    if (file.reason) settled.push(outcome(file.name, 'rejected', file.reason));
    else if (!isLetterFileName(file.name)) settled.push(outcome(file.name, 'skipped', notALetter(file.name)));
    else settled.push(outcome(file.name, 'rejected', tooLarge(file.bytes, max)));
  }
  for (const file of received.files) {
    if (!isLetterFileName(file.name)) settled.push(outcome(file.name, 'skipped', notALetter(file.name)));
    else sources.push(diskSource({ path: file.path, size: file.bytes }, max, file.name));
  }
  const inputs = [...received.files, ...received.unsent].map((f) => f.name);
  return runImport(db, { source: 'files', inputs, settled, sources }, options);
}

interface FileSource {
  /** Path (or name) recorded in outcomes and shown to the reviewer. */
  path: string;
  /** Size in bytes as listed (for the in-flight memory budget). */
  size: number;
  /** Bytes of the file, or a reason it cannot be imported. */
  read(): Promise<Buffer | { rejected: string }>;
}

/** A file on disk; `shownAs` replaces its path in the report (an upload's name). */
function diskSource(candidate: Candidate, maxFileBytes = DEFAULT_MAX_FILE_BYTES, shownAs?: string): FileSource {
  return {
    path: shownAs ?? candidate.path,
    size: candidate.size,
    async read() {
      if (candidate.size > maxFileBytes) return { rejected: tooLarge(candidate.size, maxFileBytes) };
      try {
        // Small files are read synchronously: the async path costs more than the read itself
        // (several thread-pool round trips per file), and a letter is a few hundred KB at most.
        const bytes =
          candidate.size <= SYNC_READ_MAX_BYTES ? readFileSync(candidate.path) : await fs.readFile(candidate.path);
        // The file may have grown since it was listed.
        if (bytes.length > maxFileBytes) return { rejected: tooLarge(bytes.length, maxFileBytes) };
        return bytes;
      } catch (err) {
        return { rejected: `cannot be read: ${describeFsError(err)}` };
      }
    },
  };
}

function tooLarge(size: number, max: number): string {
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;
  return `too large: ${mb(size)}, over the ${mb(max)} limit for one letter`;
}

function outcome(
  p: string,
  kind: ImportOutcome['outcome'],
  reason: string | null,
  ids: { caseId?: number | null; documentId?: number | null } = {},
): ImportOutcome {
  return { path: p, outcome: kind, reason, caseId: ids.caseId ?? null, documentId: ids.documentId ?? null };
}

/** What the read+extract stage hands to the ordered write stage. */
type Prepared = { kind: 'settled'; outcome: ImportOutcome } | PreparedLetter;
interface PreparedLetter {
  kind: 'letter';
  path: string;
  bytes: Buffer;
  sha256: string;
  letter: ReadLetter;
  /** The parse object when parsed on this thread (saves parsing its JSON back). */
  parsed: ParsedLetter | null;
  sniffedPdf: boolean;
}

/**
 * Where text letters are read and parsed. A text letter takes ~1 ms to read and
 * parse; sent one per message, the thread hand-off cost more than that, so
 * workers receive small files in batches (extract-pool.ts). Measured on the
 * 2-core target, 2,000 letters: main thread only ~3.5–4.6 s; batched workers
 * ~3.4–3.5 s (more total CPU, but the main thread is left with storing only).
 * Below TEXT_IN_WORKERS_MIN_FILES, starting workers is not worth it.
 */
const TEXT_IN_WORKERS_MIN_FILES = 32;

/** WAL pages between automatic checkpoints during an import (32 MB at 4 KiB pages; SQLite's default is 1000). */
const IMPORT_WAL_AUTOCHECKPOINT_PAGES = 8192;

/**
 * How far the readers run ahead of the (in-order) writer. Letters are written
 * in the order found, so one long PDF at the head holds back every file behind
 * it: with a short window the other worker runs dry (measured: 3 per worker kept
 * the two workers ~50% busy). 16 per worker keeps both busy; the byte budget
 * bounds memory when the files are large.
 */
const LOOKAHEAD_PER_WORKER = 32;
const LOOKAHEAD_MAX_BYTES = 256 * 1024 * 1024;
/**
 * Group commit (group-commit.ts): files per transaction, and how long one may
 * stay open. A batch is committed before every yield to the event loop, so
 * progress events, cancel requests and other API calls get through at least
 * every BATCH_MAX_MS.
 */
const BATCH_MAX_FILES = 64;
const BATCH_MAX_MS = 50;
/** Microtask turns for a settled file's promise chain (pool → prepare → entry.ready) to complete. */
const SETTLE_HOPS = 8;

async function runImport(
  db: Database.Database,
  plan: { source: ImportSource; inputs: string[]; settled: ImportOutcome[]; sources: FileSource[] },
  options: ImportOptions,
): Promise<ImportSummary> {
  const signal = options.signal ?? options.progress?.signal;
  const now = options.now ?? (() => new Date());
  // The default parser runs where the letter is read (a worker for PDFs); an injected one (tests) on this thread.
  const parseInWorkers = options.parse === undefined;
  const parse = options.parse ?? defaultParse;
  const runId = startImportRun(db, {
    source: plan.source,
    inputs: plan.inputs,
    parserVersion: PARSER_VERSION,
    startedAt: now().toISOString(),
  });
  // Progress counts letter files only: a folder's README or spreadsheet is recorded (the report names it under
  // "not a letter") but is no step of the reviewer's import, so "8 of 8 files" matches the 8 cases listed.
  const quiet = (o: ImportOutcome) => o.outcome === 'skipped';
  const total = plan.settled.filter((o) => !quiet(o)).length + plan.sources.length;
  let done = 0;
  const report = (current: string | null) => options.progress?.update(done, total, current);
  report(null);

  const batch = new GroupCommit(db, { maxFiles: BATCH_MAX_FILES, maxMs: BATCH_MAX_MS });
  // Every write below goes through `batch.write` (a savepoint inside the batch transaction).
  const recordTx = db.transaction((o: ImportOutcome) => recordOutcome(db, runId, o));
  const record = (o: ImportOutcome) => batch.write(() => recordTx(o));
  // Skipped/unreadable paths are recorded first: they need no work.
  try {
    for (const settledOutcome of plan.settled) {
      record(settledOutcome);
      if (quiet(settledOutcome)) continue;
      done++;
      report(settledOutcome.path);
    }
  } finally {
    batch.commit();
  }

  const pool = new ExtractPool(options.workers !== undefined ? { size: options.workers } : {});
  const textInWorkers = parseInWorkers && (options.textInWorkers ?? plan.sources.length >= TEXT_IN_WORKERS_MIN_FILES);
  /** sha256 → outcome of the first file with those bytes in this run (for same-bytes files within one run). */
  const firstBySha = new Map<string, ImportOutcome>();
  /**
   * One file's writes (a savepoint in the batch). The search-index entry is returned, not written:
   * the batch indexes its files after its last savepoint (see insertCaseUnindexed).
   */
  const writeLetter = db.transaction(
    (
      p: PreparedLetter,
      parsed: ParsedLetter,
      parse: NonNullable<ReadLetter['parse']>,
    ): { outcome: ImportOutcome; index?: { caseId: number; values: IndexedValues } } => {
      // Re-checked inside the transaction: another process may have stored these bytes meanwhile.
      const existing = findDocumentBySha256(db, p.sha256);
      if (existing) {
        const o = duplicateOutcome(p.path, existing);
        recordOutcome(db, runId, o);
        return { outcome: o };
      }
      // Document, content, case, first parse, projection and the import-letter audit event.
      const stored = storeLetter(
        db,
        {
          sha256: p.sha256,
          fileName: path.basename(p.path),
          originalPath: p.path,
          size: p.bytes.length,
          kind: p.letter.kind,
          importedAt: now().toISOString(),
          importRunId: runId,
          text: p.letter.text,
          linesJson: p.letter.linesJson,
          pageCount: p.letter.pageCount,
          encoding: p.letter.encoding,
          textDates: p.letter.textDates,
          original: p.bytes,
          parsed,
          parsedJson: parse.json,
          // Hashed where the strings were made (the extraction worker), once.
          checksums: { text: p.letter.textSha256, lines: p.letter.linesSha256, parse: parse.sha256 },
        },
        { deferIndex: true },
      );
      const o = outcome(p.path, 'imported', null, { caseId: stored.caseId, documentId: stored.documentId });
      recordOutcome(db, runId, o);
      return { outcome: o, index: stored.index! };
    },
  );

  /** Store a read and parsed letter in its own savepoint (or reject it as not a letter). */
  const storePrepared = (p: PreparedLetter): ImportOutcome => {
    const parse = p.letter.parse;
    if (!parse || !parse.isImrLetter) return rejectNotImr(p);
    try {
      const parsed = p.parsed ?? (JSON.parse(parse.json) as ParsedLetter);
      const written = batch.write(() => writeLetter(p, parsed, parse));
      const index = written.index;
      // Indexed with the rest of the batch after its last savepoint: one FTS5 segment per batch, not per file.
      if (index) batch.beforeCommit(() => indexCase(db, index.caseId, index.values));
      return written.outcome;
    } catch (err) {
      // The whole batch was rolled back by SQLite (disk full, I/O error): stop rather than go on.
      if (!batch.open) throw err;
      // Only this file's savepoint was rolled back: the file is rejected, the run goes on.
      const o = outcome(p.path, 'rejected', `could not be stored: ${firstLine(err)}`);
      record(o);
      return o;
    }
  };

  const rejectNotImr = (p: PreparedLetter): ImportOutcome => {
    const json = p.letter.parse?.json;
    const ocr = Boolean((p.parsed ?? (json ? (JSON.parse(json) as ParsedLetter) : null))?.ocr);
    const o = outcome(p.path, 'rejected', notImrReason(p.letter.text, p.sniffedPdf, ocr));
    record(o);
    return o;
  };

  const prepare = async (source: FileSource): Promise<Prepared> => {
    const read = await source.read();
    if (!Buffer.isBuffer(read)) return { kind: 'settled', outcome: outcome(source.path, 'rejected', read.rejected) };
    if (read.length === 0) return { kind: 'settled', outcome: outcome(source.path, 'rejected', 'empty file: 0 bytes') };
    const sha256 = createHash('sha256').update(read).digest('hex');
    const existing = findDocumentBySha256(db, sha256);
    if (existing) return { kind: 'settled', outcome: duplicateOutcome(source.path, existing) };
    const bytes = new Uint8Array(read.buffer, read.byteOffset, read.byteLength);
    // Only where to read it is decided here (what sniffBytes calls 'pdf': a %PDF- header in the first KiB);
    // the full sniff (empty, HTML, binary) runs where the file is read, not twice.
    const sniffedPdf = findPdfHeader(bytes) >= 0;
    const name = path.basename(source.path);
    // PDFs (and text, if asked) are read and parsed by a worker; text letters here.
    let extracted: ExtractResult;
    if (sniffedPdf || textInWorkers) {
      extracted = await pool.extract(bytes, name, { parse: parseInWorkers, batchable: !sniffedPdf });
      if (extracted.ok && !parseInWorkers) extracted = parseHere(extracted.letter, parse);
    } else {
      extracted = await readLetter(bytes, name, parse);
    }
    if (!extracted.ok) return { kind: 'settled', outcome: outcome(source.path, 'rejected', extracted.reason) };
    return {
      kind: 'letter',
      path: source.path,
      bytes: read,
      sha256,
      letter: extracted.letter,
      parsed: extracted.parsed ?? null,
      sniffedPdf,
    };
  };

  // Checkpoint less often while importing: each checkpoint costs two fsyncs, and
  // a commit-per-file import would otherwise checkpoint every ~100 letters.
  // Durability is unchanged (every commit is still in the WAL); restored after.
  const previousAutocheckpoint = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  db.pragma(`wal_autocheckpoint = ${IMPORT_WAL_AUTOCHECKPOINT_PAGES}`);
  // Each file's savepoint keeps a statement journal (the pages it changed, to roll back to), by default in a
  // temporary file: a file created, written page by page and deleted per batch — measured on 2,000 text
  // letters, 120,000 of the import's 187,000 write calls. In memory they cost a copy; a batch changes a few MB
  // at most. The connection's setting is restored after the import.
  const previousTempStore = db.pragma('temp_store', { simple: true }) as number;
  db.pragma('temp_store = MEMORY');

  let cancelled = false;
  try {
    // Ordered pipeline: up to `window` files are read and extracted concurrently,
    // but they are written strictly in the order found, so versions of a repeated
    // case number and the outcome list do not depend on which worker was faster.
    const window = Math.max(2, pool.size * LOOKAHEAD_PER_WORKER);
    /** `ready` is set once the file is read and extracted, so the writer can take it without awaiting. */
    const inFlight: { size: number; prepared: Promise<Prepared>; ready: Prepared | null }[] = [];
    let inFlightBytes = 0;
    let next = 0;
    const fill = () => {
      while (
        next < plan.sources.length &&
        !signal?.aborted &&
        inFlight.length < window &&
        (inFlight.length < 2 || inFlightBytes + plan.sources[next]!.size <= LOOKAHEAD_MAX_BYTES)
      ) {
        const source = plan.sources[next++]!;
        inFlightBytes += source.size;
        const entry = {
          size: source.size,
          prepared: prepare(source).catch((err) => unexpected(source.path, err)),
          ready: null as Prepared | null,
        };
        void entry.prepared.then((p) => (entry.ready = p));
        inFlight.push(entry);
      }
    };
    fill();
    while (inFlight.length > 0) {
      const head = inFlight.shift()!;
      inFlightBytes -= head.size;
      // Never wait for a file still being read with a transaction open: commit what is stored first.
      // Awaiting one that is ready only runs pending microtasks — this import's own reads, which
      // hand the next files to the workers — never another event (API call, timer) on this connection.
      // A worker's answer settles up to 8 files at once, but each file's promise chain completes a few
      // microtasks later: let those run (microtasks only) before deciding that the head is not ready.
      for (let hops = 0; head.ready === null && hops < SETTLE_HOPS; hops++) await Promise.resolve();
      if (head.ready === null) batch.commit();
      const prepared = await head.prepared;
      if (signal?.aborted) {
        cancelled = true;
        break;
      }
      let written: ImportOutcome;
      if (prepared.kind === 'settled') {
        written = prepared.outcome;
        record(written);
      } else {
        const earlier = firstBySha.get(prepared.sha256);
        if (earlier && earlier.outcome === 'rejected') {
          written = outcome(prepared.path, 'rejected', `${earlier.reason} (same bytes as ${earlier.path})`);
          record(written);
        } else {
          written = storePrepared(prepared);
        }
        if (!earlier) firstBySha.set(prepared.sha256, written);
      }
      // 'done' counts files handed to the store; they are durable once their batch commits.
      done++;
      report(written.path);
      fill();
      if (batch.due) {
        // Commit, then let progress events, cancel requests, worker results and other API calls through.
        batch.commit();
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    if (signal?.aborted) cancelled = true;
  } finally {
    // Cancelled or not, the files stored so far are complete: keep them.
    batch.commit();
    await pool.close();
    finishImportRun(db, runId, now().toISOString(), cancelled);
    db.pragma(`wal_autocheckpoint = ${previousAutocheckpoint}`);
    db.pragma(`temp_store = ${previousTempStore}`);
    db.pragma('wal_checkpoint(PASSIVE)');
  }
  return getImportSummary(db, runId)!;
}

/** Applies a parser on this thread to a letter a worker read (injected parsers cannot cross threads). */
function parseHere(letter: ReadLetter, parse: (text: LetterText) => ParsedLetter): ExtractResult {
  try {
    const parsed = parse(letterTextOf(letter));
    return { ok: true, letter: { ...letter, parse: parseOf(parsed) }, parsed };
  } catch (err) {
    return { ok: false, reason: `the parser failed on this letter: ${firstLine(err)}` };
  }
}

function duplicateOutcome(
  p: string,
  existing: { documentId: number; caseId: number | null; fileName: string; caseNumber: string | null },
): ImportOutcome {
  const what = existing.caseNumber ? `case ${existing.caseNumber}` : `"${existing.fileName}"`;
  return outcome(p, 'duplicate', `already imported: same bytes as ${what}`, {
    caseId: existing.caseId,
    documentId: existing.documentId,
  });
}

function notImrReason(text: string, wasPdf: boolean, ocr: boolean): string {
  const words = text.split(/\s+/).filter(Boolean).length;
  const size = `${words} word${words === 1 ? '' : 's'}`;
  if (ocr) return `scanned letter read by OCR, but no IMR case number or determination found in its ${size}`;
  return `not an IMR determination letter: no IMR case number or determination found in its ${size} of ${wasPdf ? 'PDF ' : ''}text`;
}

function unexpected(p: string, err: unknown): Prepared {
  return { kind: 'settled', outcome: outcome(p, 'rejected', `could not be imported: ${firstLine(err)}`) };
}
