import type { LetterText } from '../../shared/domain/letter';
import { ExtractionError } from './errors';
import { withoutDecompressionStream } from './inflate-in-thread';
import { loadPdfJs } from './pdf-loader';
import { buildLetterText, type PageText, type PositionedText } from './pdf-lines';

/** Matches the style part of PostScript / TrueType font names ("Times New Roman,Bold", "ABCDEF+Arial-BoldMT"). */
const BOLD_FONT_NAME = /bold|black|heavy|semibold|demibold|[-,]bd\b/i;

/**
 * Options chosen for text only (profiled on the corpus): no standardFontDataUrl, so the
 * standard 14 fonts most letters reference without embedding are not read and parsed from
 * the font files — their widths and Unicode mapping come from pdf.js's built-in metrics and
 * encodings, and their name (which carries the bold style) from the PDF itself;
 * maxImageSize 1 skips decoding images (the letterhead logo) when an operator list is built.
 */
export const PDF_TEXT_OPTIONS = {
  password: '',
  disableFontFace: true,
  isEvalSupported: false,
  useSystemFonts: false,
  maxImageSize: 1,
  stopAtErrors: false,
  verbosity: 0,
} as const;

/**
 * Extract positioned text from a PDF and rebuild lines. One pdf.js document per
 * call, always destroyed, so thousands of files in a worker do not accumulate
 * memory; nothing is cached between calls except the pdf.js module itself.
 */
export async function extractPdfText(bytes: Uint8Array, fileName: string): Promise<LetterText> {
  const pdfjs = await loadPdfJs();
  return withoutDecompressionStream(() => readDocument(pdfjs, bytes, fileName));
}

async function readDocument(
  pdfjs: Awaited<ReturnType<typeof loadPdfJs>>,
  bytes: Uint8Array,
  fileName: string,
): Promise<LetterText> {
  // pdf.js transfers (detaches) the buffer it is given; copy so the caller's bytes stay usable.
  const data = new Uint8Array(bytes);
  const task = pdfjs.getDocument({ data, ...PDF_TEXT_OPTIONS });
  try {
    let doc: PdfDocument;
    try {
      doc = await task.promise;
    } catch (err) {
      throw openFailure(err, fileName);
    }
    const pages: PageText[] = [];
    // Per document, never shared: font ids like "g_d0_f1" repeat across documents.
    const fontWeights = new Map<string, boolean>();
    for (let pageNumber = 1; pageNumber <= doc.numPages; pageNumber++) {
      pages.push(await readPage(doc, pageNumber, fileName, fontWeights));
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

async function readPage(
  doc: PdfDocument,
  pageNumber: number,
  fileName: string,
  fontWeights: Map<string, boolean>,
): Promise<PageText> {
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
    const boldFonts = await boldFontNames(page, content.styles, fontWeights);
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
 * its ",Bold" / "-BoldMT" style suffix) is known once the font is loaded,
 * which getOperatorList does; it then sits in the document's commonObjs. Font
 * ids are document-wide, so a page's operator list is only built when it uses
 * a font no earlier page did: letters use the same few fonts on every page,
 * and this saves about a third of the extraction time.
 */
async function boldFontNames(
  page: Awaited<ReturnType<PdfDocument['getPage']>>,
  styles: Record<string, unknown>,
  known: Map<string, boolean>,
): Promise<Set<string>> {
  const ids = Object.keys(styles);
  const isBold = (id: string) => {
    const font = page.commonObjs.get(id) as { name?: string; bold?: boolean; black?: boolean } | null;
    return Boolean(font && (font.bold || font.black || BOLD_FONT_NAME.test(font.name ?? '')));
  };
  let unresolved = ids.filter((id) => !known.has(id));
  for (const id of unresolved) if (page.commonObjs.has(id)) known.set(id, isBold(id));
  unresolved = unresolved.filter((id) => !known.has(id));
  if (unresolved.length) {
    try {
      // Only the page content's fonts matter (annotation text is not in getTextContent either),
      // so annotation appearance streams (links, form fields, stamps) are not built.
      const { AnnotationMode } = await loadPdfJs();
      await page.getOperatorList({ annotationMode: AnnotationMode.DISABLE });
    } catch {
      // Bold is a hint for the parser; a page whose fonts fail to load still has text.
    }
    for (const id of unresolved) known.set(id, page.commonObjs.has(id) ? isBold(id) : false);
  }
  return new Set(ids.filter((id) => known.get(id)));
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
