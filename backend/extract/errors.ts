/**
 * Why a file could not be turned into letter text. `reason` is one line a
 * reviewer understands ("scanned image, no text layer: run OCR first"); the
 * importer shows it beside the file name and records it in the import summary.
 */
export type ExtractionFailure =
  | 'empty'
  | 'not-a-pdf'
  | 'corrupt-pdf'
  | 'password-protected'
  | 'no-text-layer'
  | 'binary-text'
  | 'unsupported-file'
  /** Over a bound on the work one file may cost (memory, time, pages): see README "Bounds". */
  | 'too-complex'
  /** Text that cannot be put into lines (several directions, scattered characters). */
  | 'unreadable-layout';

export class ExtractionError extends Error {
  constructor(
    readonly code: ExtractionFailure,
    readonly reason: string,
    readonly fileName?: string,
  ) {
    super(fileName ? `${fileName}: ${reason}` : reason);
    this.name = 'ExtractionError';
  }
}

export function isExtractionError(err: unknown): err is ExtractionError {
  return err instanceof ExtractionError;
}
