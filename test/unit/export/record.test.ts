import { describe, expect, it } from 'vitest';
import { blankItem } from '../../../backend/audit/validate';
import type { ItemValues, LetterValues } from '../../../shared/domain/case';
import {
  isCorrected,
  isItemCorrected,
  parsedItemView,
  parsedLetterOf,
  pathsOverlap,
  type ExportCase,
} from '../../../backend/export/record';

function item(overrides: Partial<ItemValues> = {}): ItemValues {
  return { ...blankItem('Acupuncture x6'), decision: 'Upheld', category: 'acupuncture', quantity: 6, ...overrides };
}

function letter(overrides: Partial<LetterValues> = {}): LetterValues {
  return {
    caseNumber: 'CM16-0000001',
    dateAssigned: null,
    decisionDate: '2017-01-09',
    priority: null,
    dateOfInjury: null,
    urDenialDate: null,
    applicationReceived: null,
    licensure: [],
    specialty: [],
    reviewerType: null,
    patientAge: 53,
    patientSex: 'female',
    diagnoses: [],
    clinicalSummary: null,
    format: 'imr-2016',
    isImrLetter: true,
    parserVersion: '1.0.0',
    items: [item(), item({ treatment: 'Tramadol', medication: { name: 'Tramadol', strength: '50mg', count: 60 } })],
    ...overrides,
  };
}

function record(overrides: Partial<ExportCase> = {}): ExportCase {
  return {
    id: 1,
    file: 'a.pdf',
    status: 'new',
    flags: [],
    importedAt: '2026-01-01T00:00:00.000Z',
    version: 1,
    parserVersion: '1.0.0',
    effective: letter(),
    corrections: [],
    reviewerItems: [false, false],
    ...overrides,
  };
}

describe('paths', () => {
  it('treats a path and anything inside it as overlapping, and siblings as not', () => {
    expect(pathsOverlap('items[1].medication', 'items[1].medication.name')).toBe(true);
    expect(pathsOverlap('items[1]', 'items[1].decision')).toBe(true);
    expect(pathsOverlap('items[1].decision', 'items[10].decision')).toBe(false);
    expect(pathsOverlap('patientAge', 'patientAgeGroup')).toBe(false);
  });
});

describe('corrected values', () => {
  const corrected = record({
    corrections: [
      { path: 'patientAge', parsedValue: 52, effectiveValue: 53, eventId: 1 },
      { path: 'items[1].medication', parsedValue: null, effectiveValue: {}, eventId: 2 },
      { path: 'items', parsedValue: ['a', 'b'], effectiveValue: ['a', 'b', 'c'], eventId: 3 },
    ],
    reviewerItems: [false, false, true],
    effective: letter({
      items: [item(), item({ medication: { name: 'Tramadol', strength: '50mg', count: 60 } }), item()],
    }),
  });

  it('knows which cells were corrected, ignoring the structural "items" marker for fields', () => {
    expect(isCorrected(corrected, 'patientAge')).toBe(true);
    expect(isCorrected(corrected, 'patientSex')).toBe(false);
    expect(isCorrected(corrected, 'items[1].medication.name')).toBe(true);
    expect(isCorrected(corrected, 'items[0].decision')).toBe(false);
  });

  it('marks items with corrected fields or created by a reviewer', () => {
    expect(isItemCorrected(corrected, 0)).toBe(false);
    expect(isItemCorrected(corrected, 1)).toBe(true);
    expect(isItemCorrected(corrected, 2)).toBe(true);
  });

  it('rebuilds the parsed values at effective positions without touching the effective letter', () => {
    const parsed = parsedLetterOf(corrected);
    expect(parsed.patientAge).toBe(52);
    expect(parsed.items).toHaveLength(3);
    expect(parsed.items[1]!.medication).toBeNull();
    expect(corrected.effective.patientAge).toBe(53);
    const view = parsedItemView({
      record: corrected,
      letter: corrected.effective,
      item: corrected.effective.items[1]!,
      index: 1,
    });
    expect(view.item.medication).toBeNull();
    expect(view.letter.patientAge).toBe(52);
  });

  it('returns the effective letter itself when nothing was corrected', () => {
    const plain = record();
    expect(parsedLetterOf(plain)).toBe(plain.effective);
  });
});
