import type { LetterField, LetterText, ParsedLetter, Span } from '../domain/letter';
import { readCredentials } from './credentials';
import { CASE_NUMBER, readHeaderBlock } from './header-block';
import { findItemHeaders } from './item-headers';
import { buildItem } from './items';
import { LineIndex } from './lines';
import { readPatientFacts } from './patient';
import { Provenance } from './provenance';
import { detectFormat, findSections, sectionOf, type Section } from './sections';
import { findIssueItems, findStatementItems } from './statement-items';
import { readClinicalSummary } from './summary';
import type { ParsedItem } from '../domain/letter';

/** Orchestrates the section readers; every reader is given only the stretch of text its section covers. */
export function parseLetterText(input: LetterText, version: string): ParsedLetter {
  const text = typeof input?.text === 'string' ? input.text : '';
  const lines = new LineIndex({ ...input, text });
  const sections = findSections(text);
  const whole: Span = { start: 0, end: text.length };
  const itemsSection = sectionOf(sections, 'items') ?? sectionOf(sections, 'issueAtDispute');
  const beforeItems: Span = { start: 0, end: itemsSection?.heading.start ?? text.length };
  const prov = new Provenance<LetterField>();
  // What text extraction had to guess (bytes that were not UTF-8, …) is the reviewer's business too.
  const warnings: string[] = Array.isArray(input?.warnings) ? input.warnings.filter((w) => typeof w === 'string') : [];

  const header = readHeaderBlock(text, beforeItems);
  const hasHeaderBlock = Boolean(header.caseNumber || header.dateAssigned || header.decisionDate);
  const format = detectFormat(text, sections, hasHeaderBlock);

  let caseNumber = header.caseNumber;
  if (!caseNumber) {
    const loose = CASE_NUMBER.exec(text);
    if (loose)
      caseNumber = {
        value: loose[0],
        span: { start: loose.index, end: loose.index + loose[0].length },
        confidence: 0.8,
      };
  }

  const credentialsRegion = regionFor(sections, ['credentials', 'howMade']) ?? beforeItems;
  const credentials = readCredentials(text, credentialsRegion);

  const summarySection = sectionOf(sections, 'summary');
  const summary = summarySection ? readClinicalSummary(text, summarySection.body) : undefined;
  const facts = readPatientFacts(text, summarySection?.body ?? beforeItems);

  let dateOfInjury = header.dateOfInjury;
  if (!dateOfInjury && facts.dateOfInjury) dateOfInjury = facts.dateOfInjury;

  const itemsRegion: Span = itemsSection ? itemsBody(itemsSection, sections, text) : whole;
  const items = readItems(text, sections, itemsSection, itemsRegion, lines);

  const set = <T>(field: LetterField, located: { value: T; span: Span; confidence: number } | undefined): T | null => {
    if (!located) return null;
    prov.note(field, located.span, located.confidence);
    return located.value;
  };

  const letter: ParsedLetter = {
    caseNumber: set('caseNumber', caseNumber),
    dateAssigned: set('dateAssigned', header.dateAssigned),
    decisionDate: set('decisionDate', header.decisionDate),
    priority: set('priority', header.priority),
    dateOfInjury: set('dateOfInjury', dateOfInjury),
    urDenialDate: set('urDenialDate', header.urDenialDate),
    applicationReceived: set('applicationReceived', header.applicationReceived),
    licensure: set('licensure', credentials.licensure) ?? [],
    specialty: set('specialty', credentials.specialty) ?? [],
    reviewerType: set('reviewerType', credentials.reviewerType),
    patientAge: set('patientAge', facts.age),
    patientSex: set('patientSex', facts.sex),
    diagnoses: set('diagnoses', facts.diagnoses) ?? [],
    clinicalSummary: set('clinicalSummary', summary),
    format,
    items,
    spans: prov.spans,
    confidence: prov.confidence,
    warnings,
    isImrLetter: true,
    parserVersion: version,
  };
  if (sections.length || format !== 'unknown')
    prov.note('format', sections[0]?.heading, format === 'unknown' ? 0.3 : 1);

  const signals = imrSignals(text, letter, sections);
  if (format === 'unknown') {
    if (signals < 3) {
      letter.isImrLetter = false;
      warnings.push('not an IMR letter: no IMR section headings, decisions or enough IMR details were found');
    } else {
      warnings.push('unrecognised letter layout: extracted what could be found by label; check every field');
    }
  }
  if (letter.isImrLetter) {
    if (!items.length) warnings.push('no disputed items with an "Upheld" / "Overturned" decision were found');
    if (!letter.caseNumber && (format === 'imr-2016' || format === 'maximus-imr'))
      warnings.push('no case number found');
    if (facts.dateOfInjury && dateOfInjury === facts.dateOfInjury) {
      warnings.push('date of injury read from the clinical summary prose, not a labelled field');
    }
  }
  items.forEach((item, i) => item.warnings.forEach((w) => warnings.push(`Item ${i + 1}: ${w}`)));
  return letter;
}

/**
 * Items by the strongest structure present: "<item>: Upheld" headers, then
 * numbered statements of necessity, then the single "ISSUE AT DISPUTE"
 * listing with shared guideline and rationale sections.
 */
function readItems(
  text: string,
  sections: Section[],
  itemsSection: Section | undefined,
  region: Span,
  lines: LineIndex,
): ParsedItem[] {
  const headed = findItemHeaders(text, region, lines);
  if (headed.length) return headed.map((h) => buildItem(text, h));
  const issue = sectionOf(sections, 'issueAtDispute');
  if (issue && (!itemsSection || itemsSection.kind === 'issueAtDispute')) {
    return findIssueItems(text, issue, sections).map(({ header, body }) => buildItem(text, header, body));
  }
  return findStatementItems(text, region).map((h) => buildItem(text, h));
}

function regionFor(sections: Section[], kinds: Section['kind'][]): Span | undefined {
  for (const kind of kinds) {
    const s = sectionOf(sections, kind);
    if (s) return s.body;
  }
  return undefined;
}

/**
 * The items run from their heading to the end of the letter in the IMR
 * layouts; in the others a later heading (documents reviewed, reviewer
 * qualifications) ends them.
 */
function itemsBody(section: Section, sections: Section[], text: string): Span {
  const next = sections.find(
    (s) => s.heading.start > section.heading.start && s.kind !== 'items' && s.kind !== 'issueAtDispute',
  );
  return { start: section.body.start, end: next ? next.heading.start : text.length };
}

/**
 * How much of an IMR letter an unknown-layout text shows. Items with an
 * Upheld / Overturned decision are decisive on their own; otherwise several
 * independent signs must agree, so a note that merely mentions a case number
 * and "IMR" is not taken for a letter.
 */
function imrSignals(text: string, letter: ParsedLetter, sections: Section[]): number {
  if (letter.items.length) return 3;
  let n = 0;
  if (letter.caseNumber) n++;
  if (sections.length) n++;
  if (letter.dateAssigned || letter.decisionDate || letter.urDenialDate || letter.applicationReceived) n++;
  if (/Independent\s+Medical\s+Review|\bIMR\b/i.test(text)) n++;
  if (/\bMAXIMUS\b/i.test(text)) n++;
  if (/Claims\s+Administrator|utilization\s+review/i.test(text)) n++;
  return n;
}
