// Writes shared/domain/unicode-tables.ts (committed) from the Unicode Character Database: the few facts the rule for
// invisible characters (shared/domain/control-characters.ts) needs and the JavaScript regex engine cannot say.
// Rerun after moving to a newer Unicode version:
//   apt-get download unicode-data && dpkg -x unicode-data_*.deb /tmp/ud
//   node scripts/unicode-tables.mjs /tmp/ud/usr/share/unicode
// (or `apt-get install unicode-data` and no argument: /usr/share/unicode). The data is Unicode's own, under the
// Unicode licence (https://www.unicode.org/license.txt), which allows copying it into the app; the version comes
// from the files' own headers. Files read:
//   StandardizedVariants.txt             standardized variation sequences (Myanmar, maths, CJK compatibility, Mongolian…)
//   emoji/emoji-variation-sequences.txt  text and emoji style (U+FE0E, U+FE0F) of each emoji that has both
//   emoji/emoji-sequences.txt            keycap bases, whose selector only varies something before U+20E3
//   extracted/DerivedJoiningType.txt     Joining_Type (ArabicShaping.txt, with type T derived), for ZWNJ in Arabic script
//   extracted/DerivedCombiningClass.txt  Canonical_Combining_Class: viramas (9), and the marks that are not 0
//   UnicodeData.txt                      General_Category Mn, with the combining class, for UAX #31's $M₁
// It also writes test/fixtures/unicode/*.txt: every Nth data line of those files, verbatim, which the unit tests
// (test/unit/domain/control-characters.test.ts) parse on their own to check the rule against Unicode's words.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

const UCD = path.resolve(process.argv[2] ?? '/usr/share/unicode');
const ROOT = path.resolve(import.meta.dirname, '..');
const OUT = path.join(ROOT, 'shared/domain/unicode-tables.ts');
const FIXTURES = path.join(ROOT, 'test/fixtures/unicode');

const read = (file) => fs.readFileSync(path.join(UCD, file), 'utf8');
/** The data lines of a UCD file: comments and blank lines dropped, fields trimmed. */
const dataLines = (file) =>
  read(file)
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim())
    .filter(Boolean)
    .map((line) => line.split(';').map((field) => field.trim()));
/** "0300..036F" or "0300" → [0x300, 0x36f]. */
const range = (field) => {
  const [from, to = from] = field.split('..');
  return [parseInt(from, 16), parseInt(to, 16)];
};
/** The version a UCD file names in its first line, e.g. "# DerivedJoiningType-15.0.0.txt" → "15.0.0". */
const versionOf = (file) => /-(\d+\.\d+\.\d+)\.txt/.exec(read(file).split('\n', 1)[0])?.[1] ?? '?';

/** Code points (numbers, any order, repeats allowed) as "0300-036F 0483" (hex, sorted, runs merged). */
function rangesText(codePoints) {
  const sorted = [...new Set(codePoints)].sort((a, b) => a - b);
  const runs = [];
  for (const cp of sorted) {
    const last = runs.at(-1);
    if (last && last[1] === cp - 1) last[1] = cp;
    else runs.push([cp, cp]);
  }
  const hex = (cp) => cp.toString(16).toUpperCase().padStart(4, '0');
  return runs.map(([a, b]) => (a === b ? hex(a) : `${hex(a)}-${hex(b)}`)).join(' ');
}
const expand = ([a, b]) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

// Variation sequences: selector → bases it may follow.
const keycapBases = new Set(
  dataLines('emoji/emoji-sequences.txt')
    .filter((fields) => fields[1] === 'Emoji_Keycap_Sequence')
    .map((fields) => parseInt(fields[0].split(' ')[0], 16)),
);
const bySelector = new Map();
const addSequence = (sequence) => {
  const [base, selector] = sequence.split(' ').map((h) => parseInt(h, 16));
  if (!bySelector.has(selector)) bySelector.set(selector, []);
  bySelector.get(selector).push(base);
};
for (const [sequence] of dataLines('StandardizedVariants.txt')) addSequence(sequence);
for (const [sequence] of dataLines('emoji/emoji-variation-sequences.txt')) {
  if (!keycapBases.has(parseInt(sequence, 16))) addSequence(sequence);
}

