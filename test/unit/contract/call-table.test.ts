import { describe, expect, it } from 'vitest';
import { apiWrites, isApiName } from '../../../shared/api/contract';
import { isPrivilegedName, parsePrivilegedInput, privilegedWrites } from '../../../shared/api/privileged';

// Both call tables answer "is this a call", "does it write" and "is this input
// valid" through one helper (callTable); these are the answers the hosts rely on.
describe('call tables', () => {
  it('know only their own names, never inherited object keys', () => {
    for (const name of ['__proto__', 'toString', 'constructor', 'hasOwnProperty', '', 42, null]) {
      expect(isApiName(name)).toBe(false);
      expect(isPrivilegedName(name)).toBe(false);
    }
    expect(isApiName('cases.list')).toBe(true);
    expect(isPrivilegedName('import.paths')).toBe(true);
    expect(isApiName('import.paths')).toBe(false);
  });

  it('mark writing calls, so a read-only workspace refuses exactly those', () => {
    expect(privilegedWrites('import.paths')).toBe(true);
    expect(privilegedWrites('export.toFile')).toBe(false);
    expect(apiWrites('cases.list')).toBe(false);
    expect(apiWrites('corrections.apply')).toBe(true);
  });

  it('validate input and name the call in a short refusal', () => {
    const bad = parsePrivilegedInput('import.paths', { paths: ['relative/file.pdf'] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toMatch(/^import\.paths: .*absolute path/);
    const good = parsePrivilegedInput('import.paths', { paths: ['/tmp/a.pdf'] });
    expect(good).toEqual({ ok: true, value: { paths: ['/tmp/a.pdf'] } });
  });
});
