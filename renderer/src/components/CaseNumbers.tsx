/**
 * Case numbers kept whole on their line. "CM16-0232182" has a hyphen, where a browser may break a line: in a narrow
 * pane the number was split as "CM16-" / "0232182", which a reviewer misreads or cannot search for. CSS keeps each
 * one unbroken (`.case-number`, white-space: nowrap); the text itself is not changed (no non-breaking hyphen), so
 * what is copied or selected for a field is the letter's own characters.
 */
import { CASE_NUMBER_IN_TEXT } from '../../../shared/domain/fields';

/** `text` cut into runs, each a case number (CASE_NUMBER_IN_TEXT) or the text between; joined, they are `text`. */
export function caseNumberParts(text: string): { text: string; caseNumber: boolean }[] {
  const parts: { text: string; caseNumber: boolean }[] = [];
  let at = 0;
  for (const match of text.matchAll(CASE_NUMBER_IN_TEXT)) {
    if (match.index > at) parts.push({ text: text.slice(at, match.index), caseNumber: false });
    parts.push({ text: match[0], caseNumber: true });
    at = match.index + match[0].length;
  }
  if (at < text.length || parts.length === 0) parts.push({ text: text.slice(at), caseNumber: false });
  return parts;
}

/** `text` with each case number in it kept unbroken (a span of class case-number-text). */
export function CaseNumbers({ text }: { text: string }) {
  return (
    <>
      {caseNumberParts(text).map((part, i) =>
        part.caseNumber ? (
          <span key={i} className="case-number-text">
            {part.text}
          </span>
        ) : (
          part.text
        ),
      )}
    </>
  );
}
