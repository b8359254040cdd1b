/**
 * How the audit's messages name a case inside a sentence: "case CM16-0230651", or "case #45" (its internal id)
 * when the letter has no case number. One rule for verify's event descriptions and for undo's and redo's
 * refusals, so a reader can search a report for either.
 */
export function caseSubject(caseId: number, caseNumber: string | null | undefined): string {
  return caseNumber ? `case ${caseNumber}` : `case #${caseId}`;
}
