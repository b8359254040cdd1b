/**
 * The thing a treatment line requests, as opposed to its lead-in and its
 * context. "Associated surgical service: knee brace" requests a knee brace;
 * "Two refills of Ibuprofen 600mg" requests Ibuprofen; "Post-operative
 * physical therapy for the shoulder after rotator cuff repair" requests
 * physical therapy — the shoulder and the repair are context. Category and
 * medication are read from the subject; the head phrase (the subject up to
 * its first preposition or clause break) names the service, and in an
 * English compound the last noun is the head ("spine surgery evaluation" is
 * an evaluation, "surgical boot" a boot).
 */

const COUNT =
  '(?:\\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|sixty|ninety)(?:\\s*\\(\\d+\\))?';

/**
 * Lead-ins that name the request's kind, timing or amount, not the thing
 * requested; stripped repeatedly from the start.
 */
const LEAD_INS: RegExp[] = [
  // "Associated surgical service: knee brace", "Surgical services: assistant surgeon".
  /^(?:associated\s+)?(?:surgical\s+|post-?\s*operative\s+|pre-?\s*operative\s+)?services?\s*:\s*/i,
  // "Retrospective request for", "Retro DOS 11/14/16:", "Prospective request for".
  /^(?:retrospective|retro|prospective|concurrent)\b(?:\s+(?:request|review|use))?(?:\s*\(?\s*(?:DOS|dates?\s+of\s+services?)\s*:?\s*[\d/.,\s&-]+(?:to|through|-)?\s*[\d/.]*\)?)?\s*(?:for\b|of\b|:)?\s*/i,
  /^(?:DOS|dates?\s+of\s+services?)\s*:?\s*[\d/.-]+(?:\s*(?:to|through|-)\s*[\d/.-]+)?\s*[:,-]?\s*/i,
  // "Request for", "Prescription of", "Purchase of", "Continued use of", "Trial of".
  /^(?:the\s+)?(?:request(?:ed)?|prescription|purchase|rental|trial|renewal|refills?|authori[sz]ation|use)\s+(?:of|for)\s+/i,
  /^(?:continued|continuing|continuation\s+of|continue)\s+(?:use\s+of\s+)?/i,
  // "Two refills of", "Four sessions of", "60 tablets of", "One (1) prescription of".
  new RegExp(
    `^(?:an?\\s+)?${COUNT}\\s+(?:additional\\s+)?(?:refills?|prescriptions?|sessions?|visits?|treatments?|tablets?|capsules?|boxes|bottles?|tubes?|packs?|pairs?|units?|months?(?:'|\\s+of)?\\s+supply)\\s+of\\s+`,
    'i',
  ),
  /^(?:an?|the|one|1|single)(?:\s*\(1\))?\s+(?=\S)/i,
  /^(?:additional|outpatient|further|repeat|new|initial)\s+/i,
];

/** Offset in `text` where the requested thing starts, after any lead-ins. */
export function subjectStart(text: string): number {
  let at = 0;
  for (let guard = 0; guard < 8; guard++) {
    const rest = text.slice(at);
    const lead = LEAD_INS.map((p) => p.exec(rest)).find((m) => m && m[0].length > 0 && m[0].length < rest.length);
    if (!lead) break;
    at += lead[0].length;
  }
  return at;
}

/**
 * Where the head phrase ends: the first preposition that opens the context
 * ("for the lumbar spine", "to the low back", "of the knee", "after surgery"),
 * a parenthesis, comma, semicolon or colon, or a frequency ("2 times a week").
 */
const CONTEXT = new RegExp(
  [
    '\\s+(?:for|to|of|at|on|into|with|without|after|following|before|prior\\s+to|due\\s+to|per|via|under|over|between|from|status\\s+post|s\\/p|post)\\s',
    // "in" opens context ("20% in cream base"), but not inside a product name ("3 in 1 commode").
    '(?<!\\d)\\s+in\\s+(?!\\d)',
    '\\s*[(,;:]',
    '\\s+[x×]\\s*\\d',
    `\\s+${COUNT}\\s*(?:x|times)\\b`,
    '\\s+(?:once|twice|daily|weekly|monthly)\\b',
    '\\s+-\\s',
  ].join('|'),
  'i',
);

/** End offset (in `text`) of the head phrase of the subject starting at `from`. */
export function headEnd(text: string, from: number): number {
  const m = CONTEXT.exec(text.slice(from));
  return m && m.index > 0 ? from + m.index : text.length;
}
