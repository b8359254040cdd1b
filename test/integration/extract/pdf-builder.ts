/**
 * Builds small, valid PDFs for extraction tests: positioned text in the
 * standard Helvetica / Helvetica-Bold fonts (so pdf.js needs its standard
 * font data), optional RC4 password protection (standard security handler,
 * revision 2), correct cross-reference offsets.
 */
import { createHash } from 'node:crypto';

export interface PdfText {
  text: string;
  x: number;
  y: number;
  size?: number;
  bold?: boolean;
}

export interface PdfPage {
  texts?: PdfText[];
  /** Raw content-stream operators drawn after the text (e.g. a filled rectangle standing in for a scan). */
  drawing?: string;
}

export interface PdfOptions {
  /** Protect with this user password (owner password is fixed). */
  userPassword?: string;
}

const PADDING = Buffer.from('28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a', 'hex');

export function buildPdf(pages: PdfPage[], options: PdfOptions = {}): Uint8Array {
  const objects: string[] = [];
  const add = (body: string) => objects.push(body) - 1 + 1; // returns object number (1-based)
  const catalog = add('');
  const pagesObj = add('');
  const regular = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const bold = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>');
  const fileId = createHash('md5').update('imr-workbench-test').digest();
  const encryption = options.userPassword !== undefined ? makeEncryption(options.userPassword, fileId) : null;

  const streams = new Map<number, Buffer>();
  const pageNumbers: number[] = [];
  for (const page of pages) {
    const ops: string[] = [];
    for (const t of page.texts ?? []) {
      ops.push(`BT /${t.bold ? 'F2' : 'F1'} ${t.size ?? 12} Tf ${t.x} ${t.y} Td (${escapePdfString(t.text)}) Tj ET`);
    }
    if (page.drawing) ops.push(page.drawing);
    const contentNumber = add('');
    streams.set(contentNumber, Buffer.from(ops.join('\n'), 'latin1'));
    const pageNumber = add(
      `<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 ${regular} 0 R /F2 ${bold} 0 R >> >> /Contents ${contentNumber} 0 R >>`,
    );
    pageNumbers.push(pageNumber);
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObj} 0 R >>`;
  objects[pagesObj - 1] =
    `<< /Type /Pages /Kids [${pageNumbers.map((n) => `${n} 0 R`).join(' ')}] /Count ${pageNumbers.length} >>`;
  const encryptNumber = encryption ? add(encryption.dictionary) : null;

  const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let length = chunks[0]!.length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    const number = i + 1;
    offsets.push(length);
    let chunk: Buffer;
    const stream = streams.get(number);
    if (stream) {
      const data = encryption ? encryption.encrypt(number, stream) : stream;
      chunk = Buffer.concat([
        Buffer.from(`${number} 0 obj\n<< /Length ${data.length} >>\nstream\n`, 'latin1'),
        data,
        Buffer.from('\nendstream\nendobj\n', 'latin1'),
      ]);
    } else {
      chunk = Buffer.from(`${number} 0 obj\n${body}\nendobj\n`, 'latin1');
    }
    chunks.push(chunk);
    length += chunk.length;
  });
  const trailer = `/Root ${catalog} 0 R${encryptNumber ? ` /Encrypt ${encryptNumber} 0 R` : ''} /ID [<${fileId.toString('hex')}> <${fileId.toString('hex')}>]`;
  chunks.push(Buffer.from(crossReference(offsets, length, trailer), 'latin1'));
  return new Uint8Array(Buffer.concat(chunks));
}

/**
 * The end of a PDF: cross-reference table for objects 1..n at `offsets`, the
 * trailer (`trailer`: its entries besides /Size), startxref and %%EOF.
 */
export function crossReference(offsets: number[], xrefOffset: number, trailer: string): string {
  return [
    'xref',
    `0 ${offsets.length + 1}`,
    '0000000000 65535 f ',
    ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n `),
    'trailer',
    `<< /Size ${offsets.length + 1} ${trailer} >>`,
    'startxref',
    String(xrefOffset),
    '%%EOF',
    '',
  ].join('\n');
}

function escapePdfString(s: string): string {
  return s.replace(/[\\()]/g, (c) => `\\${c}`);
}

/** Standard security handler, V1 / R2 (40-bit RC4): enough for pdf.js to demand the password. */
function makeEncryption(userPassword: string, fileId: Buffer) {
  const pad = (pw: string) => Buffer.concat([Buffer.from(pw, 'latin1'), PADDING]).subarray(0, 32);
  const ownerKey = createHash('md5').update(pad('owner-secret')).digest().subarray(0, 5);
  const O = rc4(ownerKey, pad(userPassword));
  const permissions = -4;
  const P = Buffer.alloc(4);
  P.writeInt32LE(permissions);
  const key = createHash('md5')
    .update(Buffer.concat([pad(userPassword), O, P, fileId]))
    .digest()
    .subarray(0, 5);
  const U = rc4(key, PADDING);
  return {
    dictionary: `<< /Filter /Standard /V 1 /R 2 /O <${O.toString('hex')}> /U <${U.toString('hex')}> /P ${permissions} >>`,
    encrypt(objectNumber: number, data: Buffer): Buffer {
      const salt = Buffer.from([objectNumber & 0xff, (objectNumber >> 8) & 0xff, (objectNumber >> 16) & 0xff, 0, 0]);
      const objectKey = createHash('md5')
        .update(Buffer.concat([key, salt]))
        .digest()
        .subarray(0, 10);
      return rc4(objectKey, data);
    },
  };
}

function rc4(key: Buffer, data: Buffer): Buffer {
  const s = Array.from({ length: 256 }, (_, i) => i);
  let j = 0;
  for (let i = 0; i < 256; i++) {
    j = (j + s[i]! + key[i % key.length]!) & 0xff;
    [s[i], s[j]] = [s[j]!, s[i]!];
  }
  const out = Buffer.alloc(data.length);
  let i = 0;
  j = 0;
  for (let n = 0; n < data.length; n++) {
    i = (i + 1) & 0xff;
    j = (j + s[i]!) & 0xff;
    [s[i], s[j]] = [s[j]!, s[i]!];
    out[n] = data[n]! ^ s[(s[i]! + s[j]!) & 0xff]!;
  }
  return out;
}
