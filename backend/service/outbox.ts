import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** A finished export waiting for the browser to fetch it. */
export interface Download {
  name: string;
  path: string;
  bytes: number;
}

/** How long an export not yet downloaded is kept (the reviewer may come back to the dialog). */
export const DOWNLOAD_LIFETIME_MS = 60 * 60 * 1000;

/**
 * Exports made for the browser host, kept in the service's private folder
 * until the browser downloads them. Decision: a file is removed as soon as it
 * has been sent once in full — the browser's copy in the reviewer's Downloads
 * is the one they asked for, and a second copy of patient data in a hidden
 * folder is one more place to leak and forget. Files never fetched go after
 * DOWNLOAD_LIFETIME_MS, when the service closes, and at the next start-up.
 */
export class Outbox {
  private readonly downloads = new Map<string, Download & { expiresAt: number; dir: string; sending: boolean }>();

  constructor(
    private readonly dir: () => string,
    private readonly now: () => number = Date.now,
  ) {}

  /** A fresh private folder for one export's files. */
  reserve(): string {
    this.prune();
    const dir = path.join(this.dir(), randomBytes(12).toString('base64url'));
    fs.mkdirSync(dir, { mode: 0o700 });
    return dir;
  }

  /** Makes a written file downloadable; returns its download id. */
  register(file: string): string {
    const id = randomBytes(24).toString('base64url');
    const bytes = fs.statSync(file).size;
    const dir = path.dirname(file);
    this.downloads.set(id, {
      name: path.basename(file),
      path: file,
      bytes,
      dir,
      expiresAt: this.now() + DOWNLOAD_LIFETIME_MS,
      sending: false,
    });
    return id;
  }

  /** The file behind `id`, or null (unknown, expired, already downloaded or being sent). */
  get(id: string): Download | null {
    const d = this.downloads.get(id);
    if (!d || d.sending || d.expiresAt <= this.now()) return null;
    return { name: d.name, path: d.path, bytes: d.bytes };
  }

  /**
   * Takes the file behind `id` for one sending: until `remove` (sent in full)
   * or `release` (the send broke off), `get` and `claim` see nothing, so two
   * requests at once cannot both receive it ("sent once" held only after
   * streaming, and two simultaneous GETs both got the whole file). Null when
   * there is nothing to send.
   */
  claim(id: string): Download | null {
    const file = this.get(id);
    if (file) this.downloads.get(id)!.sending = true;
    return file;
  }

  /** Gives back a claimed file whose sending broke off, so the reviewer can download it again. */
  release(id: string): void {
    const d = this.downloads.get(id);
    if (d) d.sending = false;
  }

  /** Removes a download (after it was sent in full); its folder goes with its last file. */
  remove(id: string): void {
    const d = this.downloads.get(id);
    if (!d) return;
    this.downloads.delete(id);
    fs.rmSync(d.path, { force: true });
    try {
      fs.rmdirSync(d.dir);
    } catch {
      // Other files of the same export are still waiting.
    }
  }

  /** Drops a reserved folder whose export failed or was cancelled. */
  discard(dir: string): void {
    fs.rmSync(dir, { recursive: true, force: true });
  }

  private prune(): void {
    const now = this.now();
    for (const [id, d] of this.downloads) if (d.expiresAt <= now) this.remove(id);
  }
}
