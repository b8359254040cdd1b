/**
 * Derived-field rules on treatments and rationales composed here (not corpus
 * letters), several phrasings per kind of fault: category decided by the
 * thing requested, every body region with anatomical terms and context,
 * negation within its clause, medication names and strengths, and hyphens at
 * line ends.
 */
import { describe, expect, it } from 'vitest';
import { categorise } from '../../../shared/parser/derive/category';
import { findBodyRegions } from '../../../shared/parser/derive/body-region';
import { readConclusion } from '../../../shared/parser/derive/conclusion';
import { readMedication } from '../../../shared/parser/derive/medication';
import { foldWhitespace, parseLetter } from '../../../shared/parser';
import { fold, item, letter2016, letterText, slice } from './helpers';

const category = (treatment: string) => categorise(treatment).category;

describe('category: the thing requested decides, not a lead-in', () => {
  it.each([
    ['Associated surgical service: knee brace', 'DME'],
    ['Associated surgical services: cold therapy unit, 7 day rental', 'DME'],
    ['Associated Surgical Service: Post-operative physical therapy, 12 sessions', 'physical therapy'],
    ['Associated surgical service: assistant surgeon', 'surgery'],
    ['Associated surgical service: pre-operative medical clearance', 'evaluation/consultation'],
    ['Associated surgical service: 2 day inpatient stay', 'surgery'],
    ['Retrospective request for lumbar support brace (DOS 3/2/2015)', 'DME'],
    ['Retro DOS 11/14/16: Cyclobenzaprine 7.5mg #60', 'pharmacy'],
    ['Two refills of Ibuprofen 600mg', 'pharmacy'],
    ['Purchase of a bedside 3 in 1 commode', 'DME'],
    ['Four sessions of therapeutic exercise two times a week', 'physical therapy'],
  ])('%s -> %s', (treatment, expected) => expect(category(treatment)).toBe(expected));
});

describe('category: a count is not evidence of a drug', () => {
  it.each([
    ['Elbow splints #2', 'DME'],
    ['Wrist braces #2', 'DME'],
    ['Compression stockings #4', 'DME'],
    ['TENS electrodes #12', 'DME'],
    ['Hygiene wipes #3 boxes', 'DME'],
  ])('%s -> %s, with no medication record', (treatment, expected) => {
    expect(category(treatment)).toBe(expected);
    const letter = parseLetter(letterText(letter2016(item(`${treatment}: Upheld`))));
    expect(letter.items[0]?.category).toBe(expected);
    expect(letter.items[0]?.medication).toBeNull();
  });

  it.each([
    ['Norco #60', 'Norco'],
    ['Lidoderm patches #30', 'Lidoderm'],
    ['Terocin lotion #1', 'Terocin'],
    ['Naprosyn #60', 'Naprosyn'],
  ])('%s is pharmacy by its drug name', (treatment, name) => {
    expect(category(treatment)).toBe('pharmacy');
    expect(readMedication(treatment)?.value.name).toBe(name);
  });
});

describe('category: short tokens need word boundaries and context', () => {
  it.each([
    ['PT/INR lab', 'evaluation/consultation'],
    ['Lab work: PT/INR, PTT', 'evaluation/consultation'],
    ['PT INR testing', 'evaluation/consultation'],
    ['PT 2x6 for the low back', 'physical therapy'],
    ['PT/OT 18 sessions', 'physical therapy'],
    ['Acute rehab unit', 'physical therapy'],
    ['Inpatient rehabilitation unit stay', 'physical therapy'],
    ['TENS unit', 'DME'],
    ['Interferential unit purchase', 'DME'],
    ['Cold therapy unit', 'DME'],
    ['Captopril 25mg', 'pharmacy'],
  ])('%s -> %s', (treatment, expected) => expect(category(treatment)).toBe(expected));
});

