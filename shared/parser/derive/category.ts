import type { ItemCategory } from '../../domain/letter';
import { headEnd, subjectStart } from './subject';
import { WordTermLists, type TermList } from './word-terms';

/**
 * Category of a requested treatment: decided by the thing requested, not by
 * a lead-in or a stray token (see shared/parser/README.md, "Category
 * taxonomy", for the rules with examples).
 *
 * 1. Lead-ins are skipped ("Associated surgical service:", "Retrospective
 *    request for", "Two refills of").
 * 2. Every term below is looked for, on word boundaries. Terms that start in
 *    the head phrase (before "for the knee", "after surgery", "(", ",") are
 *    preferred, and among them the one that ends last, because the last noun
 *    of an English compound is its head: "spine surgery evaluation" is an
 *    evaluation, "surgical boot" a boot, "knee surgery" a surgery. For the
 *    same end the longer term wins ("myofascial release" over "release",
 *    "nursing visits" over "visits"), then the earlier rule below.
 * 3. An evaluation by a discipline that treats ("physical therapy
 *    evaluation", "psychological evaluation and treatment") belongs to the
 *    discipline, and so does a referral to one ("referral to a
 *    chiropractor"); a surgeon's or specialist's evaluation, or a referral
 *    to one, is a consultation.
 * 4. Without a term in the head phrase, the first term elsewhere decides
 *    (lower confidence); without any, `other`.
 *
 * `caps`: abbreviations that are words only in capitals ("PT" the therapy,
 * "pt" the patient).
 */
interface Rule {
  category: ItemCategory;
  terms: string;
  caps?: string;
  /** Disciplines whose own evaluation stays in the discipline (rule 3). */
  discipline?: boolean;
}

/** Drug-name endings of generic names (INN stems): "-profen", "-codone", "-prazole", "-azepam" … */
const DRUG_STEMS =
  '[a-z]+(?:profen|oxacin|prazole|setron|triptan|codone|morphone|orphine|azepam|azolam|pentin|gabalin|benzaprine|oxetine|traline|triptyline|oxicam|coxib|fenac|proxen|tidine|pidem|nidine|carbamol|prodol|solone|faxine|tanyl|rolac|clofen|dolac|mycin|cycline|cillin|statin|sartan|olol|dipine|amadol|xalone|azodone|pramine|apine|idone|plon|lukast|dronate|caine)';
const DRUG_NAMES =
  'norco|vicodin|percocet|lortab|hydrocodone|oxycodone|oxycontin|tramadol|ultram|ultracet|tylenol|acetaminophen|apap|codeine|morphine|fentanyl|methadone|buprenorphine|butrans|tapentadol|nucynta|opana|dilaudid|suboxone|naloxone|narcan|gabapentin|neurontin|lyrica|pregabalin|cyclobenzaprine|flexeril|amrix|fexmid|tizanidine|zanaflex|baclofen|methocarbamol|robaxin|orphenadrine|norflex|carisoprodol|soma|metaxalone|skelaxin|naproxen|anaprox|naprosyn|ibuprofen|motrin|meloxicam|mobic|diclofenac|voltaren|celecoxib|celebrex|nabumetone|relafen|etodolac|ketorolac|toradol|omeprazole|prilosec|pantoprazole|protonix|esomeprazole|nexium|ranitidine|zantac|famotidine|pepcid|ondansetron|zofran|duloxetine|cymbalta|amitriptyline|elavil|nortriptyline|trazodone|desyrel|sertraline|zoloft|fluoxetine|prozac|venlafaxine|effexor|bupropion|wellbutrin|zolpidem|ambien|eszopiclone|lunesta|lorazepam|ativan|alprazolam|xanax|clonazepam|klonopin|diazepam|valium|topiramate|topamax|sumatriptan|imitrex|terocin|flurbiprofen|ketoprofen|capsaicin|menthoderm|lidocaine|lidoderm|docusate|colace|senna|senokot|deprizine|fanatrex|synapryn|tabradol|ketophene|dicopanol|theramine|sentra|trepadone|gabadone|salonpas|flector|pennsaid|ketamine|medrol|prednisone|methylprednisolone|dexamethasone|keflex|cephalexin|antibiotics?|aspirin|insulin|metformin|lisinopril|atorvastatin|simvastatin|cortisone|vitamins?|supplements?|medical\\s+foods?';
/** A strength: "10mg", "10/325 mg", "7.5-325mg", "5%", "0.025%", "20 mg/ml", "240 g". */
export const STRENGTH_TERM =
  '\\d+(?:\\.\\d+)?(?:\\s*[/-]\\s*\\d+(?:\\.\\d+)?){0,4}\\s*(?:mg|mcg|µg|ug|gm?|grams?|ml|cc|meq|iu|%)(?:\\s*\\/\\s*(?:ml|hr|h|g|gm|day|\\d+\\s*ml))?';

