/**
 * Decide what a file is from its bytes, never from its extension: a letter
 * saved from a browser as "letter.pdf" may really be HTML, and a ".txt" may be
 * a PDF somebody renamed.
 */
import { utf16ByteOrder, withoutTrailingNuls } from './text-decoding';

export type SniffedKind = 'pdf' | 'text' | 'empty' | 'html' | 'binary';

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"
/** The PDF spec allows junk before the header; readers accept it within the first KiB. */
const PDF_HEADER_WINDOW = 1024;

export function sniffBytes(bytes: Uint8Array): SniffedKind {
  // NUL padding after the content (fixed-size block writers) is not content.
  const content = withoutTrailingNuls(bytes);
  if (content.length === 0 || isAllWhitespace(content)) return 'empty';
  if (findPdfHeader(bytes) >= 0) return 'pdf';
  if (looksLikeHtml(content)) return 'html';
  // UTF-16 is full of NUL bytes by nature: recognised by its BOM or by their pattern (text-decoding.ts).
  if (hasUtf16Bom(content) || utf16ByteOrder(content)) return 'text';
  return looksBinary(content) ? 'binary' : 'text';
}

export function findPdfHeader(bytes: Uint8Array): number {
  const limit = Math.min(bytes.length - PDF_MAGIC.length, PDF_HEADER_WINDOW);
  outer: for (let i = 0; i <= limit; i++) {
    for (let j = 0; j < PDF_MAGIC.length; j++) if (bytes[i + j] !== PDF_MAGIC[j]) continue outer;
    return i;
  }
  return -1;
}

function isAllWhitespace(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) return false;
  return true;
}

function hasUtf16Bom(bytes: Uint8Array): boolean {
  return (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
}

function looksLikeHtml(bytes: Uint8Array): boolean {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 512)).replace(/^\uFEFF|^ï»¿/, '');
  return /^\s*(<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<\?xml[^>]*>\s*<html)/i.test(head);
}

/**
 * Control bytes other than tab / LF / CR / FF (and ESC/SUB, which old word
 * processors leave behind) do not occur in text. A few are tolerated so one
 * stray byte does not reject a letter; NUL outside a UTF-16 file never is.
 */
export function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 64 * 1024);
  let controls = 0;
  for (const b of sample) {
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1a && b !== 0x1b) controls++;
  }
  return controls > Math.max(8, sample.length * 0.01);
}