const joining = { D: [], L: [], R: [], T: [] };
for (const [field, type] of dataLines('extracted/DerivedJoiningType.txt')) joining[type]?.push(...expand(range(field)));
const combiningClass = new Map();
for (const [field, ccc] of dataLines('extracted/DerivedCombiningClass.txt')) {
  for (const cp of expand(range(field))) combiningClass.set(cp, Number(ccc));
}
const viramas = [...combiningClass].filter(([, ccc]) => ccc === 9).map(([cp]) => cp);
// UnicodeData.txt lists ranges of ideographs as First/Last pairs; none of them is Mn, so single lines suffice here.
const marksNotZero = dataLines('UnicodeData.txt')
  .filter((fields) => fields[2] === 'Mn' && Number(fields[3]) !== 0)
  .map((fields) => parseInt(fields[0], 16));

const version = versionOf('StandardizedVariants.txt');
// The emoji files name their version in a comment: "Used with Emoji Version 15.0 and subsequent minor revisions".
const emojiVersion = /Emoji Version (\d+\.\d+)/.exec(read('emoji/emoji-variation-sequences.txt'))?.[1] ?? '?';
const selectors = [...bySelector.keys()].sort((a, b) => a - b);
const text = `// Generated by scripts/unicode-tables.mjs from the Unicode Character Database ${version} (emoji data ${emojiVersion}),
// as Debian's unicode-data package ships it. Do not edit: rerun the script. Each table is code points in hex,
// runs written "first-last", read by control-characters.ts (codePointSet).

/** The Unicode version these tables were made from. */
export const UNICODE_TABLES_VERSION = '${version}';

/**
 * Variation sequences Unicode defines, by selector: the bases each selector may follow (StandardizedVariants.txt and
 * emoji-variation-sequences.txt; the keycap bases 0–9, # and * left out — with a selector but without U+20E3 they
 * show as the plain character, and the keycap itself is an RGI emoji).
 */
export const VARIATION_BASES: Record<number, string> = {
${selectors.map((s) => `  0x${s.toString(16).toUpperCase()}: '${rangesText(bySelector.get(s))}',`).join('\n')}
};

/** Joining_Type Dual_Joining or Left_Joining: a letter that joins to the one after it (UAX #31 $LJ). */
export const JOINS_AFTER = '${rangesText([...joining.D, ...joining.L])}';
/** Joining_Type Dual_Joining or Right_Joining: a letter that joins to the one before it (UAX #31 $RJ). */
export const JOINS_BEFORE = '${rangesText([...joining.D, ...joining.R])}';
/** Joining_Type Transparent: marks a join passes over (UAX #31 $T). */
export const JOIN_TRANSPARENT = '${rangesText(joining.T)}';
/** Canonical_Combining_Class Virama (9) (UAX #31 $V). */
export const VIRAMAS = '${rangesText(viramas)}';
/** General_Category Mn with a Canonical_Combining_Class other than 0 (UAX #31 $M₁). */
export const MARKS_NOT_ZERO = '${rangesText(marksNotZero)}';
`;
fs.writeFileSync(OUT, text);
execFileSync(path.join(ROOT, 'node_modules/.bin/prettier'), ['--write', OUT], { stdio: 'inherit' });

// Fixtures for the unit tests: every `every`th data line, verbatim, with the file's header line naming its version.
fs.mkdirSync(FIXTURES, { recursive: true });
const sample = (file, every, keep = () => true) => {
  const lines = read(file).split('\n');
  const data = lines.filter((line) => line && !line.startsWith('#') && keep(line));
  const picked = data.filter((_, i) => i % every === 0);
  fs.writeFileSync(
    path.join(FIXTURES, path.basename(file)),
    `${lines[0]}\n# One data line in ${every} of the UCD file ${file} ${version}, for the unit tests (scripts/unicode-tables.mjs).\n${picked.join('\n')}\n`,
  );
};
sample('StandardizedVariants.txt', 7);
sample('emoji/emoji-variation-sequences.txt', 5);
sample('emoji/emoji-sequences.txt', 20);
sample('emoji/emoji-zwj-sequences.txt', 20);
sample('extracted/DerivedCombiningClass.txt', 1, (line) => /;\s*9\s/.test(line));
sample('extracted/DerivedJoiningType.txt', 4, (line) => /;\s*[DRLT]\s/.test(line));
console.error(`Wrote ${path.relative(ROOT, OUT)} (Unicode ${version}) and ${path.relative(ROOT, FIXTURES)}/`);
