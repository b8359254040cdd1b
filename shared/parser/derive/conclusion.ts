import type { Conclusion } from '../../domain/letter';

/**
 * The rationale's closing verdict: the last statement of medical necessity
 * ("... Therefore, the request is not medically necessary."), or a few other
 * closing wordings ("non-certified", "medical necessity has not been
 * established") with lower confidence.
 *
 * Whether a statement is negative is decided in its own clause: a negation
 * reaches from the start of the clause to the verdict ("cannot be
 * considered medically necessary", "is not supported by the guidelines as
 * being medically necessary"), but not across a sentence end, a semicolon or
 * colon, a comma that closes an introductory clause ("Although the patient
 * did not improve, the request is medically necessary"), or a conjunction that
 * starts a new clause ("but", "however", "therefore"). Only verbal negation
 * counts ("not", "n't", "cannot", "never", "no longer", "neither/nor"); "no"
 * before a noun ("with no improvement") negates the noun, not the verdict.
 * Words glued by text extraction ("notmedically", "isnot") are read as words.
 */
const VERDICT =
  /\b(?:not\s*medically\s*(?:un)?necessary|(non)[\s-]*(?:been\s+)?(?:established\s+as\s+)?medically\s*necessary|medically\s*(?:un)?necessary|(non)-?\s*certified|(?:is|are)\s+(?:therefore\s+)?(not\s+)?certified|medical\s+necessity\s+(?:(?:of|for)\s+[^.;:]{1,80}?\s+)?(?:(?:has|have)\s+(?:not\s+)?been\s+|(?:is|was)\s+(?:not\s+)?|(?:cannot|can)\s+be\s+)(?:established|substantiated|demonstrated|shown|supported|documented|confirmed)|(?:is|are)\s+(not\s+)?a\s+medical\s+necessity|(?:no|lacks?|without)\s+medical\s+necessity)/gi;

/** "would be", "could be", "may be", "might be" right before a statement: a hypothetical, not the verdict. */
const HYPOTHETICAL = /\b(?:would|could|may|might)\s+(?:\w+\s+)?be\s+(?:\w+\s+)?$/i;

/**
 * Verbal negation ("isnot"/"notmedically", glued, count as well), a verb of
 * failing ("fails to establish"), and the absence of evidence ("no
 * documentation that …", "lack of evidence to support …").
 */
const NEGATION =
  /(?:\b|(?<=(?:is|are|was|were|be|been|has|have|had|does|do|did|can|could|would|should|will|shall|may|might|must)))(?:not|cannot|never|neither|nor|no\s+longer)(?:\b|(?=medically))|\b\w+n['’]t\b|\b(?:fail(?:s|ed|ing)?|unable)\s+to\b|\b(?:no|lack\s+of|lacks?|absence\s+of|without|insufficient|inadequate)\s+(?:\w+\s+){0,2}?(?:evidence|documentation|indication|rationale|support|reason|basis|justification|information|findings)\b/gi;

/** Where a clause starts: sentence ends, ; and :, and words that open a new clause. */
const CLAUSE_START =
  /(?:[.!?](?!\d)|[;:]|\b(?:but|however|although|though|whereas|while|because|since|unless|therefore|thus|hence|consequently|accordingly|so|as\s+such|in\s+conclusion|ultimately)\b)/gi;

/** Introductory words whose clause a comma closes ("Although …, the request is …"). */
const INTRODUCTORY =
  /^\s*(?:although|though|while|whereas|because|since|as|if|unless|despite|given|after|before|when|with|without|in\s+(?:light|view)\s+of|based\s+on|due\s+to|considering|regardless)\b/i;

/** The stretch of `text` before `at` that belongs to the clause ending at `at`. */
export function clauseBefore(text: string, at: number): string {
  const window = text.slice(Math.max(0, at - 400), at);
  let start = 0;
  CLAUSE_START.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CLAUSE_START.exec(window))) {
    // A clause-opening conjunction belongs to the clause it opens; punctuation does not.
    start = /^[.!?;:]/.test(m[0]) ? m.index + m[0].length : m.index;
  }
  const clause = window.slice(start);
  // "Although X did not improve, the request is …": the comma closes the introductory clause.
  const adverb =
    /^\s*(?:but|however|therefore|thus|hence|consequently|accordingly|so|as\s+such|in\s+conclusion|ultimately)\b\s*,?\s*/i.exec(
      clause,
    );
  const body = adverb ? clause.slice(adverb[0].length) : clause;
  const comma = body.lastIndexOf(',');
  return INTRODUCTORY.test(body) && comma >= 0 ? body.slice(comma + 1) : clause;
}

/** A negation in the clause before the verdict (parenthetical ", at this time," asides included). */
export function negatedBefore(text: string, at: number): boolean {
  const clause = clauseBefore(text, at);
  NEGATION.lastIndex = 0;
  return NEGATION.test(clause);
}

export function readConclusion(
  rationale: string | null,
): { value: Conclusion; index: number; length: number; confidence: number } | null {
  if (!rationale) return null;
  // The last statement decides; a hypothetical one ("a trial of 6 visits would be medically necessary") only
  // when the rationale makes no definite one.
  let last: RegExpExecArray | null = null;
  let lastHypothetical: RegExpExecArray | null = null;
  let m: RegExpExecArray | null;
  VERDICT.lastIndex = 0;
  while ((m = VERDICT.exec(rationale))) {
    if (HYPOTHETICAL.test(rationale.slice(Math.max(0, m.index - 40), m.index))) lastHypothetical = m;
    else last = m;
  }
  last ??= lastHypothetical;
  if (!last) return weakVerdict(rationale);
  const phrase = last[0].toLowerCase();
  const negative =
    /\b(?:not|non|cannot|no|lacks?|without)\b|non-?\s*certified|not\s+been|^non|^not|unnecessary/.test(phrase) ||
    negatedBefore(rationale, last.index);
  const strong = /medically\s*(?:un)?necessary|medical\s+necessity$/.test(phrase);
  return {
    value: negative ? 'not medically necessary' : 'medically necessary',
    index: last.index,
    length: last[0].length,
    confidence: strong ? 0.9 : 0.7,
  };
}

/** Without any statement of necessity, the last "is (not) recommended / supported / warranted" decides, weakly. */
const WEAK_VERDICT =
  /\b(?:is|are|was|were|be)\s+(not\s+)?(?:\w+\s+)?(?:recommended|supported|warranted|indicated|appropriate)\b/gi;

function weakVerdict(
  rationale: string,
): { value: Conclusion; index: number; length: number; confidence: number } | null {
  let last: RegExpExecArray | null = null;
  let m: RegExpExecArray | null;
  WEAK_VERDICT.lastIndex = 0;
  while ((m = WEAK_VERDICT.exec(rationale))) last = m;
  if (!last) return null;
  const negative = Boolean(last[1]) || negatedBefore(rationale, last.index);
  return {
    value: negative ? 'not medically necessary' : 'medically necessary',
    index: last.index,
    length: last[0].length,
    confidence: 0.5,
  };
}
