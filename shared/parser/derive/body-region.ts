/**
 * The body region a request names, as written ("lumbar spine", "left
 * shoulder", "bilateral lower extremities", "low back"). Laterality that
 * precedes the region is kept. The first region named wins; the reviewer can
 * correct it.
 */
const SIDE = '(?:(?:left|right|bilateral|both|b\\/l)\\s+(?:and\\s+(?:left|right)\\s+)?)?';
const REGIONS = [
  'cervical(?:\\s*,\\s*thoracic)?(?:\\s*,?\\s*(?:and\\s+)?lumbar)?\\s+spines?',
  'cervical(?:\\s+spine)?',
  'thoracic(?:\\s+spine)?',
  'lumbar(?:\\s*(?:sacral|osacral))?(?:\\s+spine)?',
  'lumbosacral(?:\\s+spine)?',
  'low(?:er)?\\s+back',
  'upper\\s+back',
  'mid(?:dle)?\\s+back',
  'back',
  'neck',
  'spine',
  'shoulders?',
  'elbows?',
  'wrists?',
  'hands?(?:\\/fingers?)?',
  'fingers?',
  'thumbs?',
  'hips?',
  'knees?',
  'ankles?',
  'feet',
  'foot',
  'toes?',
  'legs?',
  'arms?',
  '(?:upper|lower)\\s+extremit(?:y|ies)',
  'extremit(?:y|ies)',
  'pelvis',
  'groin',
  'abdomen',
  'chest',
  'head',
  'brain',
  'jaw',
  'TMJ',
  'sacroiliac(?:\\s+joints?)?',
  'SI\\s+joints?',
  'forearms?',
  'heels?',
];
const REGION = new RegExp(`\\b${SIDE}(?:${REGIONS.join('|')})\\b`, 'i');

export function findBodyRegion(treatment: string): { value: string; index: number; length: number } | null {
  let m = REGION.exec(treatment);
  if (!m) return null;
  // "Spine surgery evaluation for the lumbar": a bare "spine" is less precise than a spinal level named later.
  if (/^spines?$/i.test(m[0])) {
    const level = /\b(?:cervical|thoracic|lumbar|lumbosacral)\b/i.exec(treatment.slice(m.index + m[0].length));
    if (level) {
      const offset = m.index + m[0].length;
      const refined = REGION.exec(treatment.slice(offset + level.index));
      if (refined) m = Object.assign(refined, { index: refined.index + offset + level.index });
    }
  }
  return { value: m[0].replace(/\s+/g, ' '), index: m.index, length: m[0].length };
}
