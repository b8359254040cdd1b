import { describe, expect, it } from 'vitest';
import { splitItemHeader } from '../../../shared/parser/modified-request';
import { parseLetter } from '../../../shared/parser';
import { fold, item, letter2016, letterText, slice } from './helpers';

const split = (header: string) => splitItemHeader(header, { start: 0, end: header.length });

describe('modified requests', () => {
  it('"remaining IMR eligible portion" wording, wrapped over lines', () => {
    const header =
      'Norco 10/325mg #60 was the original request. Norco 10/325mg #25 was authorized by the\nClaims Administrator. The remaining IMR eligible portion of the original request, Norco\n10/325mg #35 is';
    const parts = split(header);
    expect(parts.originalRequest?.value).toBe('Norco 10/325mg #60');
    expect(parts.authorized?.value).toBe('Norco 10/325mg #25');
    expect(parts.treatment?.value).toBe('Norco 10/325mg #35');
    expect(fold(slice(header, parts.treatment?.span))).toBe('Norco 10/325mg #35');
    expect(slice(header, parts.originalRequest?.span)).toBe('Norco 10/325mg #60');
  });

  it('"leaving the original request IMR eligible" wording', () => {
    const parts = split(
      'Purchase of a bedside 3 in 1 commode was the original request. The Claims Administrator\nauthorized a bedside 3 in 1 commode for 1 month, leaving the original request IMR\neligible. The original request, purchase of a bedside 3 in 1 commode is',
    );
    expect(parts.originalRequest?.value).toBe('Purchase of a bedside 3 in 1 commode');
    expect(parts.authorized?.value).toBe('a bedside 3 in 1 commode for 1 month');
    expect(parts.treatment?.value).toBe('purchase of a bedside 3 in 1 commode');
  });

  it('plain header: whole text is the treatment, the other two are null', () => {
    const parts = split('EMG/NCV of the lower extremities');
    expect(parts).toMatchObject({
      treatment: { value: 'EMG/NCV of the lower extremities' },
      originalRequest: null,
      authorized: null,
    });
  });

  it('an unfamiliar modified-request wording keeps the whole header and warns', () => {
    const parts = split('Twelve visits was the original request and six were approved, so six visits is');
    expect(parts.originalRequest).toBeNull();
    expect(parts.treatment?.value).toBe('Twelve visits was the original request and six were approved, so six visits');
    expect(parts.warning).toMatch(/original request/);
  });

  it('end to end with the decision on the next line', () => {
    const text = letter2016(
      item(
        'Acupuncture 18 sessions was the original request. Acupuncture 6 sessions was authorized\nby the Claims Administrator. The remaining IMR eligible portion of the original request,\nAcupuncture 12 sessions is:\nUpheld',
      ),
    );
    const [only] = parseLetter(letterText(text)).items;
    expect(only).toMatchObject({
      originalRequest: 'Acupuncture 18 sessions',
      authorizedByClaimsAdministrator: 'Acupuncture 6 sessions',
      treatment: 'Acupuncture 12 sessions',
      decision: 'Upheld',
      quantity: 12,
      category: 'acupuncture',
    });
  });
});
