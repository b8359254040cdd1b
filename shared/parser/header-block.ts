import type { Span } from '../domain/letter';
import { DATE_PATTERN, toIsoDate } from './dates';
import { LAYOUTS } from './layouts';
import type { HeaderLabel } from './layouts/types';
import type { Located } from './provenance';
import { foldWhitespace, trimSpan } from './text';

export interface HeaderFields {
  caseNumber?: Located<string>;
  dateAssigned?: Located<string>;
  decisionDate?: Located<string>;
  priority?: Located<string>;
  dateOfInjury?: Located<string>;
  urDenialDate?: Located<string>;
  applicationReceived?: Located<string>;
}

/**
 * Other wordings MAXIMUS used for the same header fields, beside those the
 * layouts declare: accepted in any layout. Each word may be separated by any
 * white space.
 */
const OTHER_DATE_LABELS: HeaderLabel[] = [
  { field: 'dateAssigned', words: ['Assigned', 'Date'] },
  { field: 'dateAssigned', words: ['Date', 'Case', 'Assigned'] },
  { field: 'decisionDate', words: ['Date', 'of', 'Decision'] },
  { field: 'decisionDate', words: ['Determination', 'Date'] },
  { field: 'dateOfInjury', words: ['Injury', 'Date'] },
  { field: 'dateOfInjury', words: ['DOI'] },
  { field: 'urDenialDate', words: ['Date', 'of', 'UR', 'Decision'] },
  { field: 'urDenialDate', words: ['UR', 'Determination', 'Date'] },
  { field: 'urDenialDate', words: ['UR', 'Decision', 'Date'] },
  { field: 'applicationReceived', words: ['IMR', 'Application', 'Received'] },
  { field: 'applicationReceived', words: ['Date', 'of', 'IMR', 'Application'] },
  { field: 'applicationReceived', words: ['Application', 'Received', 'Date'] },
];

/**
 * The header is read before the layout is known (its presence is one of the
 * layout's signs), so every layout's labels apply, in registry order, then the
 * other wordings; labels that only approximately mean their field ("Dated:")
 * come last. For one field the first wording found wins.
 */
const DATE_LABELS: HeaderLabel[] = [
  ...new Map(
    [...LAYOUTS.flatMap((l) => l.headerLabels), ...OTHER_DATE_LABELS].map(
      (l) => [`${l.atLineStart ? '^' : ''}${l.words.join(' ').toLowerCase()}`, l] as const,
    ),
  ).values(),
].sort((a, b) => (b.confidence ?? 1) - (a.confidence ?? 1));

export const CASE_NUMBER = /\b[A-Z]{2}\d{2}-\d{7}\b/;

/**
 * Read the labelled header block ("Case Number: CM16-0213037", "Date
 * Assigned: 12/07/2016", ...). In the PDFs it is two columns of label/value
 * pairs, so a label that wraps ("Application" / "Received:") has its value
 * on the first line, between the two halves of the label: both the plain
 * "Label: value" order and that split order are accepted. Values are typed
 * (dates, case numbers), which keeps a value of the other column from being
 * taken.
 */
