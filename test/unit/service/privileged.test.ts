import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { API_NAMES, parseApiInput, parseCallInput } from '../../../shared/api/contract';
import { LIMITS, inputShapeProblem } from '../../../shared/api/limits';
import { PRIVILEGED_NAMES } from '../../../shared/api/privileged';
import {
  answerCall,
  createService,
  handlers,
  privilegedHandlers,
  type Service,
} from '../../../backend/service/service';
import { GRANT_LIFETIME_MS, GrantStore } from '../../../backend/service/grants';

let service: Service | undefined;
const dirs: string[] = [];
function open(): Service {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imr-priv-'));
  dirs.push(dir);
  service = createService({ dbPath: path.join(dir, 'ws.sqlite'), host: 'test', samplesDir: null, settingsPath: null });
  return service;
}
afterEach(() => {
  service?.close();
  service = undefined;
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('the privileged part of the contract', () => {
  it('shares no name with the renderer-facing API, and each table has exactly its own handlers', () => {
    expect(PRIVILEGED_NAMES.filter((n) => (API_NAMES as string[]).includes(n))).toEqual([]);
    expect(Object.keys(handlers).sort()).toEqual([...API_NAMES].sort());
    expect(Object.keys(privilegedHandlers).sort()).toEqual([...PRIVILEGED_NAMES].sort());
  });

  it.each(PRIVILEGED_NAMES)('%s is unknown to service.dispatch, the entry IPC and HTTP use', async (name) => {
    const s = open();
    const dir = dirs[0]!;
    expect(await s.dispatch(name, { paths: [dir], outPath: path.join(dir, 'x.csv'), format: 'csv' })).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: `Unknown API call: ${name}` },
    });
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.csv'))).toEqual([]);
  });

  it('no renderer-facing call takes a path: export.start refuses outPath, imports take grants or bytes', () => {
    const attempts: [string, unknown][] = [
      ['export.start', { format: 'xlsx', outPath: '/tmp/x.xlsx' }],
      ['export.start', { format: 'csv', path: '/tmp/x.csv' }],
      ['import.start', { grant: '/home/reviewer/letters' }],
      ['import.start', { paths: ['/home/reviewer/letters'] }],
      ['import.upload.finish', { uploadId: '../../../../etc', unsent: [] }],
    ];
    for (const [name, args] of attempts) {
      expect(parseApiInput(name as 'export.start', args)).toMatchObject({
        ok: false,
        error: { code: 'invalid_input' },
      });
    }
  });

  it('privileged calls refuse relative paths', async () => {
    const s = open();
    expect(await s.privileged.send('import.paths', { paths: ['letters'] })).toMatchObject({ ok: false });
    expect(await s.privileged.send('export.toFile', { format: 'csv', outPath: 'out.csv' })).toMatchObject({
      ok: false,
    });
  });
});

describe('grants', () => {
  it('are single-use, expire, and are refused for another purpose with one message for every failure', () => {
    let now = 1_000;
    const grants = new GrantStore(() => now);
    const refusal = /no longer valid/;
    const imp = grants.issue({ purpose: 'import', paths: ['/home/r/letters'] });
    expect(imp.label).toBe('/home/r/letters');
    expect(() => grants.take(imp.grant, 'export')).toThrow(refusal);
    expect(grants.take(imp.grant, 'import').paths).toEqual(['/home/r/letters']);
    expect(() => grants.take(imp.grant, 'import')).toThrow(refusal);
    expect(() => grants.take('made-up-grant-id-0000', 'import')).toThrow(refusal);

    const late = grants.issue({ purpose: 'export', format: 'csv', paths: ['/home/r/out.csv'] });
    now += GRANT_LIFETIME_MS;
    expect(() => grants.take(late.grant, 'export')).toThrow(refusal);
  });

  it('keeps reusable import grants (folders named on the command line) and lists them for the UI', () => {
    const grants = new GrantStore();
    const folder = grants.issue({ purpose: 'import', paths: ['/srv/letters'], reusable: true });
    grants.take(folder.grant, 'import');
    expect(grants.take(folder.grant, 'import').paths).toEqual(['/srv/letters']);
    expect(grants.importFolders()).toEqual([folder]);
  });

  it('refuses an export grant for a file of another format', () => {
    const grants = new GrantStore();
    expect(() => grants.issue({ purpose: 'export', format: 'xlsx', paths: ['/home/r/out.csv'] })).toThrow(/\.xlsx/);
  });

  it('keeps at most 64 single-use grants, dropping the oldest', () => {
    const grants = new GrantStore();
    const ids = Array.from({ length: 65 }, (_, i) => grants.issue({ purpose: 'import', paths: [`/d/${i}`] }).grant);
    expect(() => grants.take(ids[0]!, 'import')).toThrow();
    expect(grants.take(ids[64]!, 'import').paths).toEqual(['/d/64']);
  });
});

