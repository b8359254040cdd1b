/**
 * The app's integrity check (`audit.verify.start`): `audit.verify` as a job on a thread of its own
 * (backend/service/verify-job.ts). It reports what `audit.verify` reports, ends with a checkpoint of the head it
 * verified when OK, compares with a checkpoint file's text read as `imr verify --against` reads one, and refuses
 * a file that is no checkpoint before it starts.
 */
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyCorrection } from '../../../backend/audit';
import { sealIntact } from '../../../backend/audit/checkpoint';
import { createService, type Service } from '../../../backend/service/service';
import type { VerifyJobResult } from '../../../shared/api/contract';
import { checkpointFileText, MAX_CHECKPOINT_FILE_BYTES, problemParts } from '../../../shared/api/verify-text';
import type { JobEvent } from '../../../shared/domain/case';
import { corpusLetter } from '../../unit/audit/letter-fixture';
import { openWorkspace, type TestWorkspace } from './workspace';

let ws: TestWorkspace;
let caseA: number;
beforeEach(() => {
  ws = openWorkspace();
  caseA = ws.addCase(corpusLetter(0));
  ws.addCase(corpusLetter(1));
  applyCorrection(ws.service.ctx.db, {
    caseId: caseA,
    reviewer: 'Dana',
    change: { type: 'set-field', path: 'patientAge', value: 52 },
  });
});
afterEach(() => ws.close());

/** Starts the check and waits for its job to end; the job's last event and its result. */
async function check(service: Service, args: Parameters<Service['send']>[1] = {}) {
  const started = await service.send('audit.verify.start', args as never);
  if (!started.ok) throw new Error(started.error.message);
  const { jobId } = started.value as { jobId: string };
  const result = (await service.waitForJob(jobId)) as VerifyJobResult;
  return { jobId, result };
}

