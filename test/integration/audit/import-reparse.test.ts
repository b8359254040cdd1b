/**
 * End to end through the real pipeline: a corpus letter imported by the
 * importer (extraction + parser), corrected through the API, re-parsed by the
 * reparse job: the correction stays in force on top of the new parse.
 */
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { failure, ok, openWorkspace, type TestWorkspace } from './workspace';

const LETTER = path.resolve(import.meta.dirname, '../../fixtures/corpus/letters/CM16-0230651.pdf');
let ws: TestWorkspace;
beforeEach(() => {
  ws = openWorkspace();
});
afterEach(() => ws.close());

it('a correction to an imported letter survives the reparse job and shows in the case list', async () => {
  const { jobId } = ok(await ws.service.privileged.send('import.paths', { paths: [LETTER] }));
  await ws.service.waitForJob(jobId);
  const imported = ok(await ws.service.send('cases.get', { caseId: 'CM16-0230651' }));
  expect(imported.effective.items.length).toBeGreaterThan(5);
  const mri = imported.effective.items.findIndex((i) => i.treatment === 'MRI of the lumbar spine');
  expect(mri).toBeGreaterThanOrEqual(0);

  const reviewer = 'Dana Reviewer';
  const refused = failure(
    await ws.service.send('corrections.apply', {
      caseId: imported.id,
      reviewer,
      change: { type: 'set-field', path: `items[${mri}].decision`, value: 'Overturned' },
    }),
  );
  expect(refused.message).toContain('A reason is required to change a decision');
  ok(
    await ws.service.send('corrections.apply', {
      caseId: imported.id,
      reviewer,
      reason: 'testing the reparse',
      change: { type: 'set-field', path: `items[${mri}].decision`, value: 'Overturned' },
    }),
  );
  ok(
    await ws.service.send('corrections.apply', {
      caseId: imported.id,
      reviewer,
      change: { type: 'set-status', status: 'reviewed' },
    }),
  );

  const reparse = ok(await ws.service.send('reparse.start', {}));
  expect(await ws.service.waitForJob(reparse.jobId)).toMatchObject({ reparsed: 1, failed: 0, orphanedCorrections: 0 });

  const after = ok(await ws.service.send('cases.get', { caseId: imported.id }));
  expect(after.parsed.items[mri]?.decision).toBe('Upheld');
  expect(after.effective.items[mri]).toMatchObject({ treatment: 'MRI of the lumbar spine', decision: 'Overturned' });
  expect(after.status).toBe('reviewed');
  expect(after.corrections).toEqual([
    // Event 1 is the letter's import.
    { path: `items[${mri}].decision`, parsedValue: 'Upheld', effectiveValue: 'Overturned', eventId: 2 },
  ]);
  const list = ok(await ws.service.send('cases.list', { filter: { decision: 'Overturned' } }));
  expect(list.rows).toMatchObject([{ id: imported.id, status: 'reviewed', overturned: 1 }]);
  // The same parser gives the same parse: the reparse stored nothing new, so no parse event.
  expect(ok(await ws.service.send('audit.verify', {}))).toMatchObject({ ok: true, problems: [], events: 3, cases: 1 });
});
