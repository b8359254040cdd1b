/**
 * The registry of letter layouts: one file per layout in this folder. The
 * format values (`LetterFormat`, stored in every parsed letter) and their
 * labels (UI, export) come from here and nowhere else. Adding a layout is one
 * file here, its entry below, and fixtures that show it parses.
 */
import imr2013 from './imr-2013';
import imr2013Notice from './imr-2013-notice';
import imr2016 from './imr-2016';
import maximusImr from './maximus-imr';
import medicalProfessionalReview from './medical-professional-review';

export const LAYOUTS = [imr2016, imr2013, maximusImr, medicalProfessionalReview, imr2013Notice] as const;

/** One of the registry's layouts, its format a literal type. */
export type KnownLayout = (typeof LAYOUTS)[number];

/** A layout the parser recognises, or `unknown` (it still reads what it can by label). */
export type LetterFormat = KnownLayout['format'] | 'unknown';

/** Every layout as `{ value, label }`, `unknown` last: for validation, filters, menus and the export. */
export const LETTER_FORMATS: readonly { value: LetterFormat; label: string }[] = [
  ...LAYOUTS.map((l) => ({ value: l.format, label: l.label })),
  { value: 'unknown', label: 'Unknown layout' },
];

/** The format values alone (a non-empty tuple, as zod's enum wants it). */
export const LETTER_FORMAT_VALUES = LETTER_FORMATS.map((f) => f.value) as [LetterFormat, ...LetterFormat[]];

export function layoutOf(format: string): KnownLayout | undefined {
  return LAYOUTS.find((l) => l.format === format);
}

export type { Layout } from './types';
