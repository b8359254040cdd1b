/**
 * `imr`'s exit codes are defined once (backend/hosts/cli/output.ts): the code returns EXIT's codes, `imr --help`
 * prints EXIT_CODES_TEXT (test/integration/hosts/cli.test.ts), and the README must say the same, word for word.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { EXIT, EXIT_CODES_TEXT } from '../../../backend/hosts/cli/output';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const flat = (text: string) => text.replace(/\s+/g, ' ');

it('the README states the exit codes as imr --help does', () => {
  const readme = flat(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8'));
  expect(readme).toContain(flat(EXIT_CODES_TEXT).replace(/^Exit codes: /, ''));
});

it('the text names each code EXIT defines', () => {
  for (const code of Object.values(EXIT)) expect(EXIT_CODES_TEXT).toMatch(new RegExp(`[:;] ${code} `));
});
