/**
 * A correction the reviewer asked for that cannot be recorded as asked (bad
 * value, missing reason, item that does not exist, nothing to undo). The
 * message is shown to the reviewer as is, so it is one readable sentence.
 * Handlers turn it into an `invalid_input` API error.
 */
export class CorrectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CorrectionError';
  }
}