describe('category: the documented groups', () => {
  it.each([
    // Supports, braces, hearing aids: DME.
    ['Lumbar support', 'DME'],
    ['Arch supports', 'DME'],
    ['Hinged knee brace', 'DME'],
    ['Lumbosacral orthosis', 'DME'],
    ['Bilateral hearing aids', 'DME'],
    ['Sling for the shoulder surgery', 'DME'],
    ['Surgical boot', 'DME'],
    // Pre-operative labs, EKG, medical clearance: evaluation/consultation.
    ['Pre-operative labs: CBC, CMP', 'evaluation/consultation'],
    ['Pre-op EKG', 'evaluation/consultation'],
    ['Preoperative medical clearance', 'evaluation/consultation'],
    ['Pre-operative chest x-ray', 'imaging'],
    // A surgeon's evaluation, a transfer of care to one: evaluation/consultation.
    ['Transfer of care to a surgeon', 'evaluation/consultation'],
    ['Transfer of care to an orthopedic surgeon for the right knee', 'evaluation/consultation'],
    ['Surgeon eval', 'evaluation/consultation'],
    ['Spine surgeon consultation', 'evaluation/consultation'],
    ['Spine surgery evaluation for the lumbar', 'evaluation/consultation'],
    ['Evaluation with a hand surgeon', 'evaluation/consultation'],
    // Nursing visits at home: home care.
    ['Home nursing visits 2 times a week for 4 weeks', 'home care'],
    ['Nursing visits at home', 'home care'],
    ['Skilled nursing visits at home', 'home care'],
    ['Nurse visits in the home for wound care', 'home care'],
    ['Home health nursing evaluation', 'home care'],
    // A discipline's own evaluation stays in the discipline; the head noun of a compound decides.
    ['Physical therapy evaluation', 'physical therapy'],
    ['Psychological evaluation and treatment', 'psychological'],
    ['Chiropractic physiotherapy for the left elbow', 'chiropractic'],
    ['Knee surgery', 'surgery'],
    ['Carpal tunnel release', 'surgery'],
    ['Myofascial release', 'physical therapy'],
    ['Ice/Heat pads therapy times 6', 'physical therapy'],
    ['Toradol injection', 'injections'],
    ['Gym membership', 'other'],
    // A referral to a discipline that treats is that discipline's care; to a physician, a consultation.
    ['Referral to chiropractor for evaluation of low back pain, twice a week for 3 weeks', 'chiropractic'],
    ['Referral to physical therapy', 'physical therapy'],
    ['Referral to a psychologist for 6 sessions', 'psychological'],
    ['Referral to pain management', 'evaluation/consultation'],
    ['Referral to an orthopedic surgeon', 'evaluation/consultation'],
    // Something rented or purchased is equipment, even under a brand name the rules do not know.
    ['Associated surgical service: Polar care unit, 21 day rental', 'DME'],
    ['Paraffin bath unit', 'DME'],
  ])('%s -> %s', (treatment, expected) => expect(category(treatment)).toBe(expected));
});

