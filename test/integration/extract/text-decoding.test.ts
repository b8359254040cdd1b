import { readFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { extractLetterText, sniffBytes } from '../../../backend/extract';
import { decodeTextBytes, utf16ByteOrder } from '../../../backend/extract/text-decoding';
import { parseLetter } from '../../../shared/parser';

const REALWORLD = path.resolve(import.meta.dirname, '../../fixtures/realworld');
const realworld = (name: string) => new Uint8Array(readFileSync(path.join(REALWORLD, name)));

const sample = 'Case Number: CM16-0000042\nThe patient’s “request” – café, façade\nSecond line';
const le = (s: string) => new Uint8Array(Buffer.from(s, 'utf16le'));
const be = (s: string) => {
  const bytes = le(s);
  for (let i = 0; i < bytes.length; i += 2) [bytes[i], bytes[i + 1]] = [bytes[i + 1]!, bytes[i]!];
  return bytes;
};
const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
const concat = (...parts: (Uint8Array | number[])[]) => new Uint8Array(parts.flatMap((p) => [...p]));
const nuls = (n: number) => new Array<number>(n).fill(0);

describe('UTF-16 without a BOM', () => {
  it.each([
    ['LE', le, 'utf-16le'],
    ['BE', be, 'utf-16be'],
  ] as const)('%s is recognised by its NUL pattern and decoded', async (_name, encode, encoding) => {
    const bytes = encode(sample);
    expect(sniffBytes(bytes)).toBe('text');
    expect(utf16ByteOrder(bytes)).toBe(encoding);
    const letter = await extractLetterText(bytes, 'letter.txt');
    expect(letter.text).toBe(sample);
    expect(letter.encoding).toBe(encoding);
    expect(letter.warnings).toBeUndefined();
  });

  it('with NUL padding after the text, an odd number of NULs included', async () => {
    for (const pad of [1, 2, 3, 4096]) {
      for (const [encode, encoding] of [
        [le, 'utf-16le'],
        [be, 'utf-16be'],
      ] as const) {
        const letter = await extractLetterText(concat(encode(sample), nuls(pad)), 'letter.txt');
        expect(letter.text).toBe(sample);
        expect(letter.encoding).toBe(encoding);
      }
    }
  });

  it('the realworld UTF-16 LE letter imports with its fields', async () => {
    const letter = await extractLetterText(realworld('15a-utf16le-no-bom.txt'), '15a-utf16le-no-bom.txt');
    expect(letter.encoding).toBe('utf-16le');
    const parsed = parseLetter(letter);
    expect(parsed.caseNumber).toBe('CM99-0001501');
    expect(parsed.isImrLetter).toBe(true);
    expect(parsed.items.length).toBeGreaterThan(0);
  });

  it('single-byte text and real binary are not taken for UTF-16', () => {
    expect(utf16ByteOrder(utf8(sample))).toBeNull();
    expect(utf16ByteOrder(new Uint8Array([0x00, 0x00, 0x00, 0x01, 0x89, 0x50, 0x4e, 0x47, 0x00, 0x00]))).toBeNull();
    // A PNG-like header: NULs in no regular pattern.
    const binary = new Uint8Array([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52,
    ]);
    expect(sniffBytes(binary)).toBe('binary');
  });
});

describe('NUL padding after a single-byte text', () => {
  it('is ignored: the letter imports without the padding', async () => {
    const letter = await extractLetterText(concat(utf8(sample), nuls(80_000)), 'letter.txt');
    expect(letter.text).toBe(sample);
    expect(letter.encoding).toBe('utf-8');
  });

  it('the realworld padded letter imports', async () => {
    const bytes = realworld('15e-trailing-nul-padding.txt');
    expect(sniffBytes(bytes)).toBe('text');
    const letter = await extractLetterText(bytes, '15e-trailing-nul-padding.txt');
    expect(letter.text).not.toContain('\u0000');
    expect(parseLetter(letter).isImrLetter).toBe(true);
  });

  it('a NUL inside the text still marks binary data', () => {
    expect(sniffBytes(concat(utf8('abc'), [0], utf8('def')))).toBe('binary');
  });

  it('a file of NULs only is empty', () => expect(sniffBytes(new Uint8Array(64))).toBe('empty'));
});

describe('UTF-8 with a few bytes that are not UTF-8', () => {
  it('decodes as UTF-8, the odd bytes as Windows-1252, with a warning naming them', async () => {
    // A UTF-8 letter into which one Windows-1252 en dash (0x96) and one "é" (0xE9) were pasted.
    const bytes = concat(utf8('Café – naïve “quote” '), [0x96], utf8(' and caf'), [0xe9], utf8(' end'));
    const decoded = decodeTextBytes(bytes);
    expect(decoded.text).toBe('Café – naïve “quote” – and café end');
    expect(decoded.encoding).toBe('utf-8+windows-1252');
    expect(decoded.warnings).toHaveLength(1);
    expect(decoded.warnings[0]).toMatch(/2 bytes read as Windows-1252 \(0x96 "–" at byte \d+, 0xE9 "é" at byte \d+\)/);
    const letter = await extractLetterText(bytes, 'letter.txt');
    expect(letter.warnings).toEqual(decoded.warnings);
    expect(parseLetter(letter).warnings).toContain(decoded.warnings[0]);
  });

  it('a file that is Windows-1252 throughout stays Windows-1252 (no mojibake, no warning)', () => {
    const decoded = decodeTextBytes(new Uint8Array(iconv.encode(sample, 'win1252')));
    expect(decoded).toEqual({ text: sample, encoding: 'windows-1252', warnings: [] });
  });

  it('more odd bytes than UTF-8 sequences means Windows-1252', () => {
    // "Ã©" is a valid UTF-8 sequence by accident; three lone bytes outweigh it.
    const decoded = decodeTextBytes(new Uint8Array(iconv.encode('MÃ©dico – café – résumé', 'win1252')));
    expect(decoded.encoding).toBe('windows-1252');
    expect(decoded.text).toBe('MÃ©dico – café – résumé');
  });

  it('rejects overlong and surrogate forms as UTF-8', () => {
    // C0 AF is an overlong "/", ED A0 80 a surrogate: neither is UTF-8, both read as Windows-1252.
    const decoded = decodeTextBytes(concat(utf8('é é é '), [0xc0, 0xaf]));
    expect(decoded.encoding).toBe('utf-8+windows-1252');
    expect(decoded.text).toBe('é é é À¯');
  });

  it('a UTF-8 BOM file with odd bytes is read the same way', () => {
    const decoded = decodeTextBytes(concat([0xef, 0xbb, 0xbf], utf8('café '), [0x93, 0x61, 0x94]));
    expect(decoded.encoding).toBe('utf-8-bom+windows-1252');
    expect(decoded.text).toBe('café “a”');
  });
});
