import type { Span } from '../domain/letter';
import { LAYOUTS, type KnownLayout } from './layouts';
import type { Heading, SectionKind, Sign } from './layouts/types';

export type { SectionKind };

/**
 * Section headings are found in the text with any white space between words
 * (a heading may wrap or sit mid-line after a bad extraction). Each layout
 * (layouts/*.ts) lists its own headings; a letter's sections are read with
 * the headings of its layout only, so one layout's heading never cuts
 * another's sections. Unrecognised letters use every layout's headings.
 */
export interface Section {
  kind: SectionKind;
  /** The heading itself. */
  heading: Span;
  /** From after the heading to the next heading (or the end of the text). */
  body: Span;
}

/** Every layout's headings, once each: the sections of a letter whose layout is not recognised. */
export const ALL_HEADINGS: Heading[] = [
  ...new Map(LAYOUTS.flatMap((l) => l.headings).map((h) => [headingKey(h), h] as const)).values(),
];

function headingKey(h: Heading): string {
  return `${h.upperOnly ? 'U' : 'i'}:${h.pattern}`;
}

const compiled = new Map<string, RegExp>();
function headingPattern(h: Heading): RegExp {
  const key = headingKey(h);
  let pattern = compiled.get(key);
  if (!pattern) {
    pattern = new RegExp(h.pattern, h.upperOnly ? 'g' : 'gi');
    compiled.set(key, pattern);
  }
  return pattern;
}

/** Where each heading first occurs in one letter's text (at a heading position), looked up once per heading. */
export class HeadingLocator {
  private readonly found = new Map<string, Span | null>();
  constructor(private readonly text: string) {}

  find(h: Heading): Span | null {
    const key = headingKey(h);
    if (this.found.has(key)) return this.found.get(key)!;
    const pattern = headingPattern(h);
    pattern.lastIndex = 0;
    let at: Span | null = null;
    let m: RegExpExecArray | null;
    while ((m = pattern.exec(this.text))) {
      const start = m[0].length ? headingStart(this.text, m.index) : -1;
      if (start >= 0) {
        at = { start, end: m.index + m[0].length };
        break;
      }
      if (m[0].length === 0) pattern.lastIndex++;
    }
    this.found.set(key, at);
    return at;
  }
}

/** The first occurrence of each kind of the given headings, in text order, each body up to the next heading. */
export function findSections(text: string, headings: Heading[], locator = new HeadingLocator(text)): Section[] {
  const found: { kind: SectionKind; start: number; end: number }[] = [];
  for (const h of headings) {
    const at = locator.find(h);
    if (!at) continue;
    const same = found.findIndex((f) => f.kind === h.kind);
    // Two headings of one kind (unrecognised layouts): the earlier opens the section.
    if (same >= 0 && found[same]!.start <= at.start) continue;
    if (same >= 0) found.splice(same, 1);
    found.push({ kind: h.kind, ...at });
  }
  // "CLINICAL CASE SUMMARY" also contains "CASE SUMMARY"; overlapping matches keep the earliest, longest.
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const distinct = found.filter((f, i) => !found.slice(0, i).some((g) => f.start < g.end && g.start < f.end));
  return distinct.map((f, i) => ({
    kind: f.kind,
    heading: { start: f.start, end: f.end },
    body: { start: f.end, end: distinct[i + 1]?.start ?? text.length },
  }));
}

/**
 * Where a heading found at `at` starts, or -1 when it is not in a heading
 * position. A heading stands at the start of a line (after optional spaces),
 * or after its list number ("1) Regarding the request for"), which then
 * starts it. Labels such as "CASE SUMMARY:" may be followed by text on the
 * same line; full-line headings are also accepted mid-line when preceded by a
 * sentence end, which is what joined lines look like.
 */
function headingStart(text: string, at: number): number {
  const before = text.slice(Math.max(0, at - 200), at);
  const lineStart = before.lastIndexOf('\n');
  const prefix = before.slice(lineStart + 1);
  if (prefix.trim() === '' || /[.:]\s*$/.test(prefix)) return at;
  const number = /(?:^|[.:]\s*)[ \t]*(\(?\d{1,2}\s*[.)]\s*)$/.exec(prefix);
  return number ? at - number[1]!.length : -1;
}

export function sectionOf(sections: Section[], kind: SectionKind): Section | undefined {
  return sections.find((s) => s.kind === kind);
}

export interface Recognised {
  /** Undefined when no layout qualifies (format `unknown`). */
  layout: KnownLayout | undefined;
  /** The letter's sections, by its layout's headings (every heading when unrecognised). */
  sections: Section[];
}

/**
 * The layout whose signs the letter shows most (see `Layout.recognition`):
 * 2 per required sign, 1 per supporting sign, 10 per exclusive sign. Exact
 * ties go to the earlier layout of the registry; the layout tests check that
 * the known layouts never tie.
 */
export function recogniseLayout(text: string, hasHeaderBlock: boolean, locator = new HeadingLocator(text)): Recognised {
  let best: { layout: KnownLayout; sections: Section[]; score: number } | undefined;
  for (const { layout, sections, score } of scoreLayouts(text, hasHeaderBlock, locator)) {
    if (score > 0 && (!best || score > best.score)) best = { layout, sections, score };
  }
  return best
    ? { layout: best.layout, sections: best.sections }
    : { layout: undefined, sections: findSections(text, ALL_HEADINGS, locator) };
}

/** Every layout's score for this letter (0: it does not qualify). Exposed for the tie test. */
export function scoreLayouts(
  text: string,
  hasHeaderBlock: boolean,
  locator = new HeadingLocator(text),
): { layout: KnownLayout; sections: Section[]; score: number }[] {
  return LAYOUTS.map((layout) => {
    const sections = findSections(text, layout.headings, locator);
    const holds = (sign: Sign) =>
      'section' in sign ? sections.some((s) => s.kind === sign.section) : sign.headerBlock === hasHeaderBlock;
    const { requires, supports = [], exclusive = [] } = layout.recognition;
    const exclusiveFound = exclusive.filter(holds).length;
    const required = requires.every((r) => (Array.isArray(r) ? r.some(holds) : holds(r)));
    const score =
      required || exclusiveFound
        ? 10 * exclusiveFound + (required ? 2 * requires.length : 0) + supports.filter(holds).length
        : 0;
    return { layout, sections, score };
  });
}