describe('body region: every region, in the vocabulary', () => {
  it.each([
    ['Physical therapy for the hip and knee', ['hip', 'knee']],
    ['Physical therapy for the right hip and left knee, 2x4', ['hip', 'knee']],
    ['MRI of the left shoulder and right wrist', ['shoulder', 'wrist']],
    ['Chiropractic care for the neck and low back', ['cervical spine', 'lumbar spine']],
    ['Acupuncture to the cervical, thoracic and lumbar spine', ['cervical spine', 'thoracic spine', 'lumbar spine']],
    ['EMG/NCV of the bilateral upper extremities', ['upper extremity']],
    ['Bilateral knee injections', ['knee']],
  ])('%s -> %s', (treatment, regions) => expect(findBodyRegions(treatment)?.value).toEqual(regions));

  it.each([
    ['Right carpal tunnel release', ['wrist']],
    ['Left rotator cuff repair', ['shoulder']],
    ['Lumbar epidural steroid injection at L4-5', ['lumbar spine']],
    ['Transforaminal epidural steroid injection at L5-S1', ['lumbar spine']],
    ['Medial branch blocks at C5-6 and C6-7', ['cervical spine']],
    ['Right L4 selective nerve root block', ['lumbar spine']],
    ['T12-L1 kyphoplasty', ['thoracic spine', 'lumbar spine']],
    ['Partial meniscectomy, right', ['knee']],
    ['ACL reconstruction', ['knee']],
    ['Cubital tunnel release', ['elbow']],
    ['Trigger finger release, right ring finger', ['finger']],
    ['Plantar fasciitis night splint', ['foot']],
    ['Achilles tendon repair', ['ankle']],
    ['TMJ splint', ['jaw']],
    ['SI joint injection', ['sacroiliac joint']],
  ])('anatomical term: %s -> %s', (treatment, regions) => expect(findBodyRegions(treatment)?.value).toEqual(regions));

  it.each([
    ['T3 and T4 labs'],
    ['Norco 10/325mg #60'],
    ['Gym membership'],
    ['acl'], // the abbreviation is a word only in capitals
  ])('names no region: %s', (treatment) => expect(findBodyRegions(treatment)).toBeNull());

  it('a letter item lists every region it names, its span covering them', () => {
    const text = letter2016(item('Additional physical therapy for the lumbar spine and bilateral knees: Upheld'));
    const [only] = parseLetter(letterText(text)).items;
    expect(only?.bodyRegion).toEqual(['lumbar spine', 'knee']);
    expect(fold(slice(text, only?.spans.bodyRegion))).toBe('lumbar spine and bilateral knees');
    expect(only?.confidence.bodyRegion).toBe(0.9);
  });
});

describe('body region from the context of the item (lower confidence)', () => {
  it('post-operative therapy takes the region of the operation the rationale names', () => {
    const text = letter2016(
      item(
        'Post-operative physical therapy, 12 sessions: Upheld',
        'The patient is status post right shoulder arthroscopy on 10/2/2016. Guidelines allow 24 visits. The request is not medically necessary.',
      ),
    );
    const [only] = parseLetter(letterText(text)).items;
    expect(only?.bodyRegion).toEqual(['shoulder']);
    expect(only?.confidence.bodyRegion).toBe(0.5);
    expect(fold(slice(text, only?.spans.bodyRegion))).toBe('shoulder');
  });

  it('a service associated with an operation takes the regions of the letter’s surgery item', () => {
    const text = letter2016(
      [
        item('Right carpal tunnel release: Overturned', 'The request is medically necessary.'),
        item('Associated surgical service: cold therapy unit, 7 day rental: Upheld'),
        item(
          'Associated surgical service: post-operative occupational therapy 8 sessions: Overturned',
          'The request is medically necessary.',
        ),
      ].join('\n'),
    );
    const items = parseLetter(letterText(text)).items;
    expect(items.map((i) => [i.category, i.bodyRegion, i.confidence.bodyRegion])).toEqual([
      ['surgery', ['wrist'], 0.9],
      ['DME', ['wrist'], 0.6],
      ['occupational therapy', ['wrist'], 0.6],
    ]);
    expect(slice(text, items[1]?.spans.bodyRegion)).toBe('carpal tunnel');
  });

  it('a therapy without a region takes the region the rationale names where it restates the request', () => {
    const text = letter2016(
      item(
        'Additional physical therapy three times a week over two weeks: Upheld',
        'Guidelines allow 9 to 10 visits. The requested amount of physical therapy for the neck and shoulder exceeds them. The request is not medically necessary.',
      ),
    );
    const [only] = parseLetter(letterText(text)).items;
    expect(only?.bodyRegion).toEqual(['cervical spine', 'shoulder']);
    expect(only?.confidence.bodyRegion).toBe(0.5);
  });

  it('a drug takes no region from its rationale', () => {
    const text = letter2016(
      item('Norco 10/325mg #60: Upheld', 'The request for Norco for chronic low back pain is not medically necessary.'),
    );
    expect(parseLetter(letterText(text)).items[0]?.bodyRegion).toEqual([]);
  });
});

