import type { LetterText, TextLine } from '../../shared/domain/letter';
import { findRunningLines } from './running-lines';

/**
 * Turn decoded text into LetterText: one canonical "\n" line end, form feeds
 * become page breaks, trailing blanks go, and the blank lines that text
 * exports leave between every line or around page breaks collapse, so that a
 * blank line means "new paragraph" for the parser.
 */
export function textToLetterText(decoded: string, encoding: string): LetterText {
  const unified = decoded
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u2028\u2029\u0085]/g, '\n')
    // NBSP and other odd spaces fold to plain spaces; zero-width marks vanish.
    .replace(/[\u00A0\u2000-\u200A\u202F\u205F\u3000]/g, ' ')
    .replace(/[\u200B-\u200D\u2060]/g, '');

  const raw: { text: string; page: number }[] = [];
  let page = 1;
  for (const physical of unified.split('\n')) {
    let line = physical;
    // A form feed starts a new page; text before it stays on the old page.
    while (line.includes('\f')) {
      const at = line.indexOf('\f');
      const before = line.slice(0, at);
      if (before.trim()) raw.push({ text: before, page });
      page++;
      line = line.slice(at + 1);
    }
    raw.push({ text: line, page });
  }
  const withoutRunning = dropRunningLines(raw);
  const cleaned = withoutRunning.map((l) => ({
    // C0 controls other than tab that survived decoding (e.g. SUB at EOF) go.
    text: l.text.replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, '').trimEnd(),
    page: l.page,
  }));
  const lines = collapseBlankLines(cleaned);
  return assemble(lines, encoding);
}

/**
 * Exports from word processors are often "double spaced": a blank line after
 * every line, and two or more blank lines between paragraphs. Detect that
 * (most text lines followed by exactly one blank) and keep only the paragraph
 * breaks; otherwise fold each run of blank lines into one.
 */
function collapseBlankLines(lines: { text: string; page: number }[]): { text: string; page: number }[] {
  const isBlank = (i: number) => (lines[i]?.text.trim() ?? '') === '';
  let singleGaps = 0;
  let textLines = 0;
  for (let i = 0; i < lines.length; i++) {
    if (isBlank(i)) continue;
    textLines++;
    if (i + 2 < lines.length && isBlank(i + 1) && !isBlank(i + 2)) singleGaps++;
  }
  const doubleSpaced = textLines >= 6 && singleGaps / textLines > 0.6;

  const out: { text: string; page: number }[] = [];
  let i = 0;
  while (i < lines.length) {
    if (!isBlank(i)) {
      out.push(lines[i]!);
      i++;
      continue;
    }
    let run = 0;
    while (i < lines.length && isBlank(i)) {
      run++;
      i++;
    }
    const atEdge = out.length === 0 || i >= lines.length;
    if (atEdge) continue;
    if (doubleSpaced && run < 2) continue;
    out.push({ text: '', page: lines[i - 1]!.page });
  }
  return out;
}

function assemble(lines: { text: string; page: number }[], encoding: string): LetterText {
  const textLines: TextLine[] = [];
  let offset = 0;
  for (const line of lines) {
    textLines.push({ start: offset, end: offset + line.text.length, page: line.page, bold: false });
    offset += line.text.length + 1;
  }
  const pageCount = lines.reduce((max, l) => Math.max(max, l.page), 1);
  return { text: lines.map((l) => l.text).join('\n'), lines: textLines, pageCount, kind: 'text', encoding };
}

/** Page headers / footers repeated at form-feed page edges go (see running-lines.ts). */
function dropRunningLines(lines: { text: string; page: number }[]): { text: string; page: number }[] {
  const pageNumbers = [...new Set(lines.map((l) => l.page))];
  if (pageNumbers.length < 2) return lines;
  const byPage = pageNumbers.map((p) => lines.filter((l) => l.page === p));
  const drop = findRunningLines(byPage.map((ls) => ls.map((l) => l.text)));
  return byPage.flatMap((ls, p) => ls.filter((_, i) => !drop[p]!.has(i)));
}
