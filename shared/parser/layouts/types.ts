/**
 * What a letter layout is, as data: how it is recognised, where its sections
 * start, how its disputed items are written and which labels it uses. One
 * file per layout in this folder; the parser's readers are generic and take
 * their wordings from the layout (or from every layout when none is
 * recognised). Pure data and types: the domain model and the renderer import
 * the registry for the format values and labels.
 */

/** Sections a layout may have; a layout lists the headings that open each. */
export type SectionKind =
  | 'title' // the letter's own title, e.g. "Notice of Independent Medical Review Determination"
  | 'letterhead' // "MAXIMUS FEDERAL SERVICES, INC." + "Independent Medical Review"
  | 'professionalReview' // "MEDICAL PROFESSIONAL REVIEW"
  | 'howMade' // "HOW THE IMR FINAL DETERMINATION WAS MADE"
  | 'credentials' // the reviewer's qualifications
  | 'summary' // the clinical case summary
  | 'documents' // documents reviewed
  | 'decisions' // a list of the decisions ahead of the items (2013 Notice)
  | 'items' // where the disputed items start
  | 'issueAtDispute' // "ISSUE AT DISPUTE:" (items listed, guideline and rationale shared)
  | 'guidelinesRelied' // a letter-wide guideline section
  | 'rationaleWhy'; // a letter-wide rationale section

export interface Heading {
  kind: SectionKind;
  /** RegExp source; words should be joined by `\s+` (or `\s*` where text extraction glues words). */
  pattern: string;
  /**
   * Match the capitals only: a capitalised heading ("CASE SUMMARY") would
   * otherwise match ordinary prose ("the case summary").
   */
  upperOnly?: boolean;
}

/** Evidence that a letter has a layout. */
export type Sign =
  | { section: SectionKind }
  /** A labelled header block (case number, assigned / decision dates) ahead of the items: present or absent. */
  | { headerBlock: boolean };

/**
 * How a layout writes its disputed items (the parser's item readers):
 * - `decision-headers`: "<item>: Upheld" / "<item>: Overturned" headers, each
 *   followed by its labelled guidelines and rationale;
 * - `numbered-statements`: "1. <item> is not medically necessary and
 *   appropriate." — the decision implied by the statement;
 * - `issue-at-dispute`: items listed under ISSUE AT DISPUTE, one guideline and
 *   one rationale section for the whole letter;
 * - `regarding-sections`: a numbered list of determinations, then one
 *   "N) Regarding the request for <item>:" section per item with its labelled
 *   guidelines and rationale.
 */
export type ItemStrategy = 'decision-headers' | 'numbered-statements' | 'issue-at-dispute' | 'regarding-sections';

/** Header-block date fields (the case number and priority labels are the same in every layout). */
export type HeaderDateField = 'dateAssigned' | 'decisionDate' | 'dateOfInjury' | 'urDenialDate' | 'applicationReceived';

export interface HeaderLabel {
  field: HeaderDateField;
  /** The label's words; any white space may separate them in the letter. */
  words: string[];
  /** Below 1 when the label only approximately means the field. */
  confidence?: number;
  /** Only at the start of a line (a word that also occurs in prose, e.g. "Dated:"). */
  atLineStart?: boolean;
}

/** RegExp sources of the labels that open each part of an item's body (without the colon). */
export interface BodyLabels {
  claimsAdministratorGuideline: string[];
  maximusGuideline: string[];
  rationale: string[];
}

export interface Layout<F extends string = string> {
  /** Stored in every parsed letter (`ParsedLetter.format`): never rename one. */
  format: F;
  /** Shown to reviewers and analysts (UI, export). */
  label: string;
  /** One line for the README: when MAXIMUS used it and how it looks. */
  description: string;
  headings: Heading[];
  /**
   * Recognition by score: a layout qualifies when every `requires` entry holds
   * (an inner list: any one of it); its score is 2 per required sign, 1 per
   * supporting sign and 10 per exclusive sign found. An exclusive sign alone
   * qualifies it. The highest score wins, so the order of the registry only
   * breaks exact ties (tests keep the known layouts free of them).
   */
  recognition: { requires: (Sign | Sign[])[]; supports?: Sign[]; exclusive?: Sign[] };
  /** How the items are written; the section they start at. */
  items: { strategy: ItemStrategy; section: SectionKind };
  /** The labels of its header block. */
  headerLabels: HeaderLabel[];
  /** The labels of an item's guidelines and rationale. */
  bodyLabels: BodyLabels;
  /** Boilerplate that opens its case summary (RegExp source, matched at the summary's start). */
  summaryPreamble?: string;
  /** Every letter of the layout has a case number: its absence is worth a warning. */
  expectsCaseNumber: boolean;
}

/** Keeps the format as a literal type, so `LetterFormat` is the union of the registry's formats. */
export function defineLayout<const F extends string>(layout: Layout<F>): Layout<F> {
  return layout;
}
