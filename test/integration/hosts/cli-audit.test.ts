/**
 * Anchoring the audit trail from the command line (issue 12): `imr verify`
 * prints the chain head, `imr checkpoint` writes it down sealed, and
 * `imr verify --against FILE` proves the trail still extends it, or names
 * what no longer does.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeEventHash, type AuditRow } from '../../../backend/store/audit-chain';
import { makeCheckpoint } from '../../../backend/audit/checkpoint';
import type { AuditCheckpoint, VerifyReport } from '../../../shared/api/contract';
import { checkpointFileText, problemParts } from '../../../shared/api/verify-text';
import { CORPUS_SEED_DIR } from '../import/fixtures';
import { runImr } from './cli-helpers';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'imr-cli-audit-'));
const db = path.join(tmp, 'workspace.sqlite');
const checkpointFile = path.join(tmp, 'checkpoint.json');
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const correct = (value: string) =>
  runImr([
    ...['correct', '--db', db, '--case', '1', '--field', 'patientAge', '--value', value],
    ...['--reviewer', 'Dana'],
  ]);

beforeAll(() => {
  expect(runImr(['import', '--db', db, CORPUS_SEED_DIR]).status).toBe(0);
  expect(correct('61').status).toBe(0);
});

const NOT_CHECKED = [
  'the search index (case_search) against the case list and letters',
  "each letter's dates as the search holds them (documents.text_dates) against its text",
  "SQLite's integrity_check of the whole file (each index against its table, unused pages)",
].join('; ');

describe('imr checkpoint and verify --against', () => {
  it('verify prints the chain head and what it checked', () => {
    const run = runImr(['verify', '--db', db]);
    expect(run.stderr).toBe('');
    const [ok, notChecked, ...rest] = run.stdout.trim().split('\n');
    expect(ok).toMatch(
      /^OK: database intact, audit chain of 6 event\(s\) verified \(head [0-9a-f]{64}\), 5 letter\(s\) and their parses match it$/,
    );
    // What the default run leaves to --full is said, so that an OK is not read as more than it is.
    expect(notChecked).toBe(`Not checked (imr verify --full checks them): ${NOT_CHECKED}.`);
    expect(rest).toEqual([]);
  });

  it('verify --full checks those too, and says nothing was left out', () => {
    const run = runImr(['verify', '--db', db, '--full']);
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toMatch(
      /^OK: database intact, audit chain of 6 event\(s\) verified \(head [0-9a-f]{64}\), 5 letter\(s\) and their parses match it$/,
    );
    expect(run.status).toBe(0);
  });

  it('writes a small sealed checkpoint that a later, longer trail still extends', () => {
    const run = runImr(['checkpoint', '--db', db, '--out', checkpointFile]);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^Checkpoint written to .*checkpoint\.json: 6 event\(s\), head [0-9a-f]{64}\./);
    const checkpoint = JSON.parse(fs.readFileSync(checkpointFile, 'utf8')) as Record<string, unknown>;
    expect(Object.keys(checkpoint).sort()).toEqual(
      ['appVersion', 'checksum', 'events', 'format', 'head', 'takenAt', 'workspace'].sort(),
    );
    expect(checkpoint).toMatchObject({ format: 'imr-audit-checkpoint-v1', events: 6, workspace: db });
    expect(fs.statSync(checkpointFile).size).toBeLessThan(1024);

    expect(correct('62').status).toBe(0);
    const verify = runImr(['verify', '--db', db, '--against', checkpointFile]);
    expect(verify.stderr).toBe('');
    expect(verify.stdout).toMatch(/^OK: database intact, audit chain of 7 event\(s\)/);
    expect(verify.stdout).toContain(`The chain extends the checkpoint of ${String(checkpoint.takenAt)} (6 event(s)).`);
  });

  it('keeps an existing checkpoint unless --force (exit 2, nothing written), and never writes over the workspace', () => {
    const before = fs.readFileSync(checkpointFile, 'utf8');
    const refused = runImr(['checkpoint', '--db', db, '--out', checkpointFile]);
    expect(refused.status).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe(
      `imr: ${checkpointFile} already exists; nothing was written (add --force to replace it, or choose another name)\n`,
    );
    expect(fs.readFileSync(checkpointFile, 'utf8')).toBe(before);
    expect(fs.readdirSync(tmp).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    // The workspace itself is refused even with --force: it would be lost.
    const workspaceBytes = fs.readFileSync(db);
    const self = runImr(['checkpoint', '--db', db, '--out', db, '--force']);
    expect(self.status).toBe(2);
    expect(self.stderr).toMatch(/is the workspace \(or its journal\); choose another file/);
    expect(fs.readFileSync(db).equals(workspaceBytes)).toBe(true);
    expect(runImr(['checkpoint', '--db', db, '--out', tmp, '--force']).stderr).toMatch(/is a folder; give a file name/);

    const replaced = runImr(['checkpoint', '--db', db, '--out', checkpointFile, '--force']);
    expect(replaced.status).toBe(0);
    expect(JSON.parse(fs.readFileSync(checkpointFile, 'utf8'))).toMatchObject({ events: 7 });
    fs.writeFileSync(checkpointFile, before);
  });

  it('refuses an edited checkpoint, and a file that is not one', () => {
    const edited = path.join(tmp, 'edited.json');
    const checkpoint = JSON.parse(fs.readFileSync(checkpointFile, 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(edited, JSON.stringify({ ...checkpoint, events: 5 }));
    const run = runImr(['verify', '--db', db, '--against', edited]);
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(
      `imr: --against ${edited}: it was changed or damaged after it was written (its own checksum does not match)`,
    );
    const notOne = runImr([
      'verify',
      '--db',
      db,
      '--against',
      path.join(CORPUS_SEED_DIR, fs.readdirSync(CORPUS_SEED_DIR)[0]!),
    ]);
    // The wrong file given is a mistake in the command line (2); a checkpoint changed since it was written, above,
    // is a problem found (1).
    expect(notOne.status).toBe(2);
    // A file that is not there, or a folder, in words rather than the errno ("cannot be read (ENOENT)").
    const missing = path.join(tmp, 'no-such-checkpoint.json');
    const none = runImr(['verify', '--db', db, '--against', missing]);
    expect(none.stderr).toBe(`imr: --against ${missing}: no such file\n`);
    expect(none.status).toBe(2);
    expect(runImr(['verify', '--db', db, '--against', tmp]).stderr).toBe(
      `imr: --against ${tmp}: is a folder; give the checkpoint file\n`,
    );
    expect(notOne.stderr).toMatch(/not an IMR Workbench audit checkpoint/);
  });

  it('names the event when the trail up to the checkpoint was rewritten consistently, head included', () => {
    const forged = path.join(tmp, 'forged.sqlite');
    fs.copyFileSync(db, forged);
    const raw = new Database(forged);
    try {
      const triggers = raw.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").all() as {
        name: string;
        sql: string;
      }[];
      for (const t of triggers) raw.exec(`DROP TRIGGER ${t.name}`);
      // Rewrite the correction (event 6) and every later event, with their hashes and the head.
      raw.prepare("UPDATE audit_events SET reviewer = 'mallory' WHERE id = 6").run();
      let previous = (raw.prepare('SELECT hash FROM audit_events WHERE id = 5').pluck().get() as string) ?? '';
      for (const row of raw.prepare('SELECT * FROM audit_events WHERE id >= 6 ORDER BY id').all() as AuditRow[]) {
        const { hash: _old, ...content } = { ...row, prev_hash: previous };
        previous = computeEventHash(content);
        raw
          .prepare('UPDATE audit_events SET prev_hash = ?, hash = ? WHERE id = ?')
          .run(content.prev_hash, previous, row.id);
      }
      raw.prepare('UPDATE audit_chain_head SET last_hash = ?').run(previous);
      for (const t of triggers) raw.exec(t.sql);
    } finally {
      raw.close();
    }
    expect(runImr(['verify', '--db', forged]).status).toBe(0);
    const run = runImr(['verify', '--db', forged, '--against', checkpointFile]);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^Chain head [0-9a-f]{64} \(7 event\(s\)\): NOT verified\.$/m);
    // The copy is at another path than the checkpoint records: both readings are named.
    expect(run.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^verify: Event 6 does not have the hash recorded in the checkpoint of .* \(6 events, head [0-9a-f]{12}…\), taken from .*workspace\.sqlite, not this workspace's path: either the checkpoint belongs to another workspace, or the trail up to it was rewritten after the checkpoint\.$/,
      ),
    ]);
    // A checkpoint of this very path: the trail was rewritten.
    const taken = JSON.parse(fs.readFileSync(checkpointFile, 'utf8')) as AuditCheckpoint;
    const here = path.join(tmp, 'here.json');
    const { checksum: _checksum, format: _format, ...fields } = taken;
    fs.writeFileSync(here, checkpointFileText(makeCheckpoint({ ...fields, workspace: forged })));
    expect(runImr(['verify', '--db', forged, '--against', here]).stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^verify: Event 6 no longer has the hash recorded in the checkpoint of .* \(6 events, head [0-9a-f]{12}…\): the trail up to it was rewritten after the checkpoint\.$/,
      ),
    ]);
  });

  it('makes no checkpoint of a trail that does not verify', () => {
    const broken = path.join(tmp, 'broken.sqlite');
    fs.copyFileSync(db, broken);
    const raw = new Database(broken);
    raw.prepare("UPDATE document_content SET text = 'something else' WHERE document_id = 2").run();
    raw.close();
    const out = path.join(tmp, 'never.json');
    const run = runImr(['checkpoint', '--db', broken, '--out', out]);
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toMatch(
      /^imr: No checkpoint was made: verify found 1 problem\(s\), the first: Case .* the letter's extracted text was changed after import/,
    );
    expect(fs.existsSync(out)).toBe(false);
  });

  it('exits 1 naming the case when a case is pointed at a parse added outside the app', () => {
    const forged = path.join(tmp, 'pointer.sqlite');
    fs.copyFileSync(db, forged);
    const raw = new Database(forged);
    try {
      const stored = raw
        .prepare('SELECT case_id AS caseId, parsed_json AS json FROM case_parses WHERE id = 2')
        .get() as {
        caseId: number;
        json: string;
      };
      const parsed = JSON.parse(stored.json) as { items: { decision: string }[] };
      for (const item of parsed.items) item.decision = item.decision === 'Upheld' ? 'Overturned' : 'Upheld';
      const parseId = raw
        .prepare("INSERT INTO case_parses (case_id, parser_version, parsed_at, parsed_json) VALUES (?, 'x', ?, ?)")
        .run(stored.caseId, new Date().toISOString(), JSON.stringify(parsed)).lastInsertRowid;
      raw.prepare('UPDATE cases SET parse_id = ? WHERE id = ?').run(parseId, stored.caseId);
    } finally {
      raw.close();
    }
    const run = runImr(['verify', '--db', forged]);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^Chain head [0-9a-f]{64} \(7 event\(s\)\): NOT verified\.$/m);
    expect(run.stderr).toMatch(
      /^verify: Case (?:\S+ \(#2\)|#2) uses parse #\d+, but the audit trail last switched it to parse #2 \(event 2\): it was pointed at another parse outside IMR Workbench\.$/m,
    );
  });

  it('shows a forged case number escaped and cut, and links the case the line is about, not the one it spells', () => {
    const forged = path.join(tmp, 'case-number.sqlite');
    fs.copyFileSync(db, forged);
    const raw = new Database(forged);
    raw
      .prepare('UPDATE cases SET case_number = ? WHERE id = 5')
      .run(`Evil Case CM16-0232182 (#2)<img src=x onerror=alert(1)>\u202Ecba${'x'.repeat(2_000_000)}`);
    raw.close();
    const name = 'Case Evil Case CM16-0232182 (\\u{23}2)<img src=x on… (#5)';
    const run = runImr(['verify', '--db', forged]);
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines.filter((line) => line.startsWith(`verify: ${name}`)).length).toBeGreaterThan(0);
    expect(run.stderr).not.toContain('\u202E');
    expect(run.stderr.length).toBeLessThan(20_000);
    const json = runImr(['verify', '--db', forged, '--json']);
    const report = JSON.parse(json.stdout) as VerifyReport;
    report.problems.forEach((line, i) => {
      if (line.startsWith(name))
        expect(problemParts(line, report.problemCases[i]!)[0]).toEqual({ text: name, caseId: 5 });
    });
    expect(report.problemCases).not.toContain(2);
  });

  it("says a checkpoint of another workspace may be another workspace's, naming its path, and exits 1", () => {
    const other = path.join(tmp, 'other.sqlite');
    const otherCheckpoint = path.join(tmp, 'other.json');
    expect(runImr(['import', '--db', other, CORPUS_SEED_DIR]).status).toBe(0);
    expect(runImr(['checkpoint', '--db', other, '--out', otherCheckpoint]).status).toBe(0);
    const taken = JSON.parse(fs.readFileSync(otherCheckpoint, 'utf8')) as AuditCheckpoint;
    const run = runImr(['verify', '--db', db, '--against', otherCheckpoint]);
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([
      `verify: Event 5 does not have the hash recorded in the checkpoint of ${taken.takenAt} (5 events, head ` +
        `${taken.head.slice(0, 12)}…), taken from ${other}, not this workspace's path: either the checkpoint belongs ` +
        'to another workspace, or the trail up to it was rewritten after the checkpoint.',
    ]);
  });

  it('reads a checkpoint saved with a byte order mark', () => {
    const bom = path.join(tmp, 'bom.json');
    fs.writeFileSync(bom, `\uFEFF${fs.readFileSync(checkpointFile, 'utf8')}`);
    const run = runImr(['verify', '--db', db, '--against', bom]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('The chain extends the checkpoint of');
  });
});
