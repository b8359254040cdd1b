/** Extensions the importer reads; everything else is reported as skipped. One rule for disk imports and uploads. */
export const LETTER_EXTENSIONS = ['.pdf', '.txt', '.text'] as const;

/** The extension of a file name, lower-cased, with its dot ("" when none); works on paths with / or \. */
export function fileExtension(name: string): string {
  const base = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot).toLowerCase() : '';
}

export function isLetterFileName(name: string): boolean {
  return (LETTER_EXTENSIONS as readonly string[]).includes(fileExtension(name));
}
