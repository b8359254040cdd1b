/**
 * The parsed shape of one IMR final determination letter.
 *
 * Key names are part of the product's contract: `imr parse --json`, the
 * spreadsheet export and the correction paths (`items[0].decision`) all use
 * them verbatim, so rename nothing here without a migration story.
 */
import type { LetterFormat } from '../parser/layouts';

/** Half-open character range [start, end) into `LetterText.text`. */
export interface Span {
  start: number;
  end: number;
}

export type Decision = 'Upheld' | 'Overturned';
export const DECISIONS: readonly Decision[] = ['Upheld', 'Overturned'];

export const SEXES = ['female', 'male'] as const;
export type Sex = (typeof SEXES)[number];
export const REVIEWER_TYPES = ['expert reviewer', 'physician reviewer'] as const;
export type ReviewerType = (typeof REVIEWER_TYPES)[number];
export const CONCLUSIONS = ['medically necessary', 'not medically necessary'] as const;
export type Conclusion = (typeof CONCLUSIONS)[number];

/**
 * Item categories. Small on purpose: analysts filter on these, so every
 * value must be obvious without a legend. Documented in shared/parser/README.md.
 */
export const ITEM_CATEGORIES = [
  'pharmacy',
  'physical therapy',
  'occupational therapy',
  'chiropractic',
  'acupuncture',
  'imaging',
  'electrodiagnostics',
  'injections',
  'surgery',
  'DME',
  'home care',
  'evaluation/consultation',
  'psychological',
  'other',
] as const;
export type ItemCategory = (typeof ITEM_CATEGORIES)[number];

export const CITATION_SOURCES = ['MTUS', 'ACOEM', 'ODG', 'other'] as const;
export type CitationSource = (typeof CITATION_SOURCES)[number];

export interface Citation {
  source: CitationSource;
  /** e.g. "Chronic Pain Medical Treatment 2016" or "Low Back Chapter". */
  title: string | null;
  /** Chapter / section text, e.g. "Electrodiagnostic testing (EMG/NCS)". */
  section: string | null;
  /** e.g. "78-80" */
  pages: string | null;
  /** Which guideline line it was read from. */
  from: 'claimsAdministrator' | 'maximus';
}

export interface Medication {
  name: string;
  strength: string | null;
  count: number | null;
}

/**
 * Layouts the parser recognises, with the name a reviewer sees; `unknown`
 * still yields what it can. The one list of layouts — the field model, the
 * case list filter, the API's filter schema and the export read it — comes
 * from the parser's layout registry (shared/parser/layouts: one file per
 * layout, its format value and label included).
 */
export { LETTER_FORMATS, LETTER_FORMAT_VALUES, type LetterFormat } from '../parser/layouts';

/** Body regions, the vocabulary of `ParsedItem.bodyRegion` (defined with the terms that map to each by the parser). */
export { BODY_REGIONS, type BodyRegion } from '../parser/derive/body-region';

export const LETTER_FIELDS = [
  'caseNumber',
  'dateAssigned',
  'decisionDate',
  'priority',
  'dateOfInjury',
  'urDenialDate',
  'applicationReceived',
  'licensure',
  'specialty',
  'reviewerType',
  'patientAge',
  'patientSex',
  'diagnoses',
  'clinicalSummary',
  'format',
] as const;
export type LetterField = (typeof LETTER_FIELDS)[number];

export const ITEM_FIELDS = [
  'treatment',
  'decision',
  'originalRequest',
  'authorizedByClaimsAdministrator',
  'claimsAdministratorGuideline',
  'maximusGuideline',
  'rationale',
  'category',
  'quantity',
  'frequency',
  'duration',
  'bodyRegion',
  'medication',
  'citations',
  'conclusion',
] as const;
export type ItemField = (typeof ITEM_FIELDS)[number];

/** Per-field provenance: where in the letter text a value was read. */
export type SpanMap<K extends string> = Partial<Record<K, Span>>;
/**
 * Per-field confidence in [0, 1]. Absent means 1 (read directly from a
 * labelled place). Inferred values (from prose, derived by rule) are < 1.
 */
