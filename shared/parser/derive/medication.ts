import type { Medication } from '../../domain/letter';
import { findQuantity } from './quantities';

/**
 * "Norco 10/325mg #60" -> { name: "Norco", strength: "10/325mg", count: 60 }.
 * The name is the text before the strength (or before "#" / "QTY"), without
 * leading "Retrospective request for" style wording.
 */
const STRENGTH =
  /\b(\d+(?:\.\d+)?(?:\s*\/\s*\d+(?:\.\d+)?)*\s*(?:mg|mcg|µg|gm?|ml|meq|iu|units?|%)(?:\s*\/\s*(?:ml|hr|h|g|gm|day|\d+\s*ml))?)(?![a-z])/i;

const DOSAGE_FORM_SUFFIX =
  /(?<=\S)\s+(?:(?:topical|oral|transdermal)\s+)?(?:cream|gel|ointment|lotion|patch(?:es)?|pads?|tabs?|tablets?|caps?|capsules?|solution|spray|suspension|liquid|drops|powder)$/i;

export function readMedication(treatment: string): { value: Medication; index: number; length: number } | null {
  const strength = STRENGTH.exec(treatment);
  const countMark = /#\s*\d+|\b(?:QTY|quantity)\b/i.exec(treatment);
  const nameEnd = strength ? strength.index : countMark ? countMark.index : -1;
  const lead =
    /^(?:(?:retrospective|retro|prospective)\s+(?:request\s+)?(?:for\s+)?|(?:request\s+for|prescription\s+(?:of|for)|one|1)\s+)/i.exec(
      treatment,
    );
  const nameStart = lead ? lead[0].length : 0;
  const rawName = (nameEnd >= 0 ? treatment.slice(nameStart, nameEnd) : treatment.slice(nameStart))
    .split(/\s*(?:,|\(|\bfor\b|\bx\b)/)[0]!
    .replace(/[\s,:(-]+$/, '')
    .trim()
    // The dosage form is not part of the name ("Anecream cream 4%", "Salonpas pad #60"), as when it follows the strength.
    .replace(DOSAGE_FORM_SUFFIX, '');
  if (!rawName || rawName.length > 60) return null;
  const quantity = findQuantity(treatment);
  const end = Math.max(
    nameStart + rawName.length,
    strength ? strength.index + strength[0].length : 0,
    quantity && !quantity.inferred ? quantity.index + quantity.length : 0,
  );
  return {
    value: {
      name: rawName,
      strength: strength ? strength[1]!.replace(/\s+/g, '') : null,
      count: quantity && !quantity.inferred ? quantity.value : null,
    },
    index: nameStart,
    length: end - nameStart,
  };
}
