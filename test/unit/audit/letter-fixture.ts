/**
 * Parsed letters for the audit tests, built from the corpus's expected values
 * (test/fixtures/corpus/expected.ndjson) so the tests correct realistic data.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Citation, ParsedItem, ParsedLetter } from '../../../shared/domain/letter';
import type { CaseEvent, EventDraft } from '../../../backend/audit/model';
import { blankItem } from '../../../backend/audit/validate';

interface ExpectedLetter {
  file: string;
  caseNumber: string | null;
  dateAssigned: string | null;
  decisionDate: string | null;
  dateOfInjury: string | null;
  urDenialDate: string | null;
  applicationReceived: string | null;
  priority: string | null;
  licensure: string[];
  specialty: string[];
  patientAge: number | null;
  patientSex: 'male' | 'female' | null;
  items: Partial<ParsedItem>[];
}

const EXPECTED = path.resolve(import.meta.dirname, '../../fixtures/corpus/expected.ndjson');

export function expectedLetters(): ExpectedLetter[] {
  return fs
    .readFileSync(EXPECTED, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as ExpectedLetter);
}

/** A citation of `source` as MAXIMUS's reviewer gives it (no title, section or pages). */
export function citation(source: Citation['source'], from: Citation['from'] = 'maximus'): Citation {
  return { source, title: null, section: null, pages: null, from };
}

export function parsedItem(overrides: Partial<ParsedItem> = {}): ParsedItem {
  return { ...blankItem(null), spans: {}, confidence: {}, warnings: [], ...overrides };
}

/** The n-th corpus letter (default: the first, CM16-0230651 with 7 items) as a ParsedLetter. */
export function corpusLetter(n = 0): ParsedLetter {
  const expected = expectedLetters()[n];
  if (!expected) throw new Error(`no corpus letter ${n}`);
  return {
    caseNumber: expected.caseNumber,
    dateAssigned: expected.dateAssigned,
    decisionDate: expected.decisionDate,
    priority: expected.priority,
    dateOfInjury: expected.dateOfInjury,
    urDenialDate: expected.urDenialDate,
    applicationReceived: expected.applicationReceived,
    licensure: expected.licensure ?? [],
    specialty: expected.specialty ?? [],
    reviewerType: 'expert reviewer',
    patientAge: expected.patientAge,
    patientSex: expected.patientSex,
    diagnoses: ['Lumbar sprain'],
    clinicalSummary: 'The injured worker is a patient with low back pain.',
    format: 'imr-2016',
    items: expected.items.map((item) => parsedItem(item)),
    spans: { caseNumber: { start: 0, end: 12 } },
    confidence: {},
    warnings: [],
    isImrLetter: true,
    parserVersion: 'test-1',
  };
}

/** Turns drafts into stored-like events without a database (ids in order). */
export class EventLog {
  readonly events: CaseEvent[] = [];
  private clock = Date.UTC(2026, 0, 1);

  push(draft: EventDraft, reviewer = 'alice'): CaseEvent {
    const event: CaseEvent = {
      ...(JSON.parse(JSON.stringify(draft)) as EventDraft), // as the table stores it
      id: this.events.length + 1,
      reviewer,
      at: new Date((this.clock += 60_000)).toISOString(),
    };
    this.events.push(event);
    return event;
  }
}
