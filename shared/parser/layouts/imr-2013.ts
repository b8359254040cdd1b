import imr2016 from './imr-2016';
import { defineLayout } from './types';

/** The 2016 layout's sections, headings and labels, without its header block. */
export default defineLayout({
  ...imr2016,
  format: 'imr-2013',
  label: '2013–2015 layout',
  description:
    'IMR final determination letters of 2013–2015: the sections of the 2016 layout without its header block ' +
    '(no case number or dates on top; the date of injury and credentials are read from prose)',
  recognition: {
    requires: [{ section: 'items' }, [{ section: 'howMade' }, { section: 'summary' }], { headerBlock: false }],
  },
  expectsCaseNumber: false,
});
