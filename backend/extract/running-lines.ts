/**
 * Running headers and footers ("Page 2 of 4", a case number or letterhead
 * repeated at the top of every page) interrupt item headers and rationales
 * that continue across a page break. A line is treated as running when the
 * first (or last) line of at least two pages, and of at least half of the
 * pages, reads the same once digits are ignored. A lone page number at a page
 * edge also counts. Returns, per page, the indexes of lines to drop.
 */
/**
 * Guard against dropping real text that happens to repeat (two pages that
 * both end in "necessary."): a running line is short, is not a sentence end,
 * and on short documents carries a number (page, case number, date).
 */
function looksRunning(line: string, pageCount: number): boolean {
  const text = line.trim();
  if (text.length > 100 || /[.?!;,]$/.test(text)) return false;
  return pageCount >= 3 || /\d/.test(text);
}

export function findRunningLines(pages: string[][]): Set<number>[] {
  const drop = pages.map(() => new Set<number>());
  if (pages.length < 2) return drop;
  const shape = (s: string) => s.replace(/\d+/g, '#').replace(/\s+/g, ' ').trim().toLowerCase();
  const isPageNumber = (s: string) => /^(?:page\s*)?#(?:\s*(?:of|\/)\s*#)?$|^-\s*#\s*-$/.test(shape(s));

  for (const edge of ['first', 'last'] as const) {
    const counts = new Map<string, number>();
    const edgeIndex = (lines: string[]) => {
      const indexes = lines.map((l, i) => (l.trim() ? i : -1)).filter((i) => i >= 0);
      return edge === 'first' ? indexes[0] : indexes[indexes.length - 1];
    };
    for (const lines of pages) {
      const i = edgeIndex(lines);
      if (i !== undefined) counts.set(shape(lines[i]!), (counts.get(shape(lines[i]!)) ?? 0) + 1);
    }
    pages.forEach((lines, p) => {
      const i = edgeIndex(lines);
      if (i === undefined) return;
      const seen = counts.get(shape(lines[i]!)) ?? 0;
      if (isPageNumber(lines[i]!) || (seen >= 2 && seen >= pages.length / 2 && looksRunning(lines[i]!, pages.length))) {
        drop[p]!.add(i);
      }
    });
  }
  return drop;
}
