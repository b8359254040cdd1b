/**
 * Hands `blob` to the page's downloads as `fileName`: the browser host saves it to the downloads folder; in the
 * desktop app Electron's download asks where. One way for every file the renderer saves (exports fetched from the
 * browser host, integrity checkpoints, chart images).
 */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.rel = 'noopener';
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // The browser has taken the file once click() returns; give it a moment before the blob goes.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}
