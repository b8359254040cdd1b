/**
 * The message of anything thrown: an Error's message, else its text. One
 * helper for every place that turns a caught value into words (verify's
 * report, an export's list of what it left out, a host's one-line refusal),
 * so none of them prints "[object Object]" or a stack where another prints
 * the message.
 */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
