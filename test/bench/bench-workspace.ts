/**
 * What the browser benchmarks share: a large generated workspace, the built
 * browser host, and timing inside the page (so Playwright's polling does not
 * count).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { extractLetterText } from '../../backend/extract';
import { insertCase } from '../../backend/store/cases';
import { openDatabase, SCHEMA_VERSION } from '../../backend/store/database';
import { insertDocument } from '../../backend/store/documents';
import { parseLetter } from '../../shared/parser';
import type { LetterText, ParsedLetter } from '../../shared/domain/letter';
import { isoDay } from './measure';
import { startWebHostProcess, type WebHostProcess } from '../support/web-host';

const root = path.resolve(import.meta.dirname, '../..');
const corpus = path.join(root, 'test/fixtures/corpus');

/** Cases that keep their real PDF bytes and full text (the ones the bench opens). */
export const REAL_LETTERS = 40;

export interface Template {
  file: string;
  bytes: Buffer;
  letterText: LetterText;
  parsed: ParsedLetter;
}

/** The corpus letters, extracted and parsed once, as templates for generated cases. */
export async function loadTemplates(): Promise<Template[]> {
  const dir = path.join(corpus, 'letters');
  const templates: Template[] = [];
  for (const name of fs.readdirSync(dir).sort()) {
    const bytes = fs.readFileSync(path.join(dir, name));
    const letterText = await extractLetterText(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), name);
    templates.push({ file: name, bytes, letterText, parsed: parseLetter(letterText) });
  }
  return templates;
}

/**
 * A workspace of `caseCount` cases written through the store's write functions:
 * corpus letters cloned with varied case numbers, decision dates (over about
 * two years) and application dates (5–54 days before the decision); the first
 * REAL_LETTERS cases keep their real PDF and full letter text so opening one is
 * realistic, the rest carry a 2,000-character excerpt for the search index.
 */
export function generateWorkspace(dbPath: string, templates: Template[], caseCount: number): void {
  const db = openDatabase(dbPath);
  const importedAt = new Date().toISOString();
  try {
    db.transaction(() => {
      for (let i = 0; i < caseCount; i++) {
        const template = templates[i % templates.length]!;
        const real = i < REAL_LETTERS;
        const caseNumber = real
          ? template.parsed.caseNumber
          : `CM${String(13 + (i % 3))}-${String(i).padStart(7, '0')}`;
        const parsed: ParsedLetter = real
          ? template.parsed
          : {
              ...template.parsed,
              caseNumber,
              decisionDate: isoDay(template.parsed.decisionDate ?? '2016-06-01', i % 700),
              applicationReceived: isoDay(template.parsed.decisionDate ?? '2016-06-01', (i % 700) - 5 - (i % 50)),
              patientAge: template.parsed.patientAge === null ? null : 20 + (i % 50),
            };
        const text = real ? template.letterText.text : `${caseNumber}\n${template.letterText.text.slice(0, 2000)}`;
        const documentId = insertDocument(db, {
          sha256: createHash('sha256').update(`${i}:${template.file}`).digest('hex'),
          fileName: real ? template.file : `${caseNumber}.pdf`,
          originalPath: `/bench/${real ? template.file : `${caseNumber}.pdf`}`,
          size: real ? template.bytes.length : text.length,
          kind: 'pdf',
          importedAt,
          importRunId: null,
          letterText: real ? template.letterText : { text, lines: [], pageCount: 1, kind: 'pdf' },
          original: real ? template.bytes : Buffer.from(text),
        });
        insertCase(db, { documentId, importedAt, parsed });
      }
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}

/**
 * Version of what generateWorkspace writes: bump it when the generated cases
 * change, so cached workspaces (cachedWorkspace) are built again.
 */
export const GENERATOR_VERSION = 1;

/**
 * Where generated workspaces are kept between bench runs: IMR_BENCH_CACHE, or
 * the user's cache folder ($XDG_CACHE_HOME or ~/.cache)/imr-workbench-bench,
 * outside the checkout so worktrees share it.
 */
export function benchCacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.resolve(process.env.IMR_BENCH_CACHE || path.join(base, 'imr-workbench-bench'));
}

/**
 * A generated workspace of `caseCount` cases from the bench cache, generated
 * (minutes at 100,000 cases) when missing. Keyed by GENERATOR_VERSION and the
 * schema version, so a bench never reads cases of another generator, and a
 * workspace is never migrated in the cache (an older checkout could then not
 * open it). Written under a temporary name and renamed, so an interrupted run
 * leaves no half-made workspace; older versions of the same size are removed.
 * Benches must open it as a user would but not add cases to it.
 */
export async function cachedWorkspace(
  caseCount: number,
  log: (line: string) => void = console.log,
): Promise<{ path: string; generationSeconds: number | null }> {
  const dir = benchCacheDir();
  const stem = `cases-${caseCount}`;
  const file = path.join(dir, `${stem}.g${GENERATOR_VERSION}.s${SCHEMA_VERSION}.sqlite`);
  if (fs.existsSync(file)) {
    log(`Reusing ${file}`);
    return { path: file, generationSeconds: null };
  }
  fs.mkdirSync(dir, { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  log(`Generating ${caseCount.toLocaleString('en-US')} cases into ${file} (kept for later runs)…`);
  const started = performance.now();
  const templates = await loadTemplates();
  generateWorkspace(partial, templates, caseCount);
  for (const suffix of ['-wal', '-shm']) fs.rmSync(`${partial}${suffix}`, { force: true });
  fs.renameSync(partial, file);
  const generationSeconds = Math.round((performance.now() - started) / 100) / 10;
  log(`  done in ${generationSeconds} s (${Math.round(fs.statSync(file).size / 1e6)} MB)`);
  for (const name of fs.readdirSync(dir)) {
    if (name.startsWith(`${stem}.`) && name.endsWith('.sqlite') && path.join(dir, name) !== file) {
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(path.join(dir, name + suffix), { force: true });
    }
  }
  return { path: file, generationSeconds };
}

/** The built host, as `npm run web` runs it, isolated in the folder of its workspace. */
export function startHost(dbPath: string): Promise<WebHostProcess> {
  return startWebHostProcess(['--db', dbPath, '--port', '0'], path.dirname(dbPath));
}

/**
 * Runs `action` in the page and resolves with the ms until `condition` holds
 * and a frame has been painted. Both are function bodies evaluated in the page.
 */
export async function timeInPage(page: Page, action: string, condition: string): Promise<number> {
  // Passed as source text: tsx's name-keeping helpers do not exist inside the page.
  return page.evaluate(`(async () => {
    const ready = () => { ${condition} };
    const started = performance.now();
    (() => { ${action} })();
    await new Promise((resolve, reject) => {
      let observer;
      const timeout = setTimeout(() => { observer.disconnect(); reject(new Error('timed out waiting for: ' + ${JSON.stringify(condition)})); }, 30000);
      const check = () => {
        if (!ready()) return false;
        clearTimeout(timeout);
        observer.disconnect();
        resolve();
        return true;
      };
      observer = new MutationObserver(() => check());
      if (!check()) observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    await new Promise((r) => requestAnimationFrame(() => r(null)));
    return performance.now() - started;
  })()`) as Promise<number>;
}

/** Median, maximum and the samples, in whole milliseconds. */
export const stats = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  return {
    medianMs: Math.round(median),
    maxMs: Math.round(sorted[sorted.length - 1]!),
    samplesMs: samples.map(Math.round),
  };
};
