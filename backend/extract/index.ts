export { extractLetterText, type ExtractOptions } from './extract-letter-text';
export { ExtractionError, isExtractionError, type ExtractionFailure } from './errors';
export { parseFile, type ParsedFile } from './parse-file';
export { sniffBytes, type SniffedKind } from './sniff';
export { parseExtractedLetter } from './parse-extracted';
export { takeLargeInstanceDropped } from './pdfium/runtime';
