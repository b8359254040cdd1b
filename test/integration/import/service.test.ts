import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createService, type Service } from '../../../backend/service/service';
import type { BackendEvent, ImportSummary, JobEvent } from '../../../shared/domain/case';
import { CORPUS_PDF_DIR, CORPUS_SEED_DIR, corpusPdfs, corpusSeeds, makeTmpDir } from './fixtures';
import { incoming } from '../hosts/upload-helpers';

let dir: string;
let service: Service;
let events: BackendEvent[];

beforeEach(() => {
  dir = makeTmpDir('imr-service-');
  const samples = path.join(dir, 'samples');
  fs.mkdirSync(samples);
  fs.copyFileSync(corpusSeeds()[0]!, path.join(samples, 'sample.txt'));
  service = createService({
    dbPath: path.join(dir, 'ws.sqlite'),
    host: 'test',
    samplesDir: samples,
    settingsPath: null,
  });
  events = [];
  service.onEvent((e) => events.push(e));
});
afterEach(() => {
  service.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function unwrap<T>(
  result: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>,
): Promise<T> {
  const r = await result;
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('import and case API', () => {
  it('imports through a job with progress, then lists, opens and serves the letters', async () => {
    const { jobId } = await unwrap(
      service.privileged.send('import.paths', { paths: [CORPUS_PDF_DIR, CORPUS_SEED_DIR] }),
    );
    const summary = (await service.waitForJob(jobId)) as ImportSummary;
    const letters = corpusPdfs().length + corpusSeeds().length;
    expect(summary.imported).toBe(letters);

    const jobEvents = events.filter((e): e is JobEvent => e.type === 'job' && e.jobId === jobId);
    expect(jobEvents.at(-1)).toMatchObject({ phase: 'done', done: summary.total, total: summary.total });
    expect(jobEvents.some((e) => e.phase === 'running' && e.current !== null)).toBe(true);
    expect(events.some((e) => e.type === 'changed' && e.what === 'cases')).toBe(true);

    const stats = await unwrap(service.send('stats.get', {}));
    expect(stats).toMatchObject({ documents: letters, cases: letters, rejected: 0 });
    expect(await unwrap(service.send('import.lastReport', {}))).toEqual(summary);

    const list = await unwrap(service.send('cases.list', { filter: { search: 'acupuncture' }, limit: 5 }));
    expect(list.total).toBeGreaterThan(0);
    expect(list.rows.length).toBeLessThanOrEqual(5);

    const pdf = corpusPdfs()[0]!;
    const caseNumber = path.basename(pdf, '.pdf');
    const detail = await unwrap(service.send('cases.get', { caseId: caseNumber }));
    expect(detail.parsed.caseNumber).toBe(caseNumber);
    expect(detail.effective.items.length).toBe(detail.parsed.items.length);
    expect(await unwrap(service.send('cases.get', { caseId: detail.id }))).toEqual(detail);

    const content = await unwrap(service.send('documents.content', { documentId: detail.documentId }));
    expect(content).toMatchObject({ kind: 'pdf', file: path.basename(pdf) });
    expect(content.letterText.text).toContain(caseNumber);
    const original = await unwrap(service.send('documents.original', { documentId: detail.documentId }));
    expect(original.mime).toBe('application/pdf');
    expect(Buffer.from(original.base64, 'base64').equals(fs.readFileSync(pdf))).toBe(true);

    const next = await unwrap(service.send('cases.neighbor', { step: 'next', status: 'new' }));
    expect(next?.caseId).toBeGreaterThan(0);

    const missing = await service.send('cases.get', { caseId: 'CM00-0000000' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await service.send('documents.content', { documentId: 999999 })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });

  it('imports uploads and the bundled samples, and reparses', async () => {
    const seed = corpusSeeds()[1]!;
    const upload = await unwrap(service.send('import.upload.open', { files: 1 }));
    expect(upload).toMatchObject({ maxFileBytes: 50 * 1024 * 1024, maxFiles: 20_000 });
    expect(
      await service.files.receive(upload.uploadId, [
        incoming('dropped/letter.txt', fs.readFileSync(seed)),
        incoming('dropped/one-too-many.txt', Buffer.from('x')),
      ]),
    ).toEqual({
      received: 1,
      failed: [{ name: 'dropped/one-too-many.txt', message: expect.stringMatching(/opened for 1 file/) }],
    });
    const finish = await unwrap(
      service.send('import.upload.finish', {
        uploadId: upload.uploadId,
        unsent: [{ name: 'dropped/notes.docx', bytes: 9 }],
      }),
    );
    expect(finish.jobId).toBe(upload.jobId);
    const summary = (await service.waitForJob(upload.jobId)) as ImportSummary;
    expect(summary).toMatchObject({ imported: 1, skipped: 1 });
    expect(summary.outcomes.map((o) => o.path)).toEqual(['dropped/notes.docx', 'dropped/letter.txt']);
    // The upload's job showed the file arriving before it imported it.
    const uploadEvents = events.filter((e): e is JobEvent => e.type === 'job' && e.jobId === upload.jobId);
    expect(uploadEvents.some((e) => e.current === 'Receiving dropped/letter.txt')).toBe(true);
    // The received bytes are gone once imported.
    expect(fs.readdirSync(path.join(service.ctx.privateDir.dir, 'uploads'))).toEqual([]);

    const samples = await unwrap(service.send('import.samples', {}));
    expect(((await service.waitForJob(samples.jobId)) as ImportSummary).imported).toBe(1);

    const reparse = await unwrap(service.send('reparse.start', {}));
    expect(await service.waitForJob(reparse.jobId)).toEqual({
      documents: 2,
      reparsed: 2,
      failed: 0,
      orphanedCorrections: 0,
    });

    const closed = service.files.receive(upload.uploadId, [incoming('late.txt', Buffer.from('x'))]);
    await expect(closed).rejects.toThrow(/no longer receiving files/);
  });

  it('cancels an import job', async () => {
    const folder = path.join(dir, 'many');
    fs.mkdirSync(folder);
    const seed = fs.readFileSync(corpusSeeds()[2]!, 'utf8');
    for (let i = 0; i < 400; i++) fs.writeFileSync(path.join(folder, `${i}.txt`), `${seed}\n${i}`);
    const { jobId } = await unwrap(service.privileged.send('import.paths', { paths: [folder] }));
    expect(await unwrap(service.send('jobs.cancel', { jobId }))).toEqual({ cancelled: true });
    const summary = (await service.waitForJob(jobId)) as ImportSummary;
    expect(summary.cancelled).toBe(true);
    expect(summary.imported).toBeLessThan(400);
    expect(events.some((e) => e.type === 'job' && e.jobId === jobId && e.phase === 'cancelled')).toBe(true);
  });
});