describe('audit.verify.start', () => {
  it('reports what audit.verify reports, as a job, with a checkpoint of the head it verified', async () => {
    const events: JobEvent[] = [];
    ws.service.onEvent((e) => e.type === 'job' && events.push(e));
    const { jobId, result } = await check(ws.service);
    const direct = await ws.service.send('audit.verify', {});
    expect(direct.ok && result.report).toEqual(direct.ok ? direct.value : null);
    expect(result.report).toMatchObject({ ok: true, events: 3, cases: 2 });
    expect(result.checkpoint).toMatchObject({ events: 3, head: result.report.chainHead, workspace: ws.dbPath });
    expect(sealIntact(result.checkpoint!)).toBe(true);
    const done = events.filter((e) => e.jobId === jobId).at(-1);
    expect(done).toMatchObject({ kind: 'verify', phase: 'done', result });
  });

  it('compares with a checkpoint file it made: the trail extends it, after more corrections too', async () => {
    const { result: first } = await check(ws.service);
    applyCorrection(ws.service.ctx.db, { caseId: caseA, reviewer: 'Dana', change: { type: 'note', text: 'later' } });
    const { result } = await check(ws.service, { checkpointFile: checkpointFileText(first.checkpoint!) });
    expect(result.report).toMatchObject({ ok: true, events: 4 });
    expect(result.report.against).toMatchObject({ events: 3, head: first.report.chainHead, extended: true });
  });

  it('refuses a file that is no checkpoint before starting, in the words imr verify --against uses', async () => {
    const refused = async (checkpointFile: string) => {
      const answer = await ws.service.send('audit.verify.start', { checkpointFile });
      expect(answer.ok).toBe(false);
      return answer.ok ? null : answer.error;
    };
    expect(await refused('a letter, not JSON')).toEqual({
      code: 'invalid_input',
      message: 'The file chosen was not compared: it is not an IMR Workbench audit checkpoint (not JSON).',
    });
    expect((await refused('{"format": "something else"}'))?.message).toBe(
      'The file chosen was not compared: it is not an IMR Workbench audit checkpoint.',
    );
    const { result } = await check(ws.service);
    const edited = checkpointFileText({ ...result.checkpoint!, events: 2 });
    expect((await refused(edited))?.message).toMatch(/was changed or damaged after it was written/);
    // Too large to be one: refused at the boundary, the input not repeated.
    const large = await refused(`{"pad": "${'x'.repeat(MAX_CHECKPOINT_FILE_BYTES)}"}`);
    expect(large?.code).toBe('invalid_input');
    expect(large?.message).toMatch(/too large/);
    expect(large!.message.length).toBeLessThan(200);
    // The limit is a file's size in bytes: 30,000 "€" are 30,000 characters but 90,000 bytes.
    const wide = await refused(`{"pad": "${'€'.repeat(30_000)}"}`);
    expect(wide?.message).toMatch(/too large/);
  });

  it('reads a checkpoint file saved with a byte order mark, as imr verify --against does', async () => {
    const { result: first } = await check(ws.service);
    const { result } = await check(ws.service, { checkpointFile: `\uFEFF${checkpointFileText(first.checkpoint!)}` });
    expect(result.report).toMatchObject({ ok: true });
    expect(result.report.against).toMatchObject({ events: 3, extended: true });
  });

  it('links the case a problem is about by its id, whatever its stored case number spells', async () => {
    ws.service.close();
    const raw = new Database(ws.dbPath);
    const other = caseA + 1;
    raw
      .prepare('UPDATE cases SET case_number = ? WHERE id = ?')
      .run(`Evil Case CM16-0232182 (#${other})<img src=x onerror=alert(1)>\u202Ecba${'x'.repeat(100_000)}`, caseA);
    raw.close();
    const service = createService({ dbPath: ws.dbPath, host: 'test', samplesDir: null, settingsPath: null });
    try {
      const { result } = await check(service);
      const { problems, problemCases } = result.report;
      expect(result.report.ok).toBe(false);
      expect(problemCases).toHaveLength(problems.length);
      const about = problems.filter((_, i) => problemCases[i] === caseA);
      expect(about.length).toBeGreaterThan(0);
      for (const line of about) {
        expect(line.startsWith(`Case Evil Case CM16-0232182 (\\u{23}${other})<img src=x on… (#${caseA})`)).toBe(true);
        expect(problemParts(line, caseA)[0]).toEqual({
          text: `Case Evil Case CM16-0232182 (\\u{23}${other})<img src=x on… (#${caseA})`,
          caseId: caseA,
        });
      }
      expect(problemCases).not.toContain(other);
      for (const line of problems) {
        expect(line).not.toContain('\u202E');
        expect(line.length).toBeLessThan(1000);
      }
    } finally {
      service.close();
    }
  });

  it('names a case whose letter text was changed with raw SQL, and makes no checkpoint', async () => {
    ws.service.close();
    const raw = new Database(ws.dbPath);
    raw.prepare("UPDATE document_content SET text = text || ' The request is overturned.' WHERE document_id = 1").run();
    raw.close();
    const service = createService({ dbPath: ws.dbPath, host: 'test', samplesDir: null, settingsPath: null });
    try {
      const { result } = await check(service);
      expect(result.report.ok).toBe(false);
      expect(result.report.problems).toEqual([
        `Case CM16-0230651 (#${caseA}): the letter's extracted text was changed after import (imported by event 1).`,
      ]);
      expect(result.report.problemCases).toEqual([caseA]);
      expect(result.checkpoint).toBeNull();
    } finally {
      service.close();
    }
  });

  it('runs the full check, and on a workspace opened for reading only', async () => {
    ws.service.close();
    const service = createService({
      dbPath: ws.dbPath,
      host: 'test',
      samplesDir: null,
      settingsPath: null,
      access: 'read',
    });
    try {
      const { result } = await check(service, { full: true });
      expect(result.report).toMatchObject({ ok: true, events: 3, notChecked: [] });
    } finally {
      service.close();
    }
  });

  it('can be cancelled: the job ends', async () => {
    const events: JobEvent[] = [];
    ws.service.onEvent((e) => e.type === 'job' && events.push(e));
    const started = await ws.service.send('audit.verify.start', {});
    if (!started.ok) throw new Error(started.error.message);
    const { jobId } = started.value;
    await ws.service.send('jobs.cancel', { jobId });
    await ws.service.waitForJob(jobId)?.catch(() => undefined);
    const last = events.filter((e) => e.jobId === jobId).at(-1)!;
    // The thread may have answered before the cancel reached it (a two-letter workspace checks fast).
    expect(['cancelled', 'done']).toContain(last.phase);
  });
});
