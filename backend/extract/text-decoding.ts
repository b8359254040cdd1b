import iconv from 'iconv-lite';

export interface DecodedText {
  text: string;
  /** e.g. "utf-8", "utf-8-bom", "utf-16le", "utf-16be", "windows-1252", "utf-8+windows-1252". */
  encoding: string;
  /** What a reviewer should know about the decoding (bytes read another way); empty when clean. */
  warnings: string[];
}

/**
 * Letters arrive as whatever the sender's tools wrote: UTF-8 (with or without
 * BOM), UTF-16 from Windows "Unicode" text (with a BOM, or without one when a
 * tool dropped it), Windows-1252 from older exports, and UTF-8 into which a
 * few Windows-1252 characters were pasted. Never throws:
 *
 * - a BOM decides (a UTF-8 BOM file's odd bytes are read as below, whatever their number);
 * - UTF-16 without a BOM is recognised by its NUL-byte pattern (`utf16ByteOrder`);
 * - NUL padding after the text (tools that write fixed-size blocks) is dropped;
 * - otherwise UTF-8, where each byte that is not part of a valid UTF-8 sequence
 *   is read as Windows-1252 with a warning — as long as valid multi-byte UTF-8
 *   sequences are at least as many as such bytes (then the file is UTF-8 and
 *   the odd bytes are the exception); when they are not, the whole file is
 *   Windows-1252, as a file with "é" written as the single byte E9 is.
 */
export function decodeTextBytes(input: Uint8Array): DecodedText {
  const bytes = withoutTrailingNuls(input);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const utf8 = decodeUtf8(bytes.subarray(3), true);
    return { ...utf8, encoding: utf8.encoding.replace(/^utf-8/, 'utf-8-bom') };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return utf16(input.subarray(2), 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return utf16(input.subarray(2), 'utf-16be');
  const order = utf16ByteOrder(bytes);
  if (order) return utf16(input, order);
  return decodeUtf8(bytes);
}

/**
 * Byte order of UTF-16 text without a BOM, or null. Letter text is almost all
 * Latin, so in UTF-16 LE nearly every second byte (the high byte) is NUL and
 * the bytes between are not; BE is the mirror image. Single-byte text has no
 * NULs at all. The sample ignores NUL padding at the end.
 */
export function utf16ByteOrder(input: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const bytes = withoutTrailingNuls(input);
  const pairs = Math.min(bytes.length >> 1, 4096);
  if (pairs < 2) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < pairs; i++) {
    if (bytes[2 * i] === 0) evenNul++;
    if (bytes[2 * i + 1] === 0) oddNul++;
  }
  // A few characters of U+0100..U+FFFF have a NUL low byte (U+2000, U+0100); allow 2 %.
  if (oddNul >= pairs * 0.4 && evenNul <= pairs * 0.02) return 'utf-16le';
  if (evenNul >= pairs * 0.4 && oddNul <= pairs * 0.02) return 'utf-16be';
  return null;
}

/** The bytes without the run of NULs that pads some files after their text. */
export function withoutTrailingNuls(bytes: Uint8Array): Uint8Array {
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end--;
  return end === bytes.length ? bytes : bytes.subarray(0, end);
}

function utf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): DecodedText {
  // Drop the NUL padding but keep whole code units: the last character's own NUL byte (LE "A\0") stays.
  const end = withoutTrailingNuls(bytes).length;
  const text = new TextDecoder(encoding).decode(bytes.subarray(0, Math.min(bytes.length, end + (end % 2))));
  return { text: text.replace(/\u0000+$/, ''), encoding, warnings: [] };
}

/** Windows-1252 character of each byte, built once from iconv-lite's table. */
let cp1252: string[] | undefined;
function windows1252(byte: number): string {
  cp1252 ??= Array.from({ length: 256 }, (_, b) => iconv.decode(Buffer.from([b]), 'win1252'));
  return cp1252[byte]!;
}

/** `declared`: a BOM says the file is UTF-8, so odd bytes are always the exception. */
function decodeUtf8(bytes: Uint8Array, declared = false): DecodedText {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8', warnings: [] };
  } catch {
    // Some bytes are not UTF-8: decide below whether the file is UTF-8 with exceptions or Windows-1252.
  }
  const pieces: string[] = [];
  const utf8 = new TextDecoder('utf-8');
  let multiByte = 0;
  const invalid: number[] = [];
  let runStart = 0;
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const length = utf8SequenceLength(bytes, i);
    if (length > 0) {
      multiByte++;
      i += length;
      continue;
    }
    pieces.push(utf8.decode(bytes.subarray(runStart, i)), windows1252(b));
    invalid.push(i);
    i++;
    runStart = i;
  }
  pieces.push(utf8.decode(bytes.subarray(runStart)));
  if (!declared && (multiByte === 0 || invalid.length > multiByte)) {
    return {
      text: iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'win1252'),
      encoding: 'windows-1252',
      warnings: [],
    };
  }
  const shown = invalid
    .slice(0, 5)
    .map((at) => `0x${bytes[at]!.toString(16).toUpperCase()} "${windows1252(bytes[at]!)}" at byte ${at}`)
    .join(', ');
  const count = invalid.length === 1 ? 'one byte' : `${invalid.length} bytes`;
  return {
    text: pieces.join(''),
    encoding: 'utf-8+windows-1252',
    warnings: [
      `the file is UTF-8 except for ${count} read as Windows-1252 (${shown}${invalid.length > 5 ? ', …' : ''}): check those characters`,
    ],
  };
}

/**
 * Length of the well-formed UTF-8 sequence starting at `i` (2–4), or 0 when
 * the byte there does not start one (RFC 3629: no overlong forms, no
 * surrogates, nothing above U+10FFFF).
 */
function utf8SequenceLength(bytes: Uint8Array, i: number): number {
  const b0 = bytes[i]!;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => {
    const b = bytes[i + k];
    return b !== undefined && b >= lo && b <= hi;
  };
  if (b0 >= 0xc2 && b0 <= 0xdf) return cont(1) ? 2 : 0;
  if (b0 === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if ((b0 >= 0xe1 && b0 <= 0xec) || b0 === 0xee || b0 === 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (b0 === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0;
  if (b0 === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (b0 >= 0xf1 && b0 <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (b0 === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}
