/**
 * The names other programs read: spreadsheet headers, `imr parse --json` keys,
 * field labels. Analysts' formulas, macros and scripts break when one changes,
 * so each list is pinned here: a rename must change this file on purpose.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CASES_SHEET, CORRECTIONS_SHEET, ITEMS_SHEET, sheetColumns } from '../../../backend/export/columns';
import { ITEM_FIELD_DEFS, LETTER_FIELD_DEFS, letterField } from '../../../shared/domain/fields';
import { runImr } from '../../integration/hosts/cli-helpers';

const headers = (spec: Parameters<typeof sheetColumns>[0], withParsed = false) =>
  sheetColumns(spec, withParsed).map((c) => c.header);

describe('export headers', () => {
  it('Cases', () => {
    expect(headers(CASES_SHEET as never)).toMatchInlineSnapshot(`
      [
        "Case number",
        "File",
        "Version",
        "Review status",
        "Layout",
        "Date assigned",
        "Decision date",
        "Date of injury",
        "UR denial date",
        "Application received",
        "Priority",
        "Reviewer licensure",
        "Reviewer specialty",
        "Reviewer type",
        "Patient age",
        "Patient sex",
        "Diagnoses",
        "Items",
        "Upheld",
        "Overturned",
        "Flags",
        "Corrections",
        "Imported at (UTC)",
        "Parser version",
        "Clinical summary",
        "Case ID",
      ]
    `);
  });
  it('Items', () => {
    expect(headers(ITEMS_SHEET as never)).toMatchInlineSnapshot(`
      [
        "Case number",
        "Decision date",
        "Date of injury",
        "Patient age",
        "Patient sex",
        "Reviewer specialty",
        "Item",
        "Treatment",
        "Decision",
        "Category",
        "Original request",
        "Authorized by claims administrator",
        "Quantity",
        "Frequency",
        "Duration",
        "Body region",
        "Medication",
        "Medication strength",
        "Medication count",
        "Conclusion",
        "Claims administrator guideline",
        "MAXIMUS guideline",
        "Citations",
        "Rationale",
        "Corrected",
        "Case ID",
      ]
    `);
  });
  it('Corrections', () => {
    expect(headers(CORRECTIONS_SHEET as never)).toMatchInlineSnapshot(`
      [
        "Event ID",
        "Case number",
        "Time (UTC)",
        "Reviewer",
        "Type",
        "Path",
        "Old value",
        "New value",
        "Reason",
        "Reverts / re-applies event",
        "Hash",
        "Case ID",
      ]
    `);
  });
  it('every correctable column gets a "(parsed)" twin named after it', () => {
    const items = headers(ITEMS_SHEET as never, true);
    expect(items.filter((h) => h.endsWith(' (parsed)'))).toMatchInlineSnapshot(`
      [
        "Case number (parsed)",
        "Decision date (parsed)",
        "Date of injury (parsed)",
        "Patient age (parsed)",
        "Patient sex (parsed)",
        "Reviewer specialty (parsed)",
        "Treatment (parsed)",
        "Decision (parsed)",
        "Category (parsed)",
        "Original request (parsed)",
        "Authorized by claims administrator (parsed)",
        "Quantity (parsed)",
        "Frequency (parsed)",
        "Duration (parsed)",
        "Body region (parsed)",
        "Medication (parsed)",
        "Medication strength (parsed)",
        "Medication count (parsed)",
        "Conclusion (parsed)",
        "Claims administrator guideline (parsed)",
        "MAXIMUS guideline (parsed)",
        "Citations (parsed)",
        "Rationale (parsed)",
      ]
    `);
  });
});

describe('field model', () => {
  it('keys, labels and kinds, in form order', () => {
    const line = (d: { key: string; label: string; kind: string }) => `${d.key}: ${d.label} (${d.kind})`;
    expect(LETTER_FIELD_DEFS.map(line)).toMatchInlineSnapshot(`
      [
        "caseNumber: Case number (caseNumber)",
        "dateAssigned: Date assigned (date)",
        "decisionDate: Decision date (date)",
        "priority: Priority (text)",
        "dateOfInjury: Date of injury (date)",
        "urDenialDate: UR denial date (date)",
        "applicationReceived: Application received (date)",
        "format: Layout (choice)",
        "reviewerType: Reviewer type (choice)",
        "licensure: Reviewer licensure (list)",
        "specialty: Reviewer specialty (list)",
        "patientAge: Patient age (integer)",
        "patientSex: Patient sex (choice)",
        "diagnoses: Diagnoses (list)",
        "clinicalSummary: Clinical summary (longText)",
      ]
    `);
    expect(ITEM_FIELD_DEFS.map(line)).toMatchInlineSnapshot(`
      [
        "treatment: Treatment (longText)",
        "decision: Decision (choice)",
        "category: Category (choice)",
        "originalRequest: Original request (longText)",
        "authorizedByClaimsAdministrator: Authorized by claims administrator (longText)",
        "quantity: Quantity (number)",
        "frequency: Frequency (text)",
        "duration: Duration (text)",
        "bodyRegion: Body region (list)",
        "medication: Medication (medication)",
        "conclusion: Conclusion (choice)",
        "claimsAdministratorGuideline: Claims administrator guideline (longText)",
        "maximusGuideline: MAXIMUS guideline (longText)",
        "rationale: Rationale (longText)",
        "citations: Citations (citations)",
      ]
    `);
  });
});

describe('imr parse --json', () => {
  // The real CLI (built, as a user runs it): a rename in the parser, the field model or the CLI's own output fails here.
  const file = path.resolve(import.meta.dirname, '../../fixtures/corpus/seeds/001_f7c04554d3ec6a02.txt');
  const run = runImr(['parse', '--json', file]);
  const json = () => run.json<Record<string, unknown> & { items: Record<string, unknown>[] }>();

  it('prints these keys for a letter and for each item', () => {
    expect(run.status, run.stderr).toBe(0);
    expect(Object.keys(json())).toMatchInlineSnapshot(`
      [
        "file",
        "caseNumber",
        "dateAssigned",
        "decisionDate",
        "priority",
        "dateOfInjury",
        "urDenialDate",
        "applicationReceived",
        "licensure",
        "specialty",
        "reviewerType",
        "patientAge",
        "patientSex",
        "diagnoses",
        "clinicalSummary",
        "format",
        "items",
        "spans",
        "confidence",
        "warnings",
        "isImrLetter",
        "parserVersion",
      ]
    `);
    expect(json().items.length).toBeGreaterThan(0);
    expect(Object.keys(json().items[0]!)).toMatchInlineSnapshot(`
      [
        "treatment",
        "decision",
        "originalRequest",
        "authorizedByClaimsAdministrator",
        "claimsAdministratorGuideline",
        "maximusGuideline",
        "rationale",
        "category",
        "quantity",
        "frequency",
        "duration",
        "bodyRegion",
        "medication",
        "citations",
        "conclusion",
        "spans",
        "confidence",
        "warnings",
      ]
    `);
  });

  it('every field of the field model is a key of the letter or of each item', () => {
    const letterKeys = Object.keys(json());
    const itemKeys = Object.keys(json().items[0]!);
    expect(LETTER_FIELD_DEFS.map((d) => d.key).filter((k) => !letterKeys.includes(k))).toEqual([]);
    expect(ITEM_FIELD_DEFS.map((d) => d.key).filter((k) => !itemKeys.includes(k))).toEqual([]);
  });
});

describe('export headers come from the field model', () => {
  it('every letter field is a Cases column and every item field an Items column, under its label', () => {
    const cases = headers(CASES_SHEET as never);
    const items = headers(ITEMS_SHEET as never);
    expect(LETTER_FIELD_DEFS.map((d) => d.label).filter((l) => !cases.includes(l))).toEqual([]);
    expect(ITEM_FIELD_DEFS.map((d) => d.label).filter((l) => !items.includes(l))).toEqual([]);
    expect(headers(CORRECTIONS_SHEET as never)).toContain(letterField('caseNumber').label);
  });
});
