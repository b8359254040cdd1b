/**
 * Accuracy of the derived fields against hand labels
 * (test/fixtures/derived-labels): every corpus item, and treatments and
 * rationale endings composed for the purpose (labelled before the parser was
 * run on them). Category and conclusion must match exactly; body regions as a
 * set of vocabulary values; medication name without regard to case, strength
 * without regard to spacing ("10/325mg" = "10/325 mg"); an item that is not a
 * drug must have no medication. Used by parser.bench.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Conclusion, ItemCategory, Medication, ParsedLetter } from '../../shared/domain/letter';

const LABELS = path.resolve(import.meta.dirname, '../fixtures/derived-labels');

export interface DerivedItem {
  category: ItemCategory;
  bodyRegion: readonly string[];
  medication: Pick<Medication, 'name' | 'strength'> | null;
}

interface LabelledItem extends DerivedItem {
  treatment: string;
}

export interface Score {
  checked: number;
  right: number;
}
export type Scores = Record<'category' | 'bodyRegion' | 'medication' | 'strength' | 'conclusion', Score>;

const blank = (): Scores => ({
  category: { checked: 0, right: 0 },
  bodyRegion: { checked: 0, right: 0 },
  medication: { checked: 0, right: 0 },
  strength: { checked: 0, right: 0 },
  conclusion: { checked: 0, right: 0 },
});

function tally(score: Score, right: boolean): void {
  score.checked++;
  if (right) score.right++;
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x) => b.includes(x)) && b.every((x) => a.includes(x));
const squash = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, '').toLowerCase();

function scoreItem(scores: Scores, label: DerivedItem, got: DerivedItem): void {
  tally(scores.category, got.category === label.category);
  tally(scores.bodyRegion, sameSet(got.bodyRegion, label.bodyRegion));
  if (label.medication) {
    tally(scores.medication, squash(got.medication?.name) === squash(label.medication.name));
    tally(scores.strength, squash(got.medication?.strength) === squash(label.medication.strength));
  } else {
    tally(scores.medication, got.medication === null);
  }
}

/** Corpus items: the parsed letters by file name, compared item by item with the labels. */
export function scoreCorpus(parsed: (file: string) => ParsedLetter, read = readItem): Scores {
  const labels = JSON.parse(fs.readFileSync(path.join(LABELS, 'corpus-items.json'), 'utf8')) as (LabelledItem & {
    file: string;
    item: number;
  })[];
  const scores = blank();
  for (const label of labels) {
    const letter = parsed(label.file);
    const item = letter.items[label.item];
    if (!item || item.treatment !== label.treatment) throw new Error(`${label.file} item ${label.item} moved`);
    scoreItem(scores, label, read(item));
    // The letter's decision says what the rationale concludes (Upheld: not medically necessary).
    const expected: Conclusion = item.decision === 'Upheld' ? 'not medically necessary' : 'medically necessary';
    tally(scores.conclusion, item.conclusion === expected);
  }
  return scores;
}

export function readItem(item: ParsedLetter['items'][number]): DerivedItem {
  return { category: item.category, bodyRegion: item.bodyRegion, medication: item.medication };
}

/** Composed treatments and rationales, read by the given derive functions (treatment alone, no context). */
export function scoreComposed(
  derive: (treatment: string) => DerivedItem,
  conclude: (rationale: string) => Conclusion | null,
  set: 'composed.json' | 'composed-blind.json' = 'composed.json',
): Scores {
  const composed = JSON.parse(fs.readFileSync(path.join(LABELS, set), 'utf8')) as {
    treatments: LabelledItem[];
    conclusions: { rationale: string; conclusion: Conclusion }[];
  };
  const scores = blank();
  for (const label of composed.treatments) scoreItem(scores, label, derive(label.treatment));
  for (const { rationale, conclusion } of composed.conclusions)
    tally(scores.conclusion, conclude(rationale) === conclusion);
  return scores;
}

export function describeScores(scores: Scores): string {
  return Object.entries(scores)
    .map(([field, s]) => `${field} ${s.right}/${s.checked} (${Math.round((100 * s.right) / Math.max(1, s.checked))}%)`)
    .join(', ');
}