export function readHeaderBlock(text: string, region: Span): HeaderFields {
  const area = text.slice(region.start, region.end);
  const at = (i: number) => region.start + i;
  const out: HeaderFields = {};

  const caseLabel = /(?:IMR\s+)?Case\s+(?:Number|No\.?|#)\s*:?[ \t]*(?:\t|\s)*([A-Z]{2}\d{2}-\d{7})\b/i.exec(area);
  if (caseLabel) {
    const start = at(caseLabel.index + caseLabel[0].length - caseLabel[1]!.length);
    out.caseNumber = {
      value: caseLabel[1]!.toUpperCase(),
      span: { start, end: start + caseLabel[1]!.length },
      confidence: 1,
    };
  }

  // Every pattern of a label contains all its words: a label whose words are not all in the header is not run.
  const lowered = area.toLowerCase();
  for (const { field, words, confidence = 1, atLineStart } of DATE_LABELS) {
    if (out[field]) continue; // the first wording found wins
    if (!words.every((w) => lowered.includes(w.toLowerCase()))) continue;
    const found = findLabelledDate(area, words, atLineStart);
    if (found) out[field] = { value: found.iso, span: { start: at(found.start), end: at(found.end) }, confidence };
  }

  fillFromStackedColumns(text, region, out);

  // Priority is a word or two ("Standard", "Expedited"); it ends at a column gap, a line end or the next label.
  const priority =
    /Priority\s*:[ \t]*([A-Za-z][A-Za-z -]*?)(?=\t| {2,}|\n|$|\s+(?:Application|Date|UR|Decision|Case)\b)/i.exec(area);
  // An empty priority cell would otherwise yield the next column's label ("Application").
  if (
    !out.priority &&
    priority &&
    priority[1] &&
    !/^(?:Application|Date|UR|Decision|Case|Received)\b/i.test(priority[1])
  ) {
    const start = at(priority.index + priority[0].length - priority[1].length);
    const span = trimSpan(text, start, start + priority[1].length);
    out.priority = { value: foldWhitespace(text.slice(span.start, span.end)), span, confidence: 1 };
  }
  return out;
}

function findLabelledDate(
  area: string,
  words: string[],
  atLineStart = false,
): { iso: string; start: number; end: number } | null {
  for (const pattern of labelledDatePatterns(words, atLineStart)) {
    const m = pattern.exec(area);
    if (m) return located(m, 1);
  }
  return null;
}

/**
 * The patterns for one label, built once per label: building them on every
 * letter (string assembly plus a RegExp per wording) was the parser's largest
 * single cost on short text letters. None has the g or y flag, so exec keeps no state.
 */
const labelledDatePatternCache = new Map<string, RegExp[]>();
function labelledDatePatterns(words: string[], atLineStart: boolean): RegExp[] {
  const key = `${atLineStart ? '^' : ''}${words.join(' ')}`;
  const cached = labelledDatePatternCache.get(key);
  if (cached) return cached;
  const escaped = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const label = escaped.join('\\s+');
  const patterns: RegExp[] = [];
  // "Label: date" (date after the colon, possibly after a column gap).
  patterns.push(
    atLineStart
      ? new RegExp(`(?:^|\\n)[ \\t]*${label}\\s*:[ \\t]*(${DATE_PATTERN})`, 'd')
      : new RegExp(`\\b${label}\\s*:[ \\t]*(${DATE_PATTERN})`, 'id'),
  );
  if (!atLineStart) {
    // "Application<gap>12/13/2016\n...Received:" — value between the halves of a wrapped label. When the
    // label is in the left column, the right column's label and value follow the date on the same line.
    for (let split = 1; split < words.length; split++) {
      const head = escaped.slice(0, split).join('\\s+');
      const tail = escaped.slice(split).join('\\s+');
      patterns.push(
        new RegExp(
          `\\b${head}[ \\t]+(${DATE_PATTERN})(?:[ \\t]*\\n[ \\t]*|(?:\\t| {2,})[^\\n]*\\n[ \\t]*|[ \\t]+)${tail}\\s*:`,
          'id',
        ),
      );
    }
    // "Label:" with the date on the next line (narrow layouts).
    patterns.push(new RegExp(`\\b${label}\\s*:[ \\t]*\\n[ \\t]*(${DATE_PATTERN})`, 'id'));
  }
  labelledDatePatternCache.set(key, patterns);
  return patterns;
}

function located(m: RegExpExecArray, group: number): { iso: string; start: number; end: number } | null {
  const raw = m[group];
  const where = m.indices?.[group];
  if (!raw || !where) return null;
  const iso = toIsoDate(raw);
  return iso ? { iso, start: where[0], end: where[1] } : null;
}

/** Every wording of a header label, folded to lower case single-spaced words, with its field. */
const LABEL_FIELDS = new Map<string, keyof HeaderFields>([
  ['case number', 'caseNumber'],
  ['imr case number', 'caseNumber'],
  ['case no.', 'caseNumber'],
  ['priority', 'priority'],
  ...DATE_LABELS.filter((l) => !l.atLineStart).map((l) => [l.words.join(' ').toLowerCase(), l.field] as const),
]);

interface TextLineSpan {
  start: number;
  end: number;
  content: string;
}

/**
 * Text copied out of a PDF viewer (or pdftotext without -layout) stacks the
 * two-column header: a run of label lines ("Case Number:", "Date Assigned:",
 * …, "Application" / "Received:"), then the run of their values in the same
 * order. Values are paired by position and kept only when their type fits
 * the label (case number, date, priority word); fields found by the other
 * rules are not replaced.
 */
function fillFromStackedColumns(text: string, region: Span, out: HeaderFields): void {
  const lines: TextLineSpan[] = [];
  for (let start = region.start; start < region.end;) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 || nl > region.end ? region.end : nl;
    lines.push({ start, end, content: text.slice(start, end).trim() });
    start = end + 1;
  }
  for (let i = 0; i < lines.length;) {
    const labels: (keyof HeaderFields)[] = [];
    let j = i;
    while (j < lines.length) {
      const single = labelField(lines[j]!.content);
      if (single) {
        labels.push(single);
        j++;
        continue;
      }
      const wrapped = j + 1 < lines.length ? labelField(`${lines[j]!.content} ${lines[j + 1]!.content}`) : undefined;
      if (!wrapped || lines[j]!.content.endsWith(':')) break;
      labels.push(wrapped);
      j += 2;
    }
    if (labels.length < 2) {
      i = Math.max(j, i + 1);
      continue;
    }
    while (j < lines.length && !lines[j]!.content) j++;
    const values = lines.slice(j, j + labels.length);
    if (values.length === labels.length && values.every((v) => v.content && !labelField(v.content))) {
      labels.forEach((field, k) => {
        if (!out[field]) assignTyped(text, out, field, values[k]!);
      });
    }
    i = j;
  }
}

function labelField(line: string): keyof HeaderFields | undefined {
  const trimmed = line.trim();
  if (!trimmed.endsWith(':')) return undefined; // most lines: skip the backtracking match below
  const m = /^(.*\S)\s*:$/.exec(trimmed);
  return m ? LABEL_FIELDS.get(foldWhitespace(m[1]!).toLowerCase()) : undefined;
}

function assignTyped(text: string, out: HeaderFields, field: keyof HeaderFields, line: TextLineSpan): void {
  const offset = text.indexOf(line.content, line.start);
  const span = { start: offset, end: offset + line.content.length };
  // Paired by position rather than read after the label: slightly less certain.
  const confidence = 0.9;
  if (field === 'caseNumber') {
    if (new RegExp(`^${CASE_NUMBER.source}$`).test(line.content))
      out.caseNumber = { value: line.content, span, confidence };
  } else if (field === 'priority') {
    if (/^[A-Za-z][A-Za-z -]{0,30}$/.test(line.content)) out.priority = { value: line.content, span, confidence };
  } else if (new RegExp(`^${DATE_PATTERN}$`).test(line.content)) {
    const iso = toIsoDate(line.content);
    if (iso) out[field] = { value: iso, span, confidence };
  }
}
