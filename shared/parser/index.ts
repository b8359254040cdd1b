/**
 * IMR final determination letter parser: LetterText (from PDF or text) ->
 * ParsedLetter with a source span for every value. Pure TypeScript with no
 * Node imports: it also runs in the renderer. Never throws on any input.
 */
import type { LetterText, ParsedLetter } from '../domain/letter';
import { errorText } from '../api/error-text';
import { parseLetterText } from './letter';

/** Bump when parser output changes for the same input (stored results record it). */
export const PARSER_VERSION = '2.0.0';

export function parseLetter(input: LetterText): ParsedLetter {
  try {
    return parseLetterText(input, PARSER_VERSION);
  } catch (err) {
    // The parser is written not to throw; this is the last line of defence for
    // an unforeseen input, so an import of thousands of letters never stops on one.
    return emptyLetter(PARSER_VERSION, `parser error, nothing extracted: ${errorText(err)}`);
  }
}

export function emptyLetter(version: string, warning?: string): ParsedLetter {
  return {
    caseNumber: null,
    dateAssigned: null,
    decisionDate: null,
    priority: null,
    dateOfInjury: null,
    urDenialDate: null,
    applicationReceived: null,
    licensure: [],
    specialty: [],
    reviewerType: null,
    patientAge: null,
    patientSex: null,
    diagnoses: [],
    clinicalSummary: null,
    format: 'unknown',
    items: [],
    spans: {},
    confidence: {},
    warnings: warning ? [warning] : [],
    isImrLetter: false,
    parserVersion: version,
  };
}

export { foldWhitespace } from './text';