const RULES: Rule[] = [
  {
    category: 'pharmacy',
    terms: `${STRENGTH_TERM}|(?:${DRUG_NAMES})|${DRUG_STEMS}|tablets?|capsules?|tabs?|caps?|cream|ointment|gel|lotion|patch(?:es)?|compound(?:ed)?(?:\\s+(?:cream|medications?))?|topicals?|transdermal|medications?|prescriptions?|refills?|drugs?\\s+(?:of|for)\\b|dose\\s+pack|solution|spray|suppositor(?:y|ies)`,
  },
  {
    category: 'psychological',
    terms:
      'psych\\w*|neuropsych\\w*|psychotherap\\w*|cognitive\\s+behaviou?ral(?:\\s+therapy)?|counsel(?:l)?ing|biofeedback|hypnotherapy|behaviou?ral\\s+(?:therapy|medicine|health|pain\\s+management)|mental\\s+health|pain\\s+psycholog\\w*',
    caps: 'CBT',
    discipline: true,
  },
  {
    category: 'electrodiagnostics',
    terms:
      'nerve\\s+conduction(?:\\s+(?:studies|study|velocity))?|electromyograph\\w*|electrodiagnostic\\w*|electroencephalogra\\w*|evoked\\s+potentials?',
    caps: 'EMG|NCV|NCS|EEG|SSEP|QSART',
  },
  {
    category: 'imaging',
    terms:
      'CAT\\s+scans?|x-?rays?|radiographs?|radiography|imaging|magnetic\\s+resonance(?:\\s+imaging)?|computed\\s+tomography|bone\\s+scans?|ultrasounds?|sonograms?|arthrograms?|myelograms?|discograms?|scans?|fluoroscopy|mammogram',
    caps: 'MRI|MRA|MR|CT|DEXA|PET',
  },
  {
    category: 'injections',
    terms:
      'injections?|injectables?|epidurals?(?:\\s+steroid\\s+injections?)?|nerve\\s+blocks?|blocks?|trigger\\s+points?(?:\\s+injections?)?|facet(?:\\s+joint)?\\s+(?:injections?|blocks?)|medial\\s+branch(?:\\s+blocks?)?|radiofrequency(?:\\s+(?:ablation|neurotomy|rhizotomy))?|rhizotomy|neurotomy|ablation|platelet[- ]rich\\s+plasma|viscosupplement\\w*|synvisc(?:-one)?|euflexxa|orthovisc|supartz|hyaluronic(?:\\s+acid)?|botox|botulinum(?:\\s+toxin)?|prolotherapy|aspiration',
    caps: 'ESI|TFESI|PRP|RFA|MBB',
  },
  {
    category: 'surgery',
    terms:
      "surgery|surgeries|surgical(?:\\s+procedure)?|operation|arthroscop\\w*|[a-z]+ectomy|[a-z]+otomy|[a-z]+plasty|arthrodesis|[a-z]+desis|fusion|repair|reconstruction|decompression|(?:carpal|cubital|tarsal)\\s+tunnel\\s+release|trigger\\s+(?:finger|thumb)\\s+release|(?:tendon|fascia|plantar|lateral|de\\s+quervain'?s?)\\s+release|fixation|implant(?:ation)?|hardware\\s+removal|removal\\s+of\\s+hardware|(?:(?:total|partial)\\s+)?(?:knee|hip|shoulder|joint|disc|ankle|elbow)\\s+replacement|debridement|excision|resection|amputation|transplant\\w*|grafts?|manipulation\\s+under\\s+anesthesia|spinal\\s+cord\\s+stimulator(?:\\s+(?:trial|implant\\w*))?|assistant\\s+surgeon|co-?surgeon|(?:inpatient|hospital)\\s+stay|length\\s+of\\s+stay|inpatient\\s+(?:admission|hospitali[sz]ation)|hospitali[sz]ation",
    caps: 'ORIF|ACDF|TKA|THA|SCS',
  },
  {
    category: 'DME',
    terms:
      'durable\\s+medical\\s+equipment|(?:TENS|H-?wave|interferential|IF|NMES|EMS|muscle\\s+stim\\w*|cold\\s+therapy|cryotherapy|ice|heat(?:ing)?|hot\\/cold|vasopneumatic|compression|traction|stimulator|paraffin(?:\\s+bath)?|CPM)\\s+(?:\\w+\\s+)?(?:units?|devices?|machines?|systems?|pumps?)|cold\\s+therapy|cryotherapy|(?:TENS|H-?wave|interferential)(?:\\s+(?:units?|devices?|stimulators?))?|braces?|bracing|orthos[ie]s|orthotics?|splints?|splinting|slings?|(?:lumbar|lumbosacral|back|knee|wrist|ankle|arch|cervical|lumbar\\s+support)\\s+supports?|supports?|wheelchairs?|walkers?|rollators?|canes?|crutch(?:es)?|commodes?|(?:shower|bath|bath\\/shower|lift|recliner|transport)\\s+chairs?|chairs?|cushions?|pillows?|mattress(?:es)?|(?:hospital|adjustable)\\s+beds?|beds?|scooters?|game\\s+ready|vascutherm|compression\\s+(?:garments?|stockings?|sleeves?|wraps?|hose)|stockings?|equipment|supplies|gloves|wipes|kits?|(?:heating|heat|hot|cold|ice|gel)\\s+(?:pads?|packs?|wraps?)|hearing\\s+aids?|boots?|(?:cervical|soft)\\s+collars?|collars?|grab\\s+bars?|raised\\s+toilet\\s+seats?|toilet\\s+seats?|reachers?|shoe\\s+inserts?|insoles|continuous\\s+passive\\s+motion(?:\\s+(?:machine|device|unit))?|devices?|electrodes?|batteries|rentals?|purchases?',
    caps: 'DME|CPM',
  },
  {
    category: 'home care',
    terms:
      'home\\s+(?:health(?:\\s+(?:aides?|care|services?|nursing|visits?))?|care|assistance|aides?|nursing|help|services?|attendant)|caregivers?|care\\s+givers?|attendant\\s+care|housekeep\\w*|homemaker\\w*|in-?home\\s+(?:care|services?|support|assistance)|(?:skilled\\s+)?nursing\\s+(?:care|visits?|services?|facility)|nurse\\s+visits?|skilled\\s+nursing|chore\\s+services?|personal\\s+care',
    discipline: true,
  },
  { category: 'acupuncture', terms: 'acupunct\\w*|electro-?\\s?acupunct\\w*', discipline: true },
  {
    category: 'chiropractic',
    terms: 'chiro\\w*|manipulat\\w*|spinal\\s+adjust\\w*|adjustments?',
    caps: 'CMT',
    discipline: true,
  },
  {
    category: 'physical therapy',
    terms:
      '(?:hot|cold|ice|heat)(?:\\s*\\/\\s*(?:hot|cold|ice|heat))?(?:\\s+(?:packs?|pads?))?\\s+therap(?:y|ies)|physical\\s+therap\\w*|physiotherap\\w*|physio\\w*|therapeutic\\s+(?:exercises?|activities)|aqua(?:tic)?\\s+therap\\w*|pool\\s+therap\\w*|water\\s+therap\\w*|work\\s+(?:hardening|conditioning)|massage(?:\\s+therapy)?|myofascial(?:\\s+release)?|infrared(?:\\s+(?:heat|therapy))?|electrical\\s+stimulation|e-?stim|ultrasound\\s+therapy|traction|spinolator|manual\\s+therap\\w*|kinesio\\w*|rehab\\w*|home\\s+exercise\\s+program|exercises?|modalit\\w*|ice|heat|cold|hydrotherapy|gait\\s+training|iontophoresis|phonophoresis|dry\\s+needling',
    // "PT/OT" is one course of therapy, counted as physical therapy.
    caps: 'PT(?:\\s*\\/\\s*OT)?(?!\\s*[/-]\\s*INR)|HEP',
    discipline: true,
  },
  {
    category: 'occupational therapy',
    terms: 'occupational\\s+therap\\w*|hand\\s+therap\\w*',
    caps: 'OT',
    discipline: true,
  },
  {
    category: 'evaluation/consultation',
    terms:
      "evaluations?|evals?|consult\\w*|referrals?|refer\\w*|second\\s+opinion|transfer\\s+of\\s+care|office\\s+visits?|follow[- ]?ups?(?:\\s+(?:visits?|appointments?))?|(?:specialist|physician|doctor|provider|surgeon|orthopedist|orthopaedist|neurologist|physiatrist|podiatrist|rheumatologist)(?:'s)?\\s+visits?|assessments?|examinations?|exams?|re-?evaluations?|specialists?|functional\\s+capacity(?:\\s+evaluation)?|functional\\s+restoration(?:\\s+program)?|(?:multi|inter)disciplinary\\s+(?:pain\\s+)?(?:program|evaluation)|chronic\\s+pain\\s+program|pain\\s+management(?:\\s+(?:program|evaluation|consultation))?|partial\\s+hospitali[sz]ation(?:\\s+program)?|testing|tests?|lab\\s+work|labs?|laboratory(?:\\s+(?:studies|tests?|work))?|blood\\s+(?:work|tests?|draws?)|urinalysis|(?:urine\\s+)?(?:drug|toxicology)\\s+(?:screens?|screenings?|tests?|testing)|electrocardiogra\\w*|medical\\s+clearance|(?:pre-?\\s*operative|pre-?\\s*op|surgical)\\s+clearance|clearance|history\\s+and\\s+physical|metabolic\\s+panel|complete\\s+blood\\s+count|prothrombin\\s+time|sleep\\s+stud(?:y|ies)|polysomnogra\\w*|genetic\\s+testing|case\\s+management|medication\\s+management",
    caps: 'FCE|FRP|UDS|EKG|ECG|CBC|CMP|BMP|PT\\s*[/-]\\s*INR|INR|H&P|PTT|QME|AME',
  },
];

