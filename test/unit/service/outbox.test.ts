/**
 * An export for the browser is sent once: the request that takes it holds it
 * while sending, so a second request at the same time finds nothing; a send
 * that breaks off gives it back, so the reviewer can download it again.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Outbox } from '../../../backend/service/outbox';

let root: string;
let outbox: Outbox;
let id: string;

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'imr-outbox-'));
  outbox = new Outbox(() => root);
  const file = path.join(outbox.reserve(), 'cases.csv');
  fs.writeFileSync(file, 'a,b\n');
  id = outbox.register(file);
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe('a download is taken by one request', () => {
  it('a second claim while the first is sending gets nothing; once sent in full it is gone', () => {
    const file = outbox.claim(id);
    expect(file).toMatchObject({ name: 'cases.csv', bytes: 4 });
    expect(outbox.claim(id)).toBeNull();
    expect(outbox.get(id)).toBeNull();
    outbox.remove(id);
    expect(fs.existsSync(file!.path)).toBe(false);
    expect(outbox.claim(id)).toBeNull();
  });

  it('a send that broke off gives the file back', () => {
    expect(outbox.claim(id)).not.toBeNull();
    outbox.release(id);
    expect(outbox.claim(id)).toMatchObject({ name: 'cases.csv' });
  });
});