describe('conclusion: a negation reaches as far as its clause', () => {
  it.each([
    ['Therefore, the request cannot be considered medically necessary.', 'not medically necessary'],
    ['The request is not supported by the cited guidelines as being medically necessary.', 'not medically necessary'],
    ['Continued use is not, at this time, medically necessary.', 'not medically necessary'],
    ['There is no documentation that the requested therapy is medically necessary.', 'not medically necessary'],
    ['The submitted records fail to establish that the brace is medically necessary.', 'not medically necessary'],
    ['With no improvement documented the request is not medically necessary.', 'not medically necessary'],
    ['The request is notmedically necessary and appropriate.', 'not medically necessary'],
    ['The request isnot medically necessary.', 'not medically necessary'],
    ['The treatment is medically unnecessary.', 'not medically necessary'],
    ['Although the patient did not improve with therapy, the request is medically necessary.', 'medically necessary'],
    ['Since the patient has not had surgery, the request is medically necessary.', 'medically necessary'],
    [
      'Guidelines do not support opioids long term; however, the request is medically necessary.',
      'medically necessary',
    ],
    ['The patient has not returned to work. The request is medically necessary.', 'medically necessary'],
    ['The request for Norco 10/325mg, #60 is not medically necessary.', 'not medically necessary'],
    ['The medical necessity of the request has not been established.', 'not medically necessary'],
    ['Medical necessity for the requested MRI has been established.', 'medically necessary'],
    // A hypothetical ("would be") gives way to the definite statement.
    [
      'The request is not medically necessary; a trial of 6 visits would be medically necessary.',
      'not medically necessary',
    ],
    ['The requested brace would not be medically necessary.', 'not medically necessary'],
  ])('%s -> %s', (rationale, expected) => expect(readConclusion(rationale)?.value).toBe(expected));

  it.each([
    ['cannot be considered medically necessary', 'Upheld', 'The request cannot be considered medically necessary.'],
    [
      'not supported … as being medically necessary',
      'Upheld',
      'The request is not supported by the MTUS guidelines as being medically necessary.',
    ],
    [
      'a negation in an earlier clause',
      'Overturned',
      'Although prior therapy did not help, the request is medically necessary.',
    ],
  ])('no false contradiction warning: %s', (_name, decision, rationale) => {
    const letter = parseLetter(letterText(letter2016(item(`MRI of the lumbar spine: ${decision}`, rationale))));
    expect(letter.items[0]?.decision).toBe(decision);
    expect(letter.warnings.join(' ')).not.toMatch(/contradicts/);
  });

  it('still warns about a real contradiction', () => {
    const letter = parseLetter(
      letterText(letter2016(item('MRI of the lumbar spine: Upheld', 'The request is medically necessary.'))),
    );
    expect(letter.warnings.join(' ')).toMatch(/contradicts the rationale/);
  });
});