/** One term found: which rule, where. (Within a rule's terms, a longer term must come before a shorter one it starts
 * with: the first alternative that matches at a place is the one found.) */
interface Match {
  rule: number;
  start: number;
  end: number;
}

/** Each rule's terms, then its capitals, in rule order; RULE_OF[k] is the rule (index) of list k. */
const RULE_OF = RULES.flatMap((rule, i) => (rule.caps ? [i, i] : [i]));
/** The term lists as searched (exported for the test that checks WordTermLists against plain scans). */
export const CATEGORY_TERM_LISTS: readonly TermList[] = RULES.flatMap(({ terms, caps }) => [
  { terms },
  ...(caps ? [{ terms: caps, caps: true }] : []),
]);
const LISTS = new WordTermLists(CATEGORY_TERM_LISTS);

/** A referral or transfer of care: to a discipline that treats, it is that discipline's care (rule 3). */
const REFERRAL = /^(?:referrals?|refer\w*|transfer\s+of\s+care)$/i;

/** Generic service words that belong to a discipline named just before them (rule 3). */
const DEFERS =
  /^(?:evaluations?|evals?|consult\w*|assessments?|re-?evaluations?|examinations?|exams?|testing|tests?|physio\w*|therap(?:y|ies)|treatments?|care|sessions?)$/i;

