/**
 * Parser throughput and accuracy: letters per second (and ms per letter) for
 * text letters (decode + parse), for PDF text extraction alone, and for
 * parsing alone; and fields matched against expected.ndjson on the 45-letter
 * corpus. Single thread, sequential: the per-letter cost the import workers
 * pay. Writes bench-results/parser.json.
 *
 * Run: npm run bench -- parser   (or: npx tsx test/bench/parser.bench.ts)
 * Options (env): IMR_BENCH_PARSER_ROUNDS (default 3 passes over the 40 PDFs, 100 over the 5 text letters).
 */
import fs from 'node:fs';
import path from 'node:path';
import { extractLetterText } from '../../backend/extract';
import type { LetterText } from '../../shared/domain/letter';
import { parseLetter } from '../../shared/parser';
import { findBodyRegions } from '../../shared/parser/derive/body-region';
import { categorise } from '../../shared/parser/derive/category';
import { readConclusion } from '../../shared/parser/derive/conclusion';
import { readMedication } from '../../shared/parser/derive/medication';
import { compareLetter, corpusPath, loadExpected } from '../integration/extract/corpus-compare';
import { describeScores, scoreComposed, scoreCorpus } from './derived-accuracy';

const rounds = Number(process.env.IMR_BENCH_PARSER_ROUNDS ?? 3);
const resultsDir = process.env.IMR_BENCH_RESULTS ?? path.resolve(import.meta.dirname, '../../bench-results');

const expected = loadExpected();
const files = expected.map((e) => ({ name: e.file, bytes: new Uint8Array(fs.readFileSync(corpusPath(e.file))) }));
const pdfs = files.filter((f) => f.name.endsWith('.pdf'));
const texts = files.filter((f) => f.name.endsWith('.txt'));

async function time(
  count: number,
  body: () => Promise<void>,
): Promise<{ letters: number; seconds: number; perSecond: number; msPerLetter: number }> {
  const started = process.hrtime.bigint();
  await body();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return {
    letters: count,
    seconds: round(seconds, 3),
    perSecond: round(count / seconds, 1),
    msPerLetter: round((seconds * 1000) / count, 2),
  };
}
const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

// Warm-up: loads pdf.js and JIT-compiles the parser so the timed runs measure steady state.
const extracted = new Map<string, LetterText>();
for (const f of files) extracted.set(f.name, await extractLetterText(f.bytes, f.name));

const textRounds = rounds * 34;
const textLetters = await time(texts.length * textRounds, async () => {
  for (let r = 0; r < textRounds; r++) for (const f of texts) parseLetter(await extractLetterText(f.bytes, f.name));
});
const pdfExtraction = await time(pdfs.length * rounds, async () => {
  for (let r = 0; r < rounds; r++) for (const f of pdfs) await extractLetterText(f.bytes, f.name);
});
const pdfParseOnly = await time(pdfs.length * rounds * 10, async () => {
  for (let r = 0; r < rounds * 10; r++) for (const f of pdfs) parseLetter(extracted.get(f.name)!);
});
const pdfEndToEnd = {
  msPerLetter: round(pdfExtraction.msPerLetter + pdfParseOnly.msPerLetter, 2),
  perSecond: round(1000 / (pdfExtraction.msPerLetter + pdfParseOnly.msPerLetter), 1),
};

const parsedByFile = new Map(expected.map((e) => [e.file, parseLetter(extracted.get(e.file)!)]));
const derivedCorpus = scoreCorpus((file) => parsedByFile.get(file)!);
const deriveTreatment = (treatment: string) => {
  const category = categorise(treatment).category;
  return {
    category,
    bodyRegion: findBodyRegions(treatment)?.value ?? [],
    medication: category === 'pharmacy' ? (readMedication(treatment)?.value ?? null) : null,
  };
};
const conclude = (rationale: string) => readConclusion(rationale)?.value ?? null;
const derivedComposed = scoreComposed(deriveTreatment, conclude, 'composed.json');
const derivedBlind = scoreComposed(deriveTreatment, conclude, 'composed-blind.json');

let checked = 0;
let mismatched = 0;
for (const e of expected) {
  const r = compareLetter(e, parsedByFile.get(e.file)!);
  checked += r.checked;
  mismatched += r.mismatches.length;
}

const results = {
  date: new Date().toISOString(),
  node: process.version,
  accuracy: { letters: expected.length, fieldsChecked: checked, fieldsMatched: checked - mismatched },
  derivedFields: { corpusItems: derivedCorpus, composed: derivedComposed, composedBlind: derivedBlind },
  textLetters,
  pdfExtraction,
  pdfParseOnly,
  pdfEndToEnd,
};
console.log(`corpus accuracy: ${checked - mismatched}/${checked} fields on ${expected.length} letters`);
console.log(`derived fields, hand-labelled corpus items: ${describeScores(derivedCorpus)}`);
console.log(`derived fields, composed treatments/rationales: ${describeScores(derivedComposed)}`);
console.log(`derived fields, composed (blind) set: ${describeScores(derivedBlind)}`);
console.log(`text letters (decode + parse): ${textLetters.perSecond} letters/s, ${textLetters.msPerLetter} ms/letter`);
console.log(
  `PDF text extraction:           ${pdfExtraction.perSecond} letters/s, ${pdfExtraction.msPerLetter} ms/letter`,
);
console.log(
  `PDF parse only:                ${pdfParseOnly.perSecond} letters/s, ${pdfParseOnly.msPerLetter} ms/letter`,
);
console.log(`PDF extract + parse:           ${pdfEndToEnd.perSecond} letters/s, ${pdfEndToEnd.msPerLetter} ms/letter`);
fs.mkdirSync(resultsDir, { recursive: true });
fs.writeFileSync(path.join(resultsDir, 'parser.json'), `${JSON.stringify(results, null, 2)}\n`);
