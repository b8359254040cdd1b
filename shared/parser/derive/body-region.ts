import { WordTermLists, type TermList } from './word-terms';

/**
 * Body regions named in a text, as values of one small vocabulary so that
 * analysts can filter on them: "bilateral knees" and "right knee" are both
 * `knee`, "L4-5" and "low back" are `lumbar spine`, "carpal tunnel" is
 * `wrist`, "rotator cuff" is `shoulder`. Every region named is returned, in
 * the order first named; laterality is not part of the value (the treatment
 * text keeps it). The vocabulary and the terms that map to each region are
 * documented in shared/parser/README.md.
 */
export const BODY_REGIONS = [
  'head',
  'face',
  'eye',
  'ear',
  'jaw',
  'teeth',
  'cervical spine',
  'thoracic spine',
  'lumbar spine',
  'spine',
  'sacroiliac joint',
  'coccyx',
  'shoulder',
  'upper arm',
  'elbow',
  'forearm',
  'wrist',
  'hand',
  'finger',
  'upper extremity',
  'chest',
  'abdomen',
  'pelvis',
  'hip',
  'thigh',
  'knee',
  'lower leg',
  'ankle',
  'foot',
  'lower extremity',
] as const;
export type BodyRegion = (typeof BODY_REGIONS)[number];

/**
 * Terms for each region. Entries are tried in this order and a term keeps
 * its words from later ones, so specific terms come first ("low back" is
 * `lumbar spine`, not also `spine`; "tibial plateau" is `knee`, not `lower
 * leg`). `caps`: abbreviations that are words only in capitals (ACL, TMJ, SI
 * joint). Plural forms included; word boundaries on both sides.
 */
const TERMS: { region: BodyRegion; terms: string; caps?: string; also?: BodyRegion }[] = [
  // Spinal levels: "L4-5", "L5-S1", "C5-C6"; a junction ("T12-L1", "C7-T1") is both regions; a lone thoracic
  // level ("T3" is also a thyroid test) only in a range.
  { region: 'thoracic spine', terms: 'T1[12]\\s*[-–/]\\s*L[12]', also: 'lumbar spine' },
  { region: 'cervical spine', terms: 'C7\\s*[-–/]\\s*T1', also: 'thoracic spine' },
  { region: 'lumbar spine', terms: '(?:L[1-5]|S1)(?:\\s*[-–/]\\s*(?:L|S)?[1-5]){0,6}' },
  { region: 'cervical spine', terms: 'C[1-7](?:\\s*[-–/]\\s*C?[1-7]){0,6}' },
  { region: 'thoracic spine', terms: 'T(?:1[0-2]|[1-9])\\s*[-–/]\\s*T?(?:1[0-2]|[1-9])' },
  {
    region: 'lumbar spine',
    terms: '(?:lumbo-?sacral|lumbar)(?:\\s+(?:spine|region))?|low(?:er)?\\s+back|sacral|sacrum|sciatica',
  },
  { region: 'thoracic spine', terms: 'thoraco-?lumbar(?:\\s+spine)?', also: 'lumbar spine' },
  { region: 'cervical spine', terms: 'cervico-?thoracic(?:\\s+spine)?', also: 'thoracic spine' },
  {
    region: 'thoracic spine',
    terms: 'thoracic(?:\\s+(?:spine|region))?|upper\\s+back|mid(?:dle)?[\\s-]+back|dorsal\\s+spine',
  },
  { region: 'cervical spine', terms: 'cervical(?:\\s+(?:spine|region))?|neck' },
  { region: 'sacroiliac joint', terms: 'sacro-?iliac(?:\\s+joints?)?', caps: 'SI\\s+joints?' },
  { region: 'coccyx', terms: 'coccyx|coccygeal|tailbone' },
  { region: 'jaw', terms: 'temporo-?mandibular(?:\\s+joints?)?|jaws?|mandib\\w*', caps: 'TMJ' },
  { region: 'teeth', terms: 'dental|teeth|tooth|dentures?|periodont\\w*' },
  { region: 'eye', terms: 'eyes?|ophthalm\\w*|ocular|retina\\w*|vision' },
  { region: 'ear', terms: 'ears?|hearing\\s+aids?|audiolog\\w*|tinnitus' },
  { region: 'face', terms: 'face|facial' },
  { region: 'head', terms: 'head|brain(?:stem)?|cranial|skull|scalp|headaches?|concussion' },
  {
    region: 'shoulder',
    terms: 'shoulders?|rotator\\s+cuffs?|acromio\\w*|subacromial|glenohumeral|clavic\\w*|scapula\\w*',
    caps: 'AC\\s+joints?',
  },
  { region: 'upper arm', terms: 'upper\\s+arms?|humer(?:us|al)|biceps|triceps' },
  { region: 'elbow', terms: 'elbows?|cubital\\s+tunnel|epicondyl\\w*|olecranon' },
  { region: 'forearm', terms: 'forearms?' },
  {
    region: 'wrist',
    terms: "wrists?|carpal\\s+tunnel|carpal|de\\s+quervain'?s?|triangular\\s+fibrocartilage|scaphoid",
    caps: 'TFCC',
  },
  { region: 'finger', terms: 'fingers?|thumbs?|digits?', caps: 'CMC\\s+joints?|DIP|PIP' },
  { region: 'hand', terms: 'hands?|palms?|palmar|metacarpal\\w*' },
  { region: 'upper extremity', terms: 'upper\\s+(?:extremit(?:y|ies)|limbs?)|arms?' },
  { region: 'chest', terms: 'chest|ribs?|sternum|thorax' },
  { region: 'abdomen', terms: 'abdomen|abdominal|hernia' },
  { region: 'hip', terms: 'hips?|trochanter\\w*|acetabul\\w*|femoral\\s+head' },
  { region: 'pelvis', terms: 'pelvis|pelvic|groin' },
  { region: 'thigh', terms: 'thighs?|femur|femoral|quadriceps|hamstrings?' },
  {
    region: 'knee',
    terms: 'knees?|menisc\\w*|patell\\w*|anterior\\s+cruciate|cruciate\\s+ligaments?|tibial\\s+plateau',
    caps: 'ACL|MCL|PCL|LCL',
  },
  { region: 'lower leg', terms: 'lower\\s+legs?|calf|calves|shins?|tibial?|fibular?' },
  { region: 'ankle', terms: 'ankles?|achilles|malleol\\w*|tarsal\\s+tunnel|talus|talar' },
  {
    region: 'foot',
    terms: 'feet|foot|heels?|toes?|plantar(?:\\s+fasci\\w*)?|metatars\\w*|bunions?|hallux|calcane\\w*|forefoot',
  },
  { region: 'lower extremity', terms: 'lower\\s+(?:extremit(?:y|ies)|limbs?)|legs?' },
  // Last: "back" and "disc" only where no more specific term took the words.
  { region: 'spine', terms: 'spines?|spinal|vertebra[el]?|back|discs?|facets?|paraspinal' },
];

