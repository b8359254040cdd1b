import type { LetterText } from '../../shared/domain/letter';
import { ExtractionError } from './errors';
import { loadPdfJs, standardFontDataUrl } from './pdf-loader';
import { buildLetterText, type PageText, type PositionedText } from './pdf-lines';

/** Matches the style part of PostScript / TrueType font names ("Times New Roman,Bold", "ABCDEF+Arial-BoldMT"). */
const BOLD_FONT_NAME = /bold|black|heavy|semibold|demibold|[-,]bd\b/i;

/**
 * Extract positioned text from a PDF and rebuild lines. One pdf.js document per
 * call, always destroyed, so thousands of files in a worker do not accumulate
 * memory; nothing is cached between calls except the pdf.js module itself.
 */
export async function extractPdfText(bytes: Uint8Array, fileName: string): Promise<LetterText> {
  const pdfjs = await loadPdfJs();
  // pdf.js transfers (detaches) the buffer it is given; copy so the caller's bytes stay usable.
  const data = new Uint8Array(bytes);
  const task = pdfjs.getDocument({
    data,
    password: '',
    standardFontDataUrl: standardFontDataUrl(),
    disableFontFace: true,
    isEvalSupported: false,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  try {
    let doc: PdfDocument;
    try {
      doc = await task.promise;
    } catch (err) {
      throw openFailure(err, fileName);
    }
    const pages: PageText[] = [];
    for (let pageNumber = 1; pageNumber <= doc.numPages; pageNumber++) {
      pages.push(await readPage(doc, pageNumber, fileName));
    }
    const letter = buildLetterText(pages);
    if (letter.text.replace(/\s/g, '').length < 20) {
      throw new ExtractionError('no-text-layer', 'scanned image, no text layer: run OCR first', fileName);
    }
    return letter;
  } finally {
    // destroy() on the loading task also tears down the document and its worker port.
    await task.destroy().catch(() => undefined);
  }
}

type PdfDocument = Awaited<ReturnType<Awaited<ReturnType<typeof loadPdfJs>>['getDocument']>['promise']>;

async function readPage(doc: PdfDocument, pageNumber: number, fileName: string): Promise<PageText> {
  let page;
  try {
    page = await doc.getPage(pageNumber);
  } catch (err) {
    throw new ExtractionError(
      'corrupt-pdf',
      `damaged PDF, page ${pageNumber} cannot be read (${short(err)})`,
      fileName,
    );
  }
  try {
    const content = await page.getTextContent();
    const boldFonts = await boldFontNames(page, content.styles);
    const items: PositionedText[] = [];
    for (const item of content.items) {
      if (!('str' in item)) continue;
      const [a, b, , d, e, f] = item.transform as number[];
      const size = Math.hypot(a ?? 0, b ?? 0) || Math.abs(d ?? 0) || item.height || 12;
      items.push({
        str: item.str,
        x: e ?? 0,
        y: f ?? 0,
        width: item.width,
        size,
        bold: boldFonts.has(item.fontName),
      });
    }
    return { page: pageNumber, items };
  } catch (err) {
    if (err instanceof ExtractionError) throw err;
    throw new ExtractionError(
      'corrupt-pdf',
      `damaged PDF, text of page ${pageNumber} cannot be read (${short(err)})`,
      fileName,
    );
  } finally {
    page.cleanup();
  }
}

/**
 * getTextContent only names fonts by an internal id. The real font name (with
 * its ",Bold" / "-BoldMT" style suffix) is known once the page's fonts are
 * loaded, which getOperatorList does; read it from the page's commonObjs.
 */
async function boldFontNames(
  page: Awaited<ReturnType<PdfDocument['getPage']>>,
  styles: Record<string, { fontFamily?: string }>,
): Promise<Set<string>> {
  const bold = new Set<string>();
  const ids = Object.keys(styles);
  if (!ids.length) return bold;
  try {
    await page.getOperatorList();
  } catch {
    return bold; // Bold is a hint for the parser; a page whose fonts fail to load still has text.
  }
  for (const id of ids) {
    if (!page.commonObjs.has(id)) continue;
    const font = page.commonObjs.get(id) as { name?: string; bold?: boolean; black?: boolean } | null;
    if (font && (font.bold || font.black || BOLD_FONT_NAME.test(font.name ?? ''))) bold.add(id);
  }
  return bold;
}

function openFailure(err: unknown, fileName: string): ExtractionError {
  const name = (err as { name?: string } | null)?.name ?? '';
  if (name === 'PasswordException') {
    return new ExtractionError(
      'password-protected',
      'password-protected PDF: remove the password and import again',
      fileName,
    );
  }
  if (name === 'InvalidPDFException') {
    return new ExtractionError('corrupt-pdf', 'damaged or truncated PDF: it cannot be opened', fileName);
  }
  return new ExtractionError('corrupt-pdf', `damaged PDF: it cannot be opened (${short(err)})`, fileName);
}

function short(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.split('\n')[0]!.slice(0, 120);
}
