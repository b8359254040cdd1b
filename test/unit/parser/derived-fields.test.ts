import { describe, expect, it } from 'vitest';
import { findBodyRegions } from '../../../shared/parser/derive/body-region';
import { categorise } from '../../../shared/parser/derive/category';
import { readCitations } from '../../../shared/parser/derive/citations';
import { readConclusion } from '../../../shared/parser/derive/conclusion';
import { readMedication } from '../../../shared/parser/derive/medication';
import { findDuration, findFrequency, findQuantity } from '../../../shared/parser/derive/quantities';
import { ITEM_CATEGORIES } from '../../../shared/domain/letter';

describe('category', () => {
  it.each([
    ['Norco 10/325mg #60', 'pharmacy'],
    ['Lidocaine 5% patch #1', 'pharmacy'],
    ['Gabapentin', 'pharmacy'],
    ['Physical therapy 2-3 times a week for 6 weeks', 'physical therapy'],
    ['PT/OT 18 sessions left hand', 'physical therapy'],
    ['Occupational therapy for the right hand, 6 visits', 'occupational therapy'],
    ['Chiropractic care to the low back two times a week', 'chiropractic'],
    ['Electro acupuncture to the low back', 'acupuncture'],
    ['MRI of the lumbar spine', 'imaging'],
    ['X-rays of the left shoulder', 'imaging'],
    ['EMG/NCV of the lower extremities', 'electrodiagnostics'],
    ['Right L4 transforaminal epidural steroid injection', 'injections'],
    ['Left knee arthroscopy with partial meniscectomy', 'surgery'],
    ['Spine surgery evaluation for the lumbar', 'evaluation/consultation'],
    ['Standard wheelchair for a 3 month rental', 'DME'],
    ['TENS unit purchase', 'DME'],
    ['Home health aide 4 hours a day', 'home care'],
    ['Functional capacity evaluation (FCE)', 'evaluation/consultation'],
    ['Cognitive behavioral therapy, 6 sessions', 'psychological'],
    ['Gym membership', 'other'],
  ])('%s -> %s', (treatment, category) => {
    const c = categorise(treatment);
    expect(c.category).toBe(category);
    expect(ITEM_CATEGORIES).toContain(c.category);
    expect(c.confidence).toBeLessThan(1);
  });
});

describe('quantity, frequency, duration', () => {
  it.each([
    ['Norco 10/325mg #60', 60, null, null],
    ['Acupuncture 2 times a week for 6 weeks, QTY: 12', 12, '2 times a week', '6 weeks'],
    ['Chiropractic spinal manipulation times 12', 12, null, null],
    ['Four sessions of physical therapy two times a week times 2 weeks', 4, 'two times a week', '2 weeks'],
    ['Request for eight (8) physical therapy sessions for the upper back', 8, null, null],
    ['Additional physical therapy two times four visits (8) for the knees', 8, null, null],
    ['Initial acupuncture, 1 to 2 times per week for 4 weeks, for the neck', 8, '1 to 2 times per week', '4 weeks'],
    ['Norco 5/325mg oral tablet, one tablet twice daily 14 days #40', 40, 'twice daily', '14 days'],
    ['Additional physical therapy three times a week over two weeks', 6, 'three times a week', 'two weeks'],
    ['Physical therapy twice a week for 6 weeks', 12, 'twice a week', '6 weeks'],
    ['Physical therapy 2x6 for the low back', 12, null, null],
    ['Acupuncture every 2 weeks', null, 'every 2 weeks', null],
    ['Lumbar brace 2x4 inches', null, null, null],
    ['MRI of the lumbar spine', null, null, null],
  ])('%s', (treatment, quantity, frequency, duration) => {
    expect(findQuantity(treatment)?.value ?? null).toBe(quantity);
    expect(findFrequency(treatment)?.value ?? null).toBe(frequency);
    expect(findDuration(treatment)?.value ?? null).toBe(duration);
  });

  it('marks a quantity computed from frequency × duration as inferred', () => {
    expect(findQuantity('Chiropractic care two times a week for four weeks')).toMatchObject({
      value: 8,
      inferred: true,
    });
  });
});

describe('body region', () => {
  it.each([
    ['MRI of the lumbar spine', ['lumbar spine']],
    ['X-rays of the left shoulder', ['shoulder']],
    ['EMG bilateral lower extremities', ['lower extremity']],
    ['Electro acupuncture to the low back', ['lumbar spine']],
    ['Physical therapy for the cervical spine, thoracic spine', ['cervical spine', 'thoracic spine']],
    ['Norco 10/325mg #60', null],
    ['Spine surgery evaluation for the lumbar', ['lumbar spine']],
    ['Spine surgery consultation for the cervical spine', ['cervical spine']],
    ['MRI/CT of the spine and pelvis', ['spine', 'pelvis']],
  ])('%s -> %s', (treatment, region) => expect(findBodyRegions(treatment)?.value ?? null).toEqual(region));
});

