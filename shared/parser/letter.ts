import type { LetterField, LetterText, ParsedLetter, Span } from '../domain/letter';
import { readCredentials } from './credentials';
import { CASE_NUMBER, readHeaderBlock } from './header-block';
import { bodyLabelPatterns } from './item-body';
import { readItems } from './item-strategies';
import type { LetterFormat } from './layouts';
import { LineIndex } from './lines';
import { readPatientFacts } from './patient';
import { Provenance } from './provenance';
import { ALL_HEADINGS, findSections, HeadingLocator, recogniseLayout, sectionOf, type Section } from './sections';
import { readClinicalSummary } from './summary';

/** Orchestrates the section readers; every reader is given only the stretch of text its section covers. */
export function parseLetterText(input: LetterText, version: string): ParsedLetter {
  const text = typeof input?.text === 'string' ? input.text : '';
  const lines = new LineIndex({ ...input, text });
  const headings = new HeadingLocator(text);
  const whole: Span = { start: 0, end: text.length };
  const prov = new Provenance<LetterField>();
  // What text extraction had to guess (bytes that were not UTF-8, …) is the reviewer's business too.
  const warnings: string[] = Array.isArray(input?.warnings) ? input.warnings.filter((w) => typeof w === 'string') : [];

  // The header block is read before the layout is known: whether a letter has one is a sign of its layout.
  const anyItems = firstItemsSection(findSections(text, ALL_HEADINGS, headings));
  const header = readHeaderBlock(text, { start: 0, end: anyItems?.heading.start ?? text.length });
  const hasHeaderBlock = Boolean(header.caseNumber || header.dateAssigned || header.decisionDate);
  const { layout, sections } = recogniseLayout(text, hasHeaderBlock, headings);
  const format: LetterFormat = layout?.format ?? 'unknown';
  const itemsSection = layout ? sectionOf(sections, layout.items.section) : firstItemsSection(sections);
  const beforeItems: Span = { start: 0, end: itemsSection?.heading.start ?? text.length };

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

  const items = readItems(layout, {
    text,
    sections,
    itemsSection,
    region: itemsSection ? itemsBody(itemsSection, sections, text) : whole,
    lines,
    labels: bodyLabelPatterns(layout),
  });

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
    if (!letter.caseNumber && layout?.expectsCaseNumber) warnings.push('no case number found');
    if (facts.dateOfInjury && dateOfInjury === facts.dateOfInjury) {
      warnings.push('date of injury read from the clinical summary prose, not a labelled field');
    }
  }
  items.forEach((item, i) => item.warnings.forEach((w) => warnings.push(`Item ${i + 1}: ${w}`)));
  return letter;
}

/** Where the items start in a letter of unknown layout: the items heading, or ISSUE AT DISPUTE. */
function firstItemsSection(sections: Section[]): Section | undefined {
  return sectionOf(sections, 'items') ?? sectionOf(sections, 'issueAtDispute');
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