export type ConfidenceMap<K extends string> = Partial<Record<K, number>>;

export interface ParsedItem {
  treatment: string | null;
  decision: Decision | null;
  originalRequest: string | null;
  authorizedByClaimsAdministrator: string | null;
  claimsAdministratorGuideline: string | null;
  maximusGuideline: string | null;
  rationale: string | null;
  category: ItemCategory;
  quantity: number | null;
  frequency: string | null;
  duration: string | null;
  /**
   * Every body region the treatment names (or its context, with lower
   * confidence), as values of the parser's vocabulary (BODY_REGIONS); empty
   * when none. Text before parser 2.0.0 (see `upgradeParsedLetter`).
   */
  bodyRegion: string[];
  medication: Medication | null;
  citations: Citation[];
  conclusion: Conclusion | null;
  spans: SpanMap<ItemField>;
  confidence: ConfidenceMap<ItemField>;
  warnings: string[];
}

export interface ParsedLetter {
  caseNumber: string | null;
  dateAssigned: string | null;
  decisionDate: string | null;
  priority: string | null;
  dateOfInjury: string | null;
  urDenialDate: string | null;
  applicationReceived: string | null;
  licensure: string[];
  specialty: string[];
  reviewerType: ReviewerType | null;
  patientAge: number | null;
  patientSex: Sex | null;
  diagnoses: string[];
  clinicalSummary: string | null;
  format: LetterFormat;
  items: ParsedItem[];
  spans: SpanMap<LetterField>;
  confidence: ConfidenceMap<LetterField>;
  /** Letter-level warnings; item warnings are also copied here prefixed "Item N:". */
  warnings: string[];
  /** False when the text is not an IMR letter at all. */
  isImrLetter: boolean;
  parserVersion: string;
  /**
   * Present when part of the letter was read by OCR from scanned pages
   * (backend/extract/ocr/provenance.ts): values whose source lies there
   * (`fields`, correction paths such as "caseNumber", "items[0].decision")
   * carry lower confidence and are marked OCR for the reviewer.
   */
  ocr?: OcrProvenance;
}

export interface OcrProvenance {
  /** Pages read by OCR, 1-based. */
  pages: number[];
  /** OCR engine and model. */
  engine: string;
  /** Correction paths of the values read from OCR'd text. */
  fields: string[];
}

/** What text extraction hands the parser (PDF or text file alike). */
export interface TextLine {
  /** Offsets into LetterText.text, end exclusive, without the newline. */
  start: number;
  end: number;
  /** 1-based page number. */
  page: number;
  /** True when most of the line's glyphs are set in a bold font. */
  bold: boolean;
  /**
   * Runs of the line separated by a wide horizontal gap (table cells, the
   * two-column header block), left to right. PDF only; absent for text files,
   * where the parser splits on tabs / runs of spaces instead.
   */
  cells?: TextCell[];
  /** Bold stretches inside the line (offsets into LetterText.text). PDF only. */
  boldRuns?: Span[];
  /**
   * Where each character of the line sits on its page (PDF only; absent for
   * letters imported before boxes were kept): compact encoding, see
   * shared/domain/text-boxes.ts.
   */
  boxes?: string;
  /**
   * Set when the line was read by OCR from a scanned page: the mean
   * confidence (0–1) of its words. Absent for text from a PDF's text layer
   * or a text file.
   */
  ocr?: number;
}

/** One column-separated run of a line. */
export interface TextCell {
  /** Offsets into LetterText.text, end exclusive. */
  start: number;
  end: number;
  /** Left edge in PDF points, for matching cells of the same column across lines. */
  x: number;
}

export interface LetterText {
  /** Lines joined with "\n"; pages separated by "\n\f\n" is NOT used: use `lines[].page`. */
  text: string;
  lines: TextLine[];
  pageCount: number;
  kind: 'pdf' | 'text';
  /** Detected source encoding for text files (e.g. "utf-8", "utf-16le", "windows-1252"). */
  encoding?: string;
  /** What extraction had to guess (e.g. bytes that were not UTF-8); the parser passes them on as letter warnings. */
  warnings?: string[];
}