describe('input limits at the contract', () => {
  it('backs up every schema: what one lets through is still bounded in depth, list and string length', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    // A schema that accepts anything (as a careless new call might) still gets nothing unbounded through.
    const anything = z.unknown();
    expect(parseCallInput('new.call', anything, { value: deep })).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        message: `new.call: the input is nested deeper than ${LIMITS.inputDepth} levels`,
        // The call and the problem apart, for a host that words it for a person (imr leaves the call out).
        refused: { call: 'new.call', problem: `the input is nested deeper than ${LIMITS.inputDepth} levels` },
      },
    });
    expect(parseCallInput('new.call', z.object({ n: z.number() }).strict(), { n: 'one' })).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        message: 'new.call: n: Invalid input: expected number, received string',
        refused: { call: 'new.call', problem: 'n: Invalid input: expected number, received string' },
      },
    });
    expect(parseCallInput('new.call', anything, { a: new Array(LIMITS.arrayItems + 1).fill(0) })).toMatchObject({
      ok: false,
      error: { message: `new.call: a: a list has more than ${LIMITS.arrayItems} entries` },
    });
    expect(parseCallInput('new.call', anything, { a: 'x'.repeat(LIMITS.stringChars + 1) })).toMatchObject({
      ok: false,
      error: { message: /longer than/ },
    });
    expect(inputShapeProblem({ ['k'.repeat(LIMITS.stringChars + 1)]: 1 })).toMatch(/key is longer/);
    expect(inputShapeProblem({ filter: { search: 'acupuncture' }, caseIds: [1, 2, 3] })).toBeNull();
    // Lists and objects, and values, in all: 2,000,000 empty objects cost JSON.parse and zod seconds.
    expect(inputShapeProblem({ caseIds: new Array(LIMITS.inputContainers).fill({}) })).toMatch(
      /more than 50,000 lists and objects/,
    );
    expect(
      inputShapeProblem({
        a: new Array(LIMITS.arrayItems).fill(0),
        b: new Array(LIMITS.inputEntries).fill(0).slice(0, 200_000),
      }),
    ).toMatch(/more than 1,100,000 values/);
    // The real calls refuse such input by their own bounds first (the change limits of issue 12 for a value).
    const change = { type: 'set-field', path: 'patientAge', value: deep };
    expect(parseApiInput('corrections.apply', { caseId: 1, reviewer: 'A', change })).toMatchObject({ ok: false });
  });

  it('never repeats a large input in an error', () => {
    const key = 'k'.repeat(100_000);
    const result = parseApiInput('cases.list', { [key]: 1, filter: { search: 's'.repeat(50_000) } });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message.length).toBeLessThanOrEqual(LIMITS.errorMessageChars);
  });
});

describe('per-call timeout', () => {
  it('answers with a timeout error when a handler does not answer in time', async () => {
    vi.useFakeTimers();
    try {
      const answer = answerCall(() => new Promise(() => undefined), 'cases.list', 60_000);
      await vi.advanceTimersByTimeAsync(60_000);
      expect(await answer).toEqual({
        ok: false,
        error: { code: 'timeout', message: 'cases.list did not answer within 60 s' },
      });
    } finally {
      vi.useRealTimers();
    }
  });

  it('waits as long as it takes when the host sets no timeout (the CLI)', async () => {
    vi.useFakeTimers();
    try {
      let finish: (value: string) => void = () => undefined;
      const answer = answerCall(() => new Promise((resolve) => (finish = resolve)), 'audit.verify', Infinity);
      await vi.advanceTimersByTimeAsync(10 * 60_000);
      finish('report');
      expect(await answer).toEqual({ ok: true, value: 'report' });
    } finally {
      vi.useRealTimers();
    }
  });

  it('turns a thrown error into an error value', async () => {
    expect(await answerCall(() => Promise.reject(new Error('disk gone')), 'x')).toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });
  });
});
