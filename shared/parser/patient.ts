import type { Sex, Span } from '../domain/letter';
import { DATE_PATTERN, toIsoDate } from './dates';
import type { Located } from './provenance';
import { foldWhitespace } from './text';

export interface PatientFacts {
  age?: Located<number>;
  sex?: Located<Sex>;
  dateOfInjury?: Located<string>;
  diagnoses?: Located<string[]>;
}

/**
 * Facts about the injured worker stated in the clinical summary's prose:
 * "a 48 year old male", "a now 67-year-old male", "is a female who",
 * "sustained an industrial injury on November 16, 2000", "injury date of
 * 02/03/14", "Diagnoses include ...". Everything here is inferred from
 * prose, so confidence is below 1.
 */
export function readPatientFacts(text: string, summary: Span): PatientFacts {
  const area = text.slice(summary.start, summary.end);
  const abs = (s: number, e: number): Span => ({ start: summary.start + s, end: summary.start + e });
  const out: PatientFacts = {};

  const age =
    /\b(\d{1,3})(?:[\s-]*(?:years?|yrs?)[\s-]*old\b|\s*(?:y\/o|yo)\b|[\s-]*years?[\s-]+of[\s-]+age\b)/di.exec(area) ??
    // "a female, aged 52" / "age: 52": only when no "N year old" is stated.
    /\b(?:aged?)\s*:?\s*(\d{2,3})\b(?!\s*(?:%|percent|mg|weeks?|days?|months?))/di.exec(area);
  if (age?.indices) {
    const n = Number(age[1]);
    if (n >= 14 && n <= 110) out.age = { value: n, span: abs(...age.indices[1]!), confidence: 0.9 };
  }

  // Sex: only where the sentence describes the worker, not any later "male nurse".
  const sexWindowEnd = age ? Math.min(area.length, age.index + 120) : Math.min(area.length, 400);
  // From the start of the sentence that states the age ("a female, aged 52" names the sex first).
  const sexWindowStart = age ? Math.max(0, area.lastIndexOf('. ', age.index) + 1, age.index - 80) : 0;
  const sex = /\b(male|female|man|woman|gentleman|lady)\b/di.exec(area.slice(sexWindowStart, sexWindowEnd));
  if (sex?.indices) {
    const word = sex[1]!.toLowerCase();
    const value: Sex = word === 'female' || word === 'woman' || word === 'lady' ? 'female' : 'male';
    const [s, e] = sex.indices[1]!;
    out.sex = { value, span: abs(sexWindowStart + s, sexWindowStart + e), confidence: 0.9 };
  }

  const injury = new RegExp(
    `\\b(?:injur(?:y|ies|ed)|date\\s+of\\s+injury|(?:occupational|industrial)\\s+claim|DOI)\\b(?:[^.\\n]|\\n(?!\\s*\\n)){0,40}?\\b(?:on|of|from|dated?|in|:)?\\s*(${DATE_PATTERN})`,
    'id',
  ).exec(area);
  if (injury?.indices) {
    const iso = toIsoDate(injury[1]!);
    if (iso) out.dateOfInjury = { value: iso, span: abs(...injury.indices[1]!), confidence: 0.8 };
  }

  const diagnoses = readDiagnoses(area);
  if (diagnoses) out.diagnoses = { value: diagnoses.value, span: abs(diagnoses.start, diagnoses.end), confidence: 0.6 };
  return out;
}

const DIAGNOSIS_LEADS = [
  /\b(?:current\s+)?diagnos[ie]s\s+(?:is|are)\s+(?:documented\s+as\s+)?/i,
  /\bdiagnos[ie]s\s+(?:include[sd]?|included|were|was|of)\s*:?\s*(?:to\s+include\s*:?\s*)?/i,
  /\blists?\s+of\s+diagnoses\s+(?:are|is)\s*:?\s*/i,
  /\bdiagnosed\s+(?:as\s+having|with)\s+/i,
  /\b(?:is\s+|was\s+|being\s+)(?:undergoing\s+)?treat(?:ed|ment)\s+for\s+/i,
];

/** The first stated list of diagnoses, split on numbering, semicolons, commas and a final "and". */
function readDiagnoses(area: string): { value: string[]; start: number; end: number } | null {
  for (const lead of DIAGNOSIS_LEADS) {
    const m = lead.exec(area);
    if (!m) continue;
    const start = m.index + m[0].length;
    const rest = area.slice(start);
    // The list ends at the end of the sentence (a period followed by a capital), not at "C5-6." style abbreviations.
    const stop = /\.(?=\s+(?:[A-Z]|$))|\.\s*$|\n\s*\n/.exec(rest);
    const raw = rest.slice(0, stop ? stop.index : Math.min(rest.length, 300));
    const items = foldWhitespace(raw)
      .split(/\s*(?:;|,\s*and\s+|,|\s\d\)\s*|^\d\)\s*|\band\s+(?=[a-z]+\s+(?:sprain|strain|pain|disorder)))\s*/i)
      .map((d) =>
        d
          .replace(/^(?:and|\d+[).])\s+/i, '')
          .replace(/^\d\)\s*/, '')
          .trim(),
      )
      .filter((d) => d.length > 2 && d.length < 120);
    if (items.length) return { value: items, start, end: start + raw.length };
  }
  return null;
}
