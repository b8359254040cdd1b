import type Database from 'better-sqlite3';
import type { ReparseSummary } from '../../shared/api/contract';
import type { LetterText, ParsedLetter } from '../../shared/domain/letter';
import { loadCorrectionState } from '../audit/effective';
import { appendParse, listCaseDocuments, refreshCaseProjection } from '../store/cases';
import { getLetterText } from '../store/documents';
import type { ImportProgress } from './importer';
import { defaultParse } from './read-letter';

export interface ReparseOptions {
  progress?: ImportProgress;
  signal?: AbortSignal;
  parse?: (text: LetterText) => ParsedLetter;
  now?: () => Date;
}

/**
 * Re-runs the current parser over every stored letter's extracted text.
 *
 * The new parse is appended (earlier parses stay in case_parses); corrections
 * stay in force because effective values are recomputed by the corrections
 * module from the NEW parse, which also reports corrections whose target no
 * longer exists (orphaned) instead of dropping them. One transaction per case,
 * so an interrupted reparse leaves every case on either its old or new parse.
 * A letter the new parser fails on, or no longer recognises, keeps its previous
 * parse and is counted as failed.
 */
export async function reparseAll(db: Database.Database, options: ReparseOptions = {}): Promise<ReparseSummary> {
  const signal = options.signal ?? options.progress?.signal;
  const parse = options.parse ?? defaultParse;
  const now = options.now ?? (() => new Date());
  const cases = listCaseDocuments(db);
  const summary: ReparseSummary = { documents: cases.length, reparsed: 0, failed: 0, orphanedCorrections: 0 };
  const currentJson = db.prepare(
    'SELECT p.parsed_json FROM cases c JOIN case_parses p ON p.id = c.parse_id WHERE c.id = ?',
  );

  const apply = db.transaction((caseId: number, parsed: ParsedLetter, json: string) => {
    if (currentJson.pluck().get(caseId) !== json) appendParse(db, caseId, parsed, now().toISOString(), json);
    const state = loadCorrectionState(db, caseId, parsed);
    refreshCaseProjection(db, caseId, parsed, state.effective, state.status, state.flags);
    return state.orphanedCorrections.length;
  });

  options.progress?.update(0, cases.length, null);
  for (let i = 0; i < cases.length; i++) {
    if (signal?.aborted) break;
    const { caseId, documentId } = cases[i]!;
    const text = getLetterText(db, documentId);
    let parsed: ParsedLetter | null;
    try {
      parsed = text ? parse(text) : null;
    } catch {
      parsed = null;
    }
    if (parsed && parsed.isImrLetter) {
      summary.orphanedCorrections += apply.immediate(caseId, parsed, JSON.stringify(parsed));
      summary.reparsed++;
    } else {
      summary.failed++;
    }
    options.progress?.update(i + 1, cases.length, `case ${caseId}`);
    // Yield now and then so progress events and cancel requests get through.
    if (i % 20 === 19) await new Promise((resolve) => setImmediate(resolve));
  }
  return summary;
}
