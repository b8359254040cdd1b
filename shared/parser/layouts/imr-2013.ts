import imr2016, { IMR_BODY_LABELS, IMR_HEADER_LABELS, IMR_HEADINGS } from './imr-2016';
import { defineLayout } from './types';

export default defineLayout({
  format: 'imr-2013',
  label: '2013–2015 layout',
  description:
    'IMR final determination letters of 2013–2015: the sections of the 2016 layout without its header block ' +
    '(no case number or dates on top; the date of injury and credentials are read from prose)',
  headings: IMR_HEADINGS,
  recognition: {
    requires: [{ section: 'items' }, [{ section: 'howMade' }, { section: 'summary' }], { headerBlock: false }],
  },
  items: { strategy: 'decision-headers', section: 'items' },
  headerLabels: IMR_HEADER_LABELS,
  bodyLabels: IMR_BODY_LABELS,
  summaryPreamble: imr2016.summaryPreamble,
  expectsCaseNumber: false,
});
