/**
 * `npm run lint` refuses an import that crosses a layer: these run the
 * project's own ESLint configuration on small sources placed in each layer.
 */
import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

/** The layering messages ESLint reports for `code` as if it were the file at `file` (from the project root). */
async function layering(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return result!.messages.filter((m) => m.ruleId === 'layers/imports').map((m) => m.message);
}

describe('layers', () => {
  it('renderer imports shared only: not the backend, not Node, not Electron', async () => {
    expect(
      await layering('renderer/src/x.ts', "import { api } from '../../shared/api/contract';\nexport { api };"),
    ).toEqual([]);
    const messages = await layering(
      'renderer/src/x.ts',
      [
        "import { getCaseRecord } from '../../backend/store/cases';",
        "import type { BackendClient } from '../../electron/backend-client';",
        "import fs from 'node:fs';",
        "import path from 'path';",
        "import { ipcRenderer } from 'electron';",
        "export const later = () => import('../../backend/audit');",
        'export type { BackendClient };',
        'export { getCaseRecord, fs, path, ipcRenderer };',
      ].join('\n'),
    );
    expect(messages).toHaveLength(6);
    expect(messages[0]).toMatch(/^Bad layering: renderer\/src\/x\.ts may not import backend\/store\/cases/);
    expect(messages.join('\n')).toMatch(/"node:fs"[\s\S]*"path"[\s\S]*"electron"/);
  });

  it('shared imports nothing of another layer and no platform', async () => {
    const messages = await layering(
      'shared/domain/x.ts',
      [
        "import type { CaseRecord } from '../../backend/store/cases';",
        "import { useApp } from '../../renderer/src/store/appStore';",
        "import { createHash } from 'node:crypto';",
        "import { z } from 'zod';",
        'export type { CaseRecord };',
        'export { useApp, createHash, z };',
      ].join('\n'),
    );
    expect(messages).toHaveLength(3);
  });

  it('backend imports shared and itself, never the renderer or Electron', async () => {
    expect(
      await layering(
        'backend/x.ts',
        "import fs from 'node:fs';\nimport { api } from '../shared/api/contract';\nexport { fs, api };",
      ),
    ).toEqual([]);
    expect(
      await layering('backend/x.ts', "import { App } from '../renderer/src/components/App';\nexport { App };"),
    ).toHaveLength(1);
  });

  it('electron reaches the backend only through its client; the utility-process entry is the backend', async () => {
    expect(
      await layering(
        'electron/main.ts',
        "import { openDatabase } from '../backend/store/database';\nexport { openDatabase };",
      ),
    ).toHaveLength(1);
    expect(
      await layering(
        'electron/backend-process.ts',
        "import { createService } from '../backend/service/service';\nexport { createService };",
      ),
    ).toEqual([]);
  });

  it('tests and scripts may use every layer', async () => {
    expect(
      await layering(
        'test/unit/x.test.ts',
        "import { getCaseRecord } from '../../backend/store/cases';\nimport { useApp } from '../../renderer/src/store/appStore';\nexport { getCaseRecord, useApp };",
      ),
    ).toEqual([]);
  });
});