/** Containers dropped when a region inside them is named too ("spine" with "lumbar spine"). */
const CONTAINS: Partial<Record<BodyRegion, BodyRegion[]>> = {
  spine: ['cervical spine', 'thoracic spine', 'lumbar spine', 'sacroiliac joint', 'coccyx'],
};

export interface RegionMention {
  region: BodyRegion;
  index: number;
  length: number;
}

/** Each entry's terms, then its capitals, in entry order; OWNERS[k] is the entry of list k. */
const OWNERS = TERMS.flatMap((entry) => (entry.caps ? [entry, entry] : [entry]));
/** The term lists as searched (exported for the test that checks WordTermLists against plain scans). */
export const REGION_TERM_LISTS: readonly TermList[] = TERMS.flatMap(({ terms, caps }) => [
  { terms },
  ...(caps ? [{ terms: caps, caps: true }] : []),
]);
const LISTS = new WordTermLists(REGION_TERM_LISTS);

/** Every region mention in `text`, specific terms first so they keep their words, then in text order. */
export function findRegionMentions(text: string): RegionMention[] {
  const out: RegionMention[] = [];
  // Mentions are few: an overlap check against the ones found beats marking every character.
  const free = (start: number, end: number) => out.every((m) => end <= m.index || start >= m.index + m.length);
  LISTS.forEachMatch(text, (list, m) => {
    const { region, also } = OWNERS[list]!;
    const end = m.index + m[0].length;
    if (!free(m.index, end)) return;
    out.push({ region, index: m.index, length: m[0].length });
    if (also) out.push({ region: also, index: m.index, length: m[0].length });
  });
  return out.sort((a, b) => a.index - b.index);
}

/** The distinct regions of the mentions, in order, without a container whose part is also named. */
export function regionsOf(mentions: RegionMention[]): BodyRegion[] {
  const regions = [...new Set(mentions.map((m) => m.region))];
  return regions.filter((r) => !CONTAINS[r]?.some((part) => regions.includes(part)));
}

/**
 * The body regions a treatment names, with the stretch that names them
 * (first mention to last). Null when it names none.
 */
export function findBodyRegions(text: string): { value: BodyRegion[]; index: number; length: number } | null {
  const mentions = findRegionMentions(text);
  const value = regionsOf(mentions);
  if (!value.length) return null;
  const kept = mentions.filter((m) => value.includes(m.region));
  const first = kept[0]!;
  const last = kept[kept.length - 1]!;
  return { value, index: first.index, length: last.index + last.length - first.index };
}
