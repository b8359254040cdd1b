import type { ItemCategory } from '../../domain/letter';

/**
 * Rules in priority order: the first category whose pattern matches the
 * treatment wins. Order matters where words overlap: "EMG" before imaging,
 * "TENS unit" (DME) before physical-therapy modalities, a drug strength
 * ("10mg", "#60") before anything else. See shared/parser/README.md.
 */
const RULES: { category: ItemCategory; pattern: RegExp }[] = [
  {
    category: 'pharmacy',
    pattern:
      /\b\d+(?:\.\d+)?(?:\/\d+(?:\.\d+)?)?\s*(?:mg|mcg|µg|gm?|ml|meq|iu|units?)\b|%\s*(?:cream|gel|ointment|patch|lotion)|#\s*\d+|\b(?:tablets?|capsules?|tabs?|caps?|cream|ointment|gel|lotion|lidoderm|patch(?:es)?|compound(?:ed)?|topical|medication|prescription|refills?)\b|\b(?:norco|hydrocodone|oxycodone|oxycontin|percocet|tramadol|ultram|tylenol|codeine|morphine|fentanyl|methadone|buprenorphine|tapentadol|nucynta|gabapentin|neurontin|lyrica|pregabalin|cyclobenzaprine|flexeril|tizanidine|zanaflex|baclofen|methocarbamol|robaxin|orphenadrine|norflex|carisoprodol|soma|naproxen|anaprox|ibuprofen|motrin|meloxicam|mobic|diclofenac|voltaren|celecoxib|celebrex|nabumetone|etodolac|omeprazole|prilosec|pantoprazole|protonix|ranitidine|pepcid|famotidine|ondansetron|zofran|duloxetine|cymbalta|amitriptyline|nortriptyline|trazodone|sertraline|zoloft|fluoxetine|prozac|venlafaxine|effexor|bupropion|wellbutrin|zolpidem|ambien|lorazepam|ativan|alprazolam|xanax|clonazepam|klonopin|diazepam|valium|topiramate|topamax|sumatriptan|imitrex|terocin|flurbiprofen|ketoprofen|capsaicin|menthoderm|lidocaine|docusate|colace|senna|lunesta|deprizine|fanatrex|synapryn|tabradol|ketophene|dicopanol|theramine|sentra|trepadone|gabadone|salonpas|flector|pennsaid|eszopiclone|butrans|opana|dilaudid|hydromorphone|suboxone|naloxone|narcan|ketamine|medrol|prednisone|methylprednisolone|keflex|antibiotic)\b/i,
  },
  {
    category: 'psychological',
    pattern:
      /\b(?:psych\w*|cognitive\s+behavio(?:u)?ral|CBT|counsel(?:l)?ing|biofeedback|hypnotherapy|behavioral\s+(?:therapy|medicine)|mental\s+health)\b/i,
  },
  {
    category: 'electrodiagnostics',
    pattern:
      /\b(?:EMG|NCV|NCS|nerve\s+conduction|electromyograph\w*|electrodiagnostic\w*|electroencephalogra\w*|EEG|SSEP|evoked\s+potentials?)\b/i,
  },
  {
    category: 'imaging',
    pattern:
      /\b(?:MRI|MRA|CT|CAT\s+scan|x-?rays?|radiograph\w*|imaging|magnetic\s+resonance|computed\s+tomography|bone\s+scan|ultrasound|sonogram|arthrogram|myelogram|discogram|DEXA|scan)\b/i,
  },
  {
    category: 'injections',
    pattern:
      /\b(?:injections?|injectable|epidural|ESI|nerve\s+blocks?|blocks?|trigger\s+points?|facet|medial\s+branch|radiofrequency|rhizotomy|ablation|PRP|platelet[- ]rich|cortisone|steroid|viscosupplement\w*|synvisc|hyaluronic|botox|botulinum|prolotherapy)\b/i,
  },
  {
    // A visit to a surgeon or specialist is a consultation, not the surgery itself.
    category: 'evaluation/consultation',
    pattern:
      /\b(?:surg(?:ical|ery)|orthop(?:a)?edic|neurosurg\w*|spine|pain\s+management|specialist|neurolog\w*)\s+(?:evaluation|consult\w*|referral|follow[- ]?up)\b/i,
  },
  {
    category: 'surgery',
    pattern:
      /\b(?:surg\w*|arthroscop\w*|\w+ectomy|\w+otomy|\w+plasty|\w+desis|fusion|repair|reconstruction|decompression|carpal\s+tunnel\s+release|trigger\s+finger\s+release|ORIF|fixation|implant\w*|hardware\s+removal|assistant\s+surgeon)\b/i,
  },
  {
    category: 'DME',
    pattern:
      /\b(?:DME|durable|TENS|H-?wave|interferential|units?|braces?|bracing|orthos[ie]s|orthotics?|splints?|slings?|wheelchairs?|walkers?|canes?|crutch\w*|commodes?|shower\s+chair|bath\/shower\s+chair|chairs?|cushions?|pillows?|mattress\w*|beds?|scooter|cold\s+therapy|cryotherapy\s+unit|game\s+ready|compression\s+(?:garment|stocking|device)s?|rental|purchase|equipment|supplies|gloves|wipes|kit|heating\s+pad|hot\/cold\s+pack)\b/i,
  },
  {
    category: 'home care',
    pattern:
      /\b(?:home\s+(?:health|care|assistance|aide|nursing|help)|caregiver|attendant\s+care|housekeeping|in-?home|home\s+services?|nursing\s+care|skilled\s+nursing)\b/i,
  },
  { category: 'acupuncture', pattern: /\bacupunct\w*|\belectro-?acupunct\w*/i },
  { category: 'chiropractic', pattern: /\bchiro\w*|\bmanipulat\w*|\bspinal\s+adjust\w*/i },
  {
    category: 'evaluation/consultation',
    pattern:
      /\b(?:referral|refer\w*|consult\w*|second\s+opinion|office\s+visits?|follow[- ]?up\s+(?:visits?|appointments?)|specialist)\b/i,
  },
  {
    category: 'physical therapy',
    pattern:
      /\b(?:physical\s+therap\w*|PT|physiotherap\w*|physio\w*|therapeutic\s+(?:exercise|activities)|aqua(?:tic)?\s+therap\w*|pool\s+therap\w*|work\s+(?:hardening|conditioning)|massage|myofascial|infrared|electrical\s+stimulation|e-?stim|ultrasound\s+therapy|traction|spinolator|manual\s+therap\w*|kinesio\w*|rehab\w*|exercise|modalit\w*|ice|heat)\b/i,
  },
  { category: 'occupational therapy', pattern: /\b(?:occupational\s+therap\w*|OT|hand\s+therap\w*)\b/i },
  {
    category: 'evaluation/consultation',
    pattern:
      /\b(?:evaluation|assessment|examination|functional\s+(?:capacity|restoration)|FCE|FRP|partial\s+hospitali[sz]ation|program|visits?|testing|labs?|laboratory|urine\s+drug\s+screen\w*|UDS|drug\s+screen\w*|tests?)\b/i,
  },
];

/** Category of a requested treatment, with a confidence: 0.9 for a rule hit, 0.5 for the "other" fallback. */
export function categorise(treatment: string): {
  category: ItemCategory;
  confidence: number;
  match?: { index: number; length: number };
} {
  for (const { category, pattern } of RULES) {
    const m = pattern.exec(treatment);
    if (m) return { category, confidence: 0.9, match: { index: m.index, length: m[0].length } };
  }
  return { category: 'other', confidence: 0.5 };
}
