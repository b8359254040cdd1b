import type { ReviewerType, Span } from '../domain/letter';
import type { Located } from './provenance';
import { foldWhitespace } from './text';

export interface Credentials {
  licensure?: Located<string[]>;
  specialty?: Located<string[]>;
  reviewerType?: Located<ReviewerType>;
}

/**
 * Reviewer credentials. Newer letters list them as labelled lines
 * ("State(s) of Licensure: ...", "Certification(s)/Specialty: ...", either
 * may wrap onto following lines); older ones say it in a sentence ("is Board
 * Certified in Occupational Medicine and is licensed to practice in
 * California"), which is read with lower confidence.
 */
export function readCredentials(text: string, region: Span): Credentials {
  const out: Credentials = {};
  const licensure = labelledList(text, region, /State\(?s?\)?\s+of\s+Licensure\s*:/i);
  // No state name contains "and", so a licensure list splits on it too.
  if (licensure) out.licensure = { ...licensure, value: splitList(licensure.raw, true) };
  const specialty = labelledList(
    text,
    region,
    /(?:Board\s+)?Certification\(?s?\)?\s*\/\s*Specialt(?:y|ies)\s*:|Specialt(?:y|ies)\s*:/i,
  );
  if (specialty) out.specialty = { ...specialty, value: splitList(specialty.raw) };

  const area = text.slice(region.start, region.end);
  if (!out.specialty || !out.licensure) {
    const prose =
      /\bBoard[\s-]+Certified\s+in\s+([\s\S]{3,160}?)\s+and\s+(?:is\s+)?licensed\s+to\s+practice\s+in\s+([\s\S]{3,120}?)(?=\.\s|\.$|\s+He\/she|\s*\n\s*\n)/di.exec(
        area,
      );
    if (prose?.indices) {
      const [sStart, sEnd] = prose.indices[1]!;
      const [lStart, lEnd] = prose.indices[2]!;
      if (!out.specialty) {
        out.specialty = {
          value: splitList(prose[1]!, true),
          span: { start: region.start + sStart, end: region.start + sEnd },
          confidence: 0.85,
        };
      }
      if (!out.licensure) {
        out.licensure = {
          value: splitList(prose[2]!, true),
          span: { start: region.start + lStart, end: region.start + lEnd },
          confidence: 0.85,
        };
      }
    } else if (!out.licensure) {
      const licensed =
        /\blicensed\s+(?:to\s+practice\s+)?in\s+((?:(?:the\s+)?(?:State\s+of\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?(?:,\s*|\s+and\s+)?)+)/d.exec(
          area,
        );
      if (licensed?.indices) {
        const [start, end] = licensed.indices[1]!;
        out.licensure = {
          value: splitList(licensed[1]!, true),
          span: { start: region.start + start, end: region.start + end },
          confidence: 0.7,
        };
      }
    }
  }

  const type = /\b(?:case\s+file\s+to\s+(?:an?\s+)?|The\s+)(expert|physician)\s+reviewer\b/di.exec(area);
  if (type?.indices) {
    const [start, end] = type.indices[1]!;
    out.reviewerType = {
      value: `${type[1]!.toLowerCase() as 'expert' | 'physician'} reviewer`,
      span: { start: region.start + start, end: region.start + end + ' reviewer'.length },
      confidence: 1,
    };
  }
  return out;
}

interface RawList {
  raw: string;
  span: Span;
  confidence: number;
}

/**
 * The value after a label, continued onto following lines while they look
 * like more of the same list: the line before ends with "&", "," or "and",
 * or the next line is a short fragment that is neither a label, a heading
 * nor a sentence.
 */
function labelledList(text: string, region: Span, label: RegExp): RawList | null {
  const area = text.slice(region.start, region.end);
  const m = label.exec(area);
  if (!m) return null;
  let start = region.start + m.index + m[0].length;
  while (start < region.end && (text[start] === ' ' || text[start] === '\t')) start++;
  let end = lineEnd(text, start, region.end);
  let raw = text.slice(start, end);
  for (let guard = 0; guard < 3; guard++) {
    const nextStart = end + 1;
    if (nextStart >= region.end) break;
    const nextEnd = lineEnd(text, nextStart, region.end);
    const next = text.slice(nextStart, nextEnd).trim();
    if (!next || !continuesList(raw, next)) break;
    end = nextEnd;
    raw = text.slice(start, end);
  }
  // Lines joined into one: the list ends where the other credential label or an all-caps heading begins.
  const next =
    /\s(?:(?:Board\s+)?Certification\(?s?\)?|State\(?s?\)?\s+of\s+Licensure|Licensure\s*:|Specialt(?:y|ies)\s*:|[A-Z]{3,}(?:\s+[A-Z]{2,})+\b)/.exec(
      raw,
    );
  if (next) raw = raw.slice(0, next.index);
  if (!foldWhitespace(raw)) return null;
  return { raw, span: { start, end: start + raw.trimEnd().length }, confidence: 1 };
}

function continuesList(previous: string, next: string): boolean {
  if (/[:]/.test(next) || /^[A-Z\s,&()/-]{6,}$/.test(next)) return false; // a label or an all-caps heading
  if (/(?:[&,/-]|\band|\bof|\bin)\s*$/i.test(previous.trimEnd())) return true;
  if (/[.;]$/.test(next) || !/^[A-Z]/.test(next)) return false;
  if (next.length <= 40 && next.split(/\s+/).length <= 5) return true;
  // A longer line continues the list when it reads like names, not a sentence: every word capitalised
  // or a connective ("Medicine, Preventive Medicine, Public Health & General Preventive").
  return next
    .split(/[\s,]+/)
    .every((word) => !word || /^[A-Z&(]/.test(word) || /^(?:and|of|in|the|for|with|&)$/.test(word));
}

function lineEnd(text: string, from: number, limit: number): number {
  const nl = text.indexOf('\n', from);
  return nl < 0 || nl > limit ? limit : nl;
}

/** "California,Washington" / "Anesthesiology and Pain Medicine" -> items. "&" never splits ("Physical Medicine & Rehabilitation"). */
/** Board specialties whose own name contains "and": never split there. */
const NAMES_WITH_AND =
  /\b(?:Physical\s+Medicine\s+and\s+Rehabilitation|Public\s+Health\s+and\s+General\s+Preventive\s+Medicine|Hospice\s+and\s+Palliative\s+Medicine|Obstetrics\s+and\s+Gynecology|Allergy\s+and\s+Immunology|Colon\s+and\s+Rectal\s+Surgery|Nuclear\s+Medicine\s+and\s+Radiology|Plastic\s+and\s+Reconstructive\s+Surgery|Hand\s+and\s+Upper\s+Extremity\s+Surgery|Foot\s+and\s+Ankle\s+Surgery|Brain\s+Injury\s+and\s+Rehabilitation)\b/gi;

export function splitList(raw: string, splitAnd = false): string[] {
  // Shield "and" inside known names with a private-use marker, split, then restore.
  const shielded = splitAnd ? raw.replace(NAMES_WITH_AND, (n) => n.replace(/\s+and\s+/gi, ' \uE000 ')) : raw;
  const folded = foldWhitespace(shielded).replace(/[.;]+$/, '');
  const parts = folded.split(splitAnd ? /\s*(?:,|;|\band\b)\s*/i : /\s*[,;]\s*/);
  return parts
    .map((p) =>
      p
        .replace(/\uE000/g, 'and')
        .replace(/^(?:the\s+)?(?:state\s+of\s+)/i, '')
        .trim(),
    )
    .filter((p) => p.length > 0);
}
