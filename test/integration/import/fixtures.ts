/**
 * Files for importer tests and the import benchmark: copies of the corpus,
 * letter variants with distinct bytes, and every kind of bad input, built
 * byte by byte so the tests need no tool beyond Node.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const CORPUS_DIR = path.resolve(import.meta.dirname, '../../fixtures/corpus');
export const CORPUS_PDF_DIR = path.join(CORPUS_DIR, 'letters');
export const CORPUS_SEED_DIR = path.join(CORPUS_DIR, 'seeds');

export function corpusPdfs(): string[] {
  return fs
    .readdirSync(CORPUS_PDF_DIR)
    .filter((f) => f.endsWith('.pdf'))
    .sort()
    .map((f) => path.join(CORPUS_PDF_DIR, f));
}

export function corpusSeeds(): string[] {
  return fs
    .readdirSync(CORPUS_SEED_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => path.join(CORPUS_SEED_DIR, f));
}

export function makeTmpDir(prefix = 'imr-import-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * The same PDF with different bytes: readers ignore anything after %%EOF, so a
 * trailing comment changes the sha256 (a new document) but not the letter.
 */
export function pdfVariant(bytes: Buffer, n: number): Buffer {
  return Buffer.concat([bytes, Buffer.from(`\n% imr-workbench test variant ${n}\n`)]);
}

/**
 * A distinct text letter from a seed: the patient's age and the first year in
 * the letter change (so parsed values differ too), and trailing blanks make the
 * bytes unique for every n — (n mod 100, n div 100) identifies n.
 */
export function textLetterVariant(seed: string, n: number): string {
  const age = 20 + (n % 50);
  let varied = seed.replace(/\b\d{2}([- ]year[- ]old)\b/, `${age}$1`);
  varied = varied.replace(/\b(19|20)(\d{2})\b/, (_m, century: string, year: string) => {
    return `${century}${String((Number(year) + n) % 100).padStart(2, '0')}`;
  });
  return `${varied}\n${' '.repeat(Math.floor(n / 100))}\n`;
}

