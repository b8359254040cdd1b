import iconv from 'iconv-lite';

export interface DecodedText {
  text: string;
  /** e.g. "utf-8", "utf-8-bom", "utf-16le", "utf-16be", "windows-1252". */
  encoding: string;
}

/**
 * Letters arrive as whatever the sender's tools wrote: UTF-8 (with or without
 * BOM), UTF-16 with BOM from Windows "Unicode" text, or Windows-1252 from older
 * exports. A BOM decides; otherwise strict UTF-8, and if that fails the bytes
 * are Windows-1252 (every byte decodes, so this never throws).
 */
export function decodeTextBytes(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return {
      text: iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'win1252'),
      encoding: 'windows-1252',
    };
  }
}