describe('medication', () => {
  it.each([
    ['Norco 10/325mg #60', { name: 'Norco', strength: '10/325 mg', count: 60 }],
    ['Orphenadrine Citrate ER 100mg tabs #30', { name: 'Orphenadrine Citrate ER', strength: '100 mg', count: 30 }],
    [
      'Retrospective Cyclobenzaprine 5mg tab #30 DOS: 11/14/16',
      { name: 'Cyclobenzaprine', strength: '5 mg', count: 30 },
    ],
    ['Anecream cream 4% #30', { name: 'Anecream', strength: '4%', count: 30 }],
    ['Salonpas pad #60', { name: 'Salonpas', strength: null, count: 60 }],
    ['Lidocaine 5% patch #30', { name: 'Lidocaine', strength: '5%', count: 30 }],
    ['Voltaren topical gel #1', { name: 'Voltaren', strength: null, count: 1 }],
    ['Tabradol (unknown quantity)', { name: 'Tabradol', strength: null, count: null }],
    ['Deprizine (unknown quantity)', { name: 'Deprizine', strength: null, count: null }],
  ])('%s', (treatment, medication) => expect(readMedication(treatment)?.value).toEqual(medication));
});

describe('citations', () => {
  it('reads MTUS with section, ODG with chapter, and skips "did not base their decision"', () => {
    const ca =
      'The Claims Administrator did not base their decision on the MTUS. Decision based on MTUS Chronic Pain Medical Treatment 2016, Section(s): Electrodiagnostic testing (EMG/NCS). Decision based on Non-MTUS Citation Official Disability Guidelines (ODG), Low Back Chapter.';
    expect(readCitations(ca, 'claimsAdministrator')).toEqual([
      {
        source: 'MTUS',
        title: 'Chronic Pain Medical Treatment 2016',
        section: 'Electrodiagnostic testing (EMG/NCS)',
        pages: null,
        from: 'claimsAdministrator',
      },
      {
        source: 'ODG',
        title: 'Official Disability Guidelines',
        section: 'Low Back Chapter',
        pages: null,
        from: 'claimsAdministrator',
      },
    ]);
  });

  it('splits MTUS documents whose titles hold commas and "and", and a last document without a section', () => {
    const docs = (line: string) => readCitations(line, 'maximus').map((c) => [c.source, c.title, c.section]);
    expect(
      docs(
        'Decision based on MTUS Shoulder Complaints 2004, Section(s): Initial Care, and Forearm, Wrist, and Hand Complaints 2004, Section(s): Initial Care.',
      ),
    ).toEqual([
      ['MTUS', 'Shoulder Complaints 2004', 'Initial Care'],
      ['MTUS', 'Forearm, Wrist, and Hand Complaints 2004', 'Initial Care'],
    ]);
    expect(
      docs(
        'Decision based on MTUS Chronic Pain Medical Treatment 2016, Section(s): Tramadol (Ultram), and Opioid Treatment 2016.',
      ),
    ).toEqual([
      ['MTUS', 'Chronic Pain Medical Treatment 2016', 'Tramadol (Ultram)'],
      ['MTUS', 'Opioid Treatment 2016', null],
    ]);
    expect(
      docs('Decision based on MTUS Chronic Pain Medical Treatment 2016, Section(s): Opioids, dosing, and weaning.'),
    ).toEqual([['MTUS', 'Chronic Pain Medical Treatment 2016', 'Opioids, dosing, and weaning']]);
  });

  it('reads ACOEM chapters with pages, and several documents in one MTUS sentence', () => {
    expect(
      readCitations('Decision based on MTUS ACOEM Chapter 12 Low Back Complaints Page(s): 303-305.', 'maximus'),
    ).toEqual([
      {
        source: 'ACOEM',
        title: 'ACOEM Chapter 12 Low Back Complaints',
        section: null,
        pages: '303-305',
        from: 'maximus',
      },
    ]);
    const several = readCitations(
      'Decision based on MTUS Neck and Upper Back Complaints 2004, Section(s): Special Studies, and Shoulder Complaints 2004, Section(s): Summary.',
      'maximus',
    );
    expect(several.map((c) => [c.source, c.title, c.section])).toEqual([
      ['MTUS', 'Neck and Upper Back Complaints 2004', 'Special Studies'],
      ['MTUS', 'Shoulder Complaints 2004', 'Summary'],
    ]);
  });

  it('returns nothing for a missing guideline', () => expect(readCitations(null, 'maximus')).toEqual([]));
});

describe('conclusion', () => {
  it.each([
    ['Given the above, the request is not medically necessary.', 'not medically necessary'],
    ['The request is medically necessary and appropriate.', 'medically necessary'],
    ['As such, the requested services are non- certified', 'not medically necessary'],
    ['the request is not currently medically necessary.', 'not medically necessary'],
    ['a MRI of the Elbow is not a medical necessity to the patient at this time.', 'not medically necessary'],
    ['It was not medically necessary before; now the request is medically necessary.', 'medically necessary'],
  ])('%s', (rationale, conclusion) => expect(readConclusion(rationale)?.value).toBe(conclusion));

  it('is null when the rationale states no verdict', () =>
    expect(readConclusion('Guidelines were reviewed.')).toBeNull());
});

describe('weaker verdicts and citation wordings', () => {
  it('reads "is not certified" and, failing any statement of necessity, "is not recommended" (low confidence)', () => {
    expect(readConclusion('Therefore the request is not certified.')?.value).toBe('not medically necessary');
    const weak = readConclusion('Guidelines say it is not recommended for chronic pain.');
    expect(weak).toMatchObject({ value: 'not medically necessary', confidence: 0.5 });
  });

  it('names the source of a guideline line that does not start with "Decision based on"', () => {
    expect(readCitations('The reviewer relied on ODG, Low Back Chapter.', 'maximus').map((c) => c.source)).toEqual([
      'ODG',
    ]);
  });
});