/** Minimal well-formed PDF from object bodies (1-based ids), with a correct xref table. */
export function buildPdf(objects: string[], trailerExtra = ''): Buffer {
  let out = '%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailerExtra} >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

function stream(content: string): string {
  return `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`;
}

const PAGE_TREE = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>'];

/** A "scanned" page: graphics only, no text layer. */
export function pdfWithoutText(): Buffer {
  return buildPdf([
    ...PAGE_TREE,
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << >> >>',
    stream('0.2 0.2 0.2 rg 72 72 468 648 re f'),
  ]);
}

/** A one-page PDF with real text (control case for the builder). */
export function pdfWithText(text: string): Buffer {
  return buildPdf([
    ...PAGE_TREE,
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    stream(`BT /F1 12 Tf 72 720 Td (${text.replace(/[()\\]/g, '\\$&')}) Tj ET`),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ]);
}

const PASSWORD_PADDING = Buffer.from('28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a', 'hex');

function rc4(key: Buffer, data: Buffer): Buffer {
  const s = Array.from({ length: 256 }, (_, i) => i);
  let j = 0;
  for (let i = 0; i < 256; i++) {
    j = (j + s[i]! + key[i % key.length]!) & 255;
    [s[i], s[j]] = [s[j]!, s[i]!];
  }
  const out = Buffer.alloc(data.length);
  let i = 0;
  j = 0;
  for (let k = 0; k < data.length; k++) {
    i = (i + 1) & 255;
    j = (j + s[i]!) & 255;
    [s[i], s[j]] = [s[j]!, s[i]!];
    out[k] = data[k]! ^ s[(s[i]! + s[j]!) & 255]!;
  }
  return out;
}

const md5 = (...parts: Buffer[]) => createHash('md5').update(Buffer.concat(parts)).digest();
const padPassword = (pw: string) => Buffer.concat([Buffer.from(pw, 'latin1'), PASSWORD_PADDING]).subarray(0, 32);

/**
 * A PDF that needs a user password to open (Standard security handler, RC4
 * 40-bit, revision 2: PDF 1.4 spec algorithms 3.2–3.4). Readers must ask for
 * the password; the importer must say so instead of failing obscurely.
 */
export function passwordProtectedPdf(userPassword = 'secret', ownerPassword = 'owner'): Buffer {
  const id = randomBytes(16);
  const permissions = -44;
  const ownerKey = md5(padPassword(ownerPassword)).subarray(0, 5);
  const o = rc4(ownerKey, padPassword(userPassword));
  const p = Buffer.alloc(4);
  p.writeInt32LE(permissions);
  const fileKey = md5(padPassword(userPassword), o, p, id).subarray(0, 5);
  const u = rc4(fileKey, PASSWORD_PADDING);
  // Content streams are left as they are: a reader that cannot authenticate never gets to them.
  return buildPdf(
    [
      ...PAGE_TREE,
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << >> >>',
      stream('0 0 0 rg 72 72 10 10 re f'),
      `<< /Filter /Standard /V 1 /R 2 /O <${o.toString('hex')}> /U <${u.toString('hex')}> /P ${permissions} >>`,
    ],
    `/Encrypt 5 0 R /ID [<${id.toString('hex')}> <${id.toString('hex')}>]`,
  );
}

export const HTML_SAVED_AS_PDF = Buffer.from(
  '<!DOCTYPE html>\n<html><head><title>IMR Determination</title></head>\n<body><p>Final Determination Letter for IMR Case Number CM16-0000001</p></body></html>\n',
);

export const NOT_AN_IMR_LETTER = [
  'Grocery list for the weekend',
  '',
  'Apples, pears and two loaves of bread.',
  'Remember to call the plumber about the kitchen sink on Monday morning.',
  'Pick up the dry cleaning before six.',
].join('\n');

export interface BadInputSet {
  dir: string;
  /** file name → a regex its rejection reason must match */
  expectedReasons: Record<string, RegExp>;
}

/**
 * Writes one file of every kind of bad input into `dir` (and returns which
 * reason each must be rejected with). `maxFileBytes` is the limit the test
 * imports with; one file is made larger than it.
 */
export function writeBadInputs(dir: string, maxFileBytes: number): BadInputSet {
  fs.mkdirSync(dir, { recursive: true });
  const sample = fs.readFileSync(corpusPdfs()[0]!);
  const write = (name: string, bytes: Buffer | string) => fs.writeFileSync(path.join(dir, name), bytes);
  write('empty.pdf', Buffer.alloc(0));
  write('blank.txt', '   \n\n  \t\n');
  write('random-bytes.pdf', randomBytes(4096));
  write('truncated.pdf', sample.subarray(0, Math.floor(sample.length / 3)));
  write('password-protected.pdf', passwordProtectedPdf());
  write('scanned-no-text.pdf', pdfWithoutText());
  write('saved-web-page.pdf', HTML_SAVED_AS_PDF);
  write(
    'too-large.pdf',
    pdfVariant(sample, 0).length > maxFileBytes ? pdfVariant(sample, 0) : Buffer.alloc(maxFileBytes + 1, 0x20),
  );
  write('grocery-list.txt', NOT_AN_IMR_LETTER);
  write('binary.txt', randomBytes(2048));
  fs.symlinkSync(path.join(dir, 'does-not-exist.pdf'), path.join(dir, 'dangling-link.pdf'));
  return {
    dir,
    expectedReasons: {
      'empty.pdf': /empty/i,
      'blank.txt': /empty/i,
      'random-bytes.pdf': /not a PDF/i,
      'truncated.pdf': /damaged|truncated/i,
      'password-protected.pdf': /password/i,
      'scanned-no-text.pdf': /no text layer/i,
      'saved-web-page.pdf': /web page|HTML/i,
      'too-large.pdf': /too large/i,
      'grocery-list.txt': /not an IMR/i,
      'binary.txt': /binary/i,
      'dangling-link.pdf': /broken link/i,
    },
  };
}