function allMatches(text: string, from: number): Match[] {
  const out: Match[] = [];
  LISTS.forEachMatch(text.slice(from), (list, m) =>
    out.push({ rule: RULE_OF[list]!, start: from + m.index, end: from + m.index + m[0].length }),
  );
  return out;
}

/** The head of the head phrase: last end, then longest, then earliest rule. */
function headOf(matches: Match[]): Match | undefined {
  return [...matches].sort((a, b) => b.end - a.end || b.end - b.start - (a.end - a.start) || a.rule - b.rule)[0];
}

/** Category of a requested treatment, with a confidence (0.9 head, 0.75 context, 0.5 `other`) and the deciding words. */
export function categorise(treatment: string): {
  category: ItemCategory;
  confidence: number;
  match?: { index: number; length: number };
} {
  const start = subjectStart(treatment);
  const head = headEnd(treatment, start);
  const matches = allMatches(treatment, start);
  const inHead = matches.filter((m) => m.start < head);
  let best = headOf(inHead);
  let confidence = 0.9;
  if (best && DEFERS.test(treatment.slice(best.start, best.end))) {
    // "Physical therapy evaluation", "psychological evaluation", "chiropractic physiotherapy": a generic
    // service word after a discipline is that discipline's.
    const head = best;
    const before = inHead.filter(
      (m) =>
        RULES[m.rule]!.discipline &&
        m.rule !== head.rule &&
        m.end <= head.start &&
        /^[\s/-]*$/.test(treatment.slice(m.end, head.start)),
    );
    best = headOf(before) ?? best;
  }
  if (best && REFERRAL.test(treatment.slice(best.start, best.end))) {
    // "Referral to chiropractor", "transfer of care to physical therapy": the care of the discipline referred to.
    const to = /^\s+(?:to|for)\s+(?:an?\s+|the\s+)?/i.exec(treatment.slice(best.end));
    const at = to ? best.end + to[0].length : -1;
    const discipline = matches.find((m) => m.start === at && RULES[m.rule]!.discipline);
    if (discipline) best = discipline;
  }
  if (!best) {
    best = [...matches].sort((a, b) => a.start - b.start || b.end - a.end)[0];
    confidence = 0.75;
  }
  if (!best) return { category: 'other', confidence: 0.5 };
  return {
    category: RULES[best.rule]!.category,
    confidence,
    match: { index: best.start, length: best.end - best.start },
  };
}
