/**
 * A real workspace database in a temp folder, served by the real service, with
 * cases written through the store's own write functions.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ApiName, ApiOutput, ApiResult } from '../../../shared/api/contract';
import type { ParsedLetter } from '../../../shared/domain/letter';
import type { BackendEvent } from '../../../shared/domain/case';
import { createService, type Service } from '../../../backend/service/service';
import { storeLetter } from '../../../backend/store/letters';

export interface TestWorkspace {
  dir: string;
  dbPath: string;
  service: Service;
  events: BackendEvent[];
  addCase(parsed: ParsedLetter, fileName?: string): number;
  close(): void;
}

export function openWorkspace(): TestWorkspace {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imr-audit-'));
  const dbPath = path.join(dir, 'workspace.sqlite');
  const service = createService({ dbPath, host: 'test', samplesDir: null, settingsPath: null });
  const events: BackendEvent[] = [];
  service.onEvent((event) => events.push(event));
  let files = 0;
  return {
    dir,
    dbPath,
    service,
    events,
    addCase(parsed, fileName = `${parsed.caseNumber ?? 'letter'}-${++files}.txt`) {
      const text = `${parsed.caseNumber ?? ''}\nIndependent Medical Review Final Determination\n${fileName}`;
      const db = service.ctx.db;
      return db.transaction(
        () =>
          storeLetter(db, {
            sha256: createHash('sha256').update(text).digest('hex'),
            fileName,
            originalPath: path.join(dir, fileName),
            size: Buffer.byteLength(text),
            kind: 'text',
            importedAt: new Date().toISOString(),
            importRunId: null,
            letterText: { text, lines: [], pageCount: 1, kind: 'text', encoding: 'utf-8' },
            original: Buffer.from(text),
            parsed,
          }).caseId,
      )();
    },
    close() {
      service.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Unwraps a successful API result, failing the test with the API's own message otherwise. */
export function ok<T>(result: ApiResult<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

export function failure<T>(result: ApiResult<T>): { code: string; message: string } {
  if (result.ok) throw new Error('expected the call to be refused, but it succeeded');
  return result.error;
}

export type Output<N extends ApiName> = ApiOutput<N>;
