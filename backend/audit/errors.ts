/**
 * A correction the reviewer asked for that cannot be recorded as asked (bad
 * value, missing reason, item that does not exist, nothing to undo). The
 * message is shown to the reviewer as is, so it is one readable sentence.
 * Handlers turn it into an `invalid_input` API error.
 *
 * Messages may quote what was sent ("got "abc""); they are clipped so a huge
 * value never comes back in the error (issue 12).
 */
export class CorrectionError extends Error {
  constructor(message: string) {
    super(message.length > MAX_MESSAGE_CHARS ? `${message.slice(0, MAX_MESSAGE_CHARS - 1)}…` : message);
    this.name = 'CorrectionError';
  }
}

const MAX_MESSAGE_CHARS = 400;
