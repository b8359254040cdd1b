/**
 * The message of anything thrown: an Error's message, else its text. One
 * helper for every place that turns a caught value into words (verify's
 * report, an export's list of what it left out, a host's one-line refusal,
 * an import's reason a file was rejected), so none of them prints
 * "[object Object]" or a stack where another prints the message.
 */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * The first line of {@link errorText}, cut to `maxChars` characters (all of
 * it when not given): for a reason shown on one line beside a file name (an
 * import outcome, an extraction failure) or in a status line, where an
 * engine's multi-line message or dump would otherwise flood the list.
 */
export function errorLine(err: unknown, maxChars = Infinity): string {
  return errorText(err).split('\n')[0]!.slice(0, maxChars);
}