describe('medication: lead-ins and combination strengths', () => {
  it.each([
    ['Norco 7.5-325mg #90', { name: 'Norco', strength: '7.5/325 mg', count: 90 }],
    ['Norco 10-325 mg #120', { name: 'Norco', strength: '10/325 mg', count: 120 }],
    ['Hydrocodone/APAP 10/325mg #60', { name: 'Hydrocodone/APAP', strength: '10/325 mg', count: 60 }],
    ['Norco 10/325 #60', { name: 'Norco', strength: '10/325', count: 60 }],
    ['Vicodin 5-500 #60', { name: 'Vicodin', strength: '5/500', count: 60 }],
    ['Ultracet 37.5-325mg #60', { name: 'Ultracet', strength: '37.5/325 mg', count: 60 }],
    ['Oxycodone 5-10 mg every 4 hours #120', { name: 'Oxycodone', strength: '5-10 mg', count: 120 }],
    ['Two refills of Ibuprofen 600mg', { name: 'Ibuprofen', strength: '600 mg', count: null }],
    ['One refill of Naproxen 550mg #60', { name: 'Naproxen', strength: '550 mg', count: 60 }],
    ['60 tablets of Tramadol 50 mg', { name: 'Tramadol', strength: '50 mg', count: 60 }],
    ['Continued use of Lyrica 75mg', { name: 'Lyrica', strength: '75 mg', count: null }],
    ['Prescription of Terocin patches', { name: 'Terocin', strength: null, count: null }],
    [
      'Retrospective request for Hydrocodone/APAP 10/325 mg #60 (DOS 1/5/2016)',
      { name: 'Hydrocodone/APAP', strength: '10/325 mg', count: 60 },
    ],
    ['Butrans patch 10mcg/hr #4', { name: 'Butrans', strength: '10 mcg/hr', count: 4 }],
    // Grams and millilitres alone are the package, not a strength.
    ['Menthoderm gel 120ml', { name: 'Menthoderm', strength: null, count: null }],
    ['Lidocaine 5% ointment 30gm', { name: 'Lidocaine', strength: '5%', count: null }],
    ['Depo-Medrol 40mg/ml', { name: 'Depo-Medrol', strength: '40 mg/ml', count: null }],
    [
      'Flurbiprofen/Lidocaine/Menthol cream 20%/5%/4% 180g',
      { name: 'Flurbiprofen/Lidocaine/Menthol', strength: '20/5/4%', count: null },
    ],
  ])('%s', (treatment, medication) => {
    expect(category(treatment)).toBe('pharmacy');
    expect(readMedication(treatment)?.value).toEqual(medication);
  });
});

describe('line-break hyphens: kept, and the lines joined without a space', () => {
  it.each([
    ['Non-\nMTUS', 'Non-MTUS'],
    ['follow-\nup visit', 'follow-up visit'],
    ['http://www.dir.ca.gov/dwc/mtus-\nguidelines.htm', 'http://www.dir.ca.gov/dwc/mtus-guidelines.htm'],
    ['10-28-\n2016', '10-28-2016'],
    ['pain -\nsevere', 'pain - severe'], // a dash after a space is not a hyphen
    ['non-\n\ncertified', 'non- certified'], // a paragraph break is not a wrap
  ])('%j -> %j', (raw, folded) => expect(foldWhitespace(raw)).toBe(folded));

  it('reads a guideline wrapped at "Non-" as "Non-MTUS" with the source span intact', () => {
    const text = letter2016(
      [
        'Physical therapy 2x6: Upheld',
        '',
        'Claims Administrator guideline: Decision based on MTUS Chronic Pain Medical Treatment 2016. Decision based on Non-',
        'MTUS Citation Official Disability Guidelines (ODG), Low Back Chapter; see http://www.odg-twc.com/odgtwc/low-',
        'back.htm.',
        '',
        'MAXIMUS guideline: Decision based on MTUS Chronic Pain Medical Treatment 2016.',
        '',
        'Decision rationale: The request is not medically necessary.',
        '',
      ].join('\n'),
    );
    const [only] = parseLetter(letterText(text)).items;
    expect(only?.claimsAdministratorGuideline).toContain('Decision based on Non-MTUS Citation Official');
    expect(only?.claimsAdministratorGuideline).toContain('http://www.odg-twc.com/odgtwc/low-back.htm');
    expect(foldWhitespace(slice(text, only?.spans.claimsAdministratorGuideline) ?? '')).toBe(
      only?.claimsAdministratorGuideline,
    );
    expect(only?.citations.map((c) => c.source)).toEqual(['MTUS', 'ODG', 'MTUS']);
  });
});
