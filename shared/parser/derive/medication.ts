import type { Medication } from '../../domain/letter';
import { findQuantity } from './quantities';
import { subjectStart } from './subject';

/**
 * "Norco 10/325mg #60" -> { name: "Norco", strength: "10/325 mg", count: 60 }.
 *
 * The name is the requested thing (after lead-ins such as "Retrospective
 * request for", "Two refills of", "60 tablets of") up to its strength, count
 * or dosage form. The strength is written one way whatever the letter's
 * spacing: numbers joined by "/", one space, the unit ("10/325 mg", "5%",
 * "20 mg/ml"). Grams and millilitres alone are the package ("cream 240g",
 * "gel 120ml"), not a strength. A hyphen between two numbers is a combination product when the
 * second is an acetaminophen/ibuprofen dose or many times the first
 * ("Norco 7.5-325mg" is 7.5/325 mg) and a dose range otherwise ("5-10 mg").
 */
const STRENGTH =
  /(?<![\p{L}\p{N}.])(\d+(?:\.\d+)?(?:\s*(?:mg|mcg|%))?(?:\s*[/-]\s*\d+(?:\.\d+)?(?:\s*(?:mg|mcg|%))?){0,4}?)\s*(mg|mcg|µg|ug|meq|iu|units?|%|(?:gm|g|grams?|ml|cc)(?=\s*\/))(?:\s*\/\s*(ml|hr|h|g|gm|day|\d+\s*ml))?(?![\p{L}])/iu;
/**
 * A combination strength written without its unit ("Norco 10/325 #60", "Vicodin 5-500"): the second number is
 * an acetaminophen-size dose (100–999), so a date or a count is not taken for one.
 */
const UNITLESS_COMBINATION =
  /(?<![\p{L}\p{N}./-])(\d{1,2}(?:\.\d+)?\s*[/-]\s*[1-9]\d{2})(?![\p{N}/.-]|\s*(?:mg|mcg|%))/u;

/** Where a drug name ends when no strength follows it. */
const NAME_END =
  /\s*(?:#\s*\d|\b(?:QTY|quantity|qty\.?)\b|\(|,|;|:|\s-\s|\b(?:for|x|times|with|per|by\s+mouth|PO|BID|TID|QID|QHS|QD|PRN|daily|twice|once|one\s+(?:tab|tablet|capsule|cap|patch)|DOS)\b|\s\d+\s*(?:tabs?|tablets?|caps?|capsules?|patch(?:es)?)\b|\s\d+(?:\.\d+)?\s*(?:gm?|grams?|ml|cc|oz)\b)/i;

const DOSAGE_FORM_SUFFIX =
  /(?<=\S)\s+(?:(?:topical|oral|transdermal|extended[- ]release)\s+)?(?:cream|gel|ointment|lotion|patch(?:es)?|pads?|tabs?|tablets?|caps?|capsules?|solution|spray|suspension|liquid|drops|powder|suppositor(?:y|ies))$/i;

/** Acetaminophen and ibuprofen doses of combination products (hydrocodone/APAP 7.5-325, tramadol/APAP 37.5-325). */
const COMBINATION_PARTNER = new Set([200, 300, 325, 400, 500, 650, 750]);

export function normaliseStrength(amounts: string, unit: string | undefined, per?: string): string {
  // "20%/5%/4%", "10mg/325mg": the unit is said once.
  const numbers = amounts.replace(/\s*(?:mg|mcg|%)/gi, '').split(/\s*([/-])\s*/);
  let out = numbers[0]!;
  for (let i = 1; i < numbers.length; i += 2) {
    const [sep, next] = [numbers[i]!, numbers[i + 1]!];
    const previous = Number(numbers[i - 1]);
    const combination =
      sep === '/' || COMBINATION_PARTNER.has(Number(next)) || (previous > 0 && Number(next) / previous >= 8);
    out += `${combination ? '/' : '-'}${next}`;
  }
  if (!unit) return out;
  const u = unit.toLowerCase();
  const shownUnit = u === 'iu' ? 'IU' : u === 'meq' ? 'mEq' : /^units?$/.test(u) ? 'units' : u === 'gm' ? 'g' : u;
  const perPart = per ? `/${per.replace(/\s+/g, ' ').toLowerCase()}` : '';
  return shownUnit === '%' ? `${out}%` : `${out} ${shownUnit}${perPart}`;
}

export function readMedication(treatment: string): { value: Medication; index: number; length: number } | null {
  const nameStart = subjectStart(treatment);
  const rest = treatment.slice(nameStart);
  const strength = STRENGTH.exec(rest) ?? UNITLESS_COMBINATION.exec(rest);
  const stop = NAME_END.exec(rest);
  const nameEnd = Math.min(strength ? strength.index : rest.length, stop ? stop.index : rest.length);
  const rawName = rest
    .slice(0, nameEnd)
    .replace(/[\s,:(-]+$/, '')
    .trim()
    // The dosage form is not part of the name ("Anecream cream 4%", "Salonpas pad #60"), as when it follows the strength.
    .replace(DOSAGE_FORM_SUFFIX, '');
  if (!rawName || rawName.length > 60) return null;
  const quantity = findQuantity(treatment);
  const strengthEnd = strength ? nameStart + strength.index + strength[0].length : 0;
  const end = Math.max(
    nameStart + rawName.length,
    strengthEnd,
    quantity && !quantity.inferred ? quantity.index + quantity.length : 0,
  );
  return {
    value: {
      name: rawName,
      strength: strength ? normaliseStrength(strength[1]!, strength[2], strength[3]) : null,
      count: quantity && !quantity.inferred ? quantity.value : null,
    },
    index: nameStart,
    length: end - nameStart,
  };
}
