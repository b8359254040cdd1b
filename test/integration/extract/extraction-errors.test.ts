import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ExtractionError, extractLetterText, type ExtractionFailure } from '../../../backend/extract';
import { buildPdf } from './pdf-builder';
import { corpusPath } from './corpus-compare';

async function failure(bytes: Uint8Array, name: string): Promise<ExtractionError> {
  try {
    await extractLetterText(bytes, name);
  } catch (err) {
    expect(err).toBeInstanceOf(ExtractionError);
    return err as ExtractionError;
  }
  throw new Error(`${name} was expected to fail`);
}

function expectReason(err: ExtractionError, code: ExtractionFailure, reason: RegExp) {
  expect(err.code).toBe(code);
  expect(err.reason).toMatch(reason);
  expect(err.reason).not.toContain('\n');
}

const textPdf = () => buildPdf([{ texts: [{ text: 'A letter with a perfectly good text layer', x: 72, y: 700 }] }]);

describe('extraction errors carry a one-line reason', () => {
  it('empty file', async () => {
    expectReason(await failure(new Uint8Array(), 'empty.pdf'), 'empty', /empty file/);
    expectReason(await failure(new Uint8Array(Buffer.from(' \n\r\n\t')), 'blank.txt'), 'empty', /empty file/);
  });

  it('random bytes named .pdf', async () => {
    const random = new Uint8Array(4096).map((_, i) => (i * 7919 + 13) % 256);
    expectReason(await failure(random, 'random.pdf'), 'not-a-pdf', /not a PDF/);
  });

  it('a web page saved as .pdf is recognised by its bytes', async () => {
    const html = new Uint8Array(
      Buffer.from('<!DOCTYPE html>\n<html><head><title>Letter</title></head><body>IMR</body></html>'),
    );
    expectReason(await failure(html, 'letter.pdf'), 'not-a-pdf', /not a PDF: the file is a saved web page/);
  });

  it('a PDF named .txt is still read as a PDF (content decides)', async () => {
    expect((await extractLetterText(textPdf(), 'renamed.txt')).kind).toBe('pdf');
  });

  it('truncated PDF', async () => {
    const whole = new Uint8Array(readFileSync(corpusPath('CM16-0233794.pdf')));
    expectReason(
      await failure(whole.subarray(0, Math.floor(whole.length / 2)), 'cut.pdf'),
      'corrupt-pdf',
      /truncated PDF/,
    );
  });

  it('corrupt PDF body', async () => {
    const broken = textPdf();
    broken.fill(0x41, 200, 420);
    expectReason(await failure(broken, 'broken.pdf'), 'corrupt-pdf', /damaged PDF/);
  });

  it('PDF header but no document', async () => {
    const junk = new Uint8Array(
      Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(300, 0x20), Buffer.from('%%EOF')]),
    );
    expectReason(await failure(junk, 'junk.pdf'), 'corrupt-pdf', /damaged or truncated PDF/);
  });

  it('password-protected PDF', async () => {
    const locked = buildPdf([{ texts: [{ text: 'Secret letter', x: 72, y: 700 }] }], { userPassword: 'letmein' });
    expectReason(await failure(locked, 'locked.pdf'), 'password-protected', /password-protected PDF/);
  });

  it('PDF with drawings but neither text nor a scan', async () => {
    const drawing = buildPdf([{ drawing: '0.5 g 72 72 400 600 re f' }, { drawing: '0 g 72 72 10 10 re f' }]);
    expectReason(
      await failure(drawing, 'drawing.pdf'),
      'no-text-layer',
      /^no text layer: the pages hold only drawings \(no text, and no scanned image to read by OCR\)$/,
    );
  });

  it('PDF with a word of text: says how little text there is, not that it holds only drawings', async () => {
    const hello = buildPdf([{ texts: [{ text: 'Hello', x: 72, y: 700 }] }]);
    expectReason(
      await failure(hello, 'hello.pdf'),
      'no-text-layer',
      /^only 5 characters of text: too little for an IMR determination letter$/,
    );
  });

  it('binary data in a .txt', async () => {
    const binary = new Uint8Array(2048).map((_, i) => (i % 3 === 0 ? 0 : 65 + (i % 26)));
    expectReason(await failure(binary, 'data.txt'), 'binary-text', /binary data, not text/);
  });

  it('the message names the file; the reason does not', async () => {
    const err = await failure(new Uint8Array(), 'some letter.pdf');
    expect(err.message).toBe('some letter.pdf: empty file: it contains no text');
    expect(err.fileName).toBe('some letter.pdf');
  });
});
