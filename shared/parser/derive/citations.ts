import type { Citation, CitationSource } from '../../domain/letter';

/**
 * Guideline lines cite one or more sources, each sentence opening "Decision
 * based on ...": "MTUS Chronic Pain Medical Treatment 2016, Section(s):
 * Electrodiagnostic testing (EMG/NCS)", "Non-MTUS Citation Official
 * Disability Guidelines (ODG), Low Back Chapter", "MTUS ACOEM Chapter 12 Low
 * Back Complaints Page(s): 303-305". A sentence saying the decision was not
 * based on the MTUS cites nothing.
 */
export function readCitations(guideline: string | null, from: Citation['from']): Citation[] {
  if (!guideline) return [];
  const parts = guideline
    .split(/\b(?=Decision\s+based\s+on\b)/i)
    .map((p) => p.trim())
    .filter(Boolean);
  const out: Citation[] = [];
  for (const part of parts) {
    const m = /^Decision\s+based\s+on\s+(?:the\s+)?([\s\S]*)$/i.exec(part);
    if (!m) continue;
    const body = m[1]!.replace(/\.\s*$/, '').trim();
    if (!body) continue;
    // One MTUS sentence may cite several guideline documents:
    // "MTUS Neck and Upper Back Complaints 2004, Section(s): ..., and Shoulder Complaints 2004, Section(s): ...".
    // A document title is capitalised words (with "and"/"of" inside, "Forearm, Wrist, and Hand
    // Complaints") ending in its year; the last document may have no section.
    const documents = mergeYearless(
      body.split(/,\s+and\s+(?=(?:(?:[A-Z][\w&'/()-]*|and|of|the),?\s+){1,10}(?:19|20)\d{2}(?:,\s*Section|\s*$))/),
    );
    documents.forEach((doc, i) => {
      const citation = readOne(doc.trim(), from);
      // Later documents of an MTUS sentence do not repeat "MTUS".
      if (i > 0 && citation.source === 'other' && /^(?:CA\s+)?MTUS\b/i.test(body)) citation.source = 'MTUS';
      out.push(citation);
    });
  }
  // A guideline line in another wording ("The reviewer relied on ODG, Low Back") still names its source.
  if (!out.length && /\b(?:MTUS|ODG|ACOEM)\b|Official\s+Disability\s+Guidelines/i.test(guideline)) {
    out.push(readOne(guideline.replace(/\.\s*$/, '').trim(), from));
  }
  return out;
}

/** A piece without a year is the head of the next document's title ("Forearm, Wrist" + "Hand Complaints 2004"). */
function mergeYearless(pieces: string[]): string[] {
  const out: string[] = [];
  let pending = '';
  for (const piece of pieces) {
    const joined = pending ? `${pending}, and ${piece}` : piece;
    if (/\b(?:19|20)\d{2}\b/.test(joined) || piece === pieces[pieces.length - 1]) {
      out.push(joined);
      pending = '';
    } else {
      pending = joined;
    }
  }
  return out;
}

function readOne(body: string, from: Citation['from']): Citation {
  const source = sourceOf(body);
  let rest = body
    .replace(/^Non-?\s*MTUS\s+Citation\s*:?\s*/i, '')
    .replace(/^(?:CA\s+)?MTUS\s*(?:\(\s*Effective[^)]*\))?\s*:?\s*/i, '')
    .trim();
  let pages: string | null = null;
  const pageMatch = /,?\s*(?:Page\(s\)|Pages?|pp?\.)\s*:?\s*([\d][\d\s,\-–&and]*)\s*$/i.exec(rest);
  if (pageMatch) {
    pages =
      pageMatch[1]!
        .replace(/\s+/g, ' ')
        .replace(/[\s,]+$/, '')
        .trim() || null;
    rest = rest.slice(0, pageMatch.index).trim();
  }
  let title: string | null = rest;
  let section: string | null = null;
  const sectionMatch = /,?\s*Section\(?s?\)?\s*:?\s*/i.exec(rest);
  if (sectionMatch) {
    title = rest.slice(0, sectionMatch.index).trim();
    section = rest.slice(sectionMatch.index + sectionMatch[0].length).trim() || null;
  } else if (source === 'ODG') {
    const odg = /^(?:Official\s+Disability\s+Guidelines\s*)?(?:\(ODG\))?\s*,?\s*(.*)$/i.exec(rest);
    title = 'Official Disability Guidelines';
    section = odg?.[1]?.trim() || null;
  }
  const tidy = (v: string | null) => (v ? v.replace(/^[\s,:;–-]+|[\s,:;–-]+$/g, '') || null : null);
  return { source, title: tidy(title), section: tidy(section), pages, from };
}

function sourceOf(body: string): CitationSource {
  if (/\bODG\b|Official\s+Disability\s+Guidelines/i.test(body)) return 'ODG';
  if (/\bACOEM\b/i.test(body)) return 'ACOEM';
  if (/^Non-?\s*MTUS/i.test(body)) return 'other';
  if (/\bMTUS\b/i.test(body)) return 'MTUS';
  return 'other';
}
