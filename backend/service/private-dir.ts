import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PRIVATE_DIR_MODE } from '../runtime/file-modes';

/**
 * A folder only the user can read, for files a service holds for a moment
 * (uploaded letters before they are imported, exports before the browser
 * downloads them). Several services may open one workspace at once (the
 * browser host and a CLI command), so each keeps its files in its own
 * `<root>/<pid>-<random>` folder, created on first use and removed when it
 * closes. `sweepStale()` removes the folders of processes that no longer run,
 * so nothing from a killed run stays behind.
 */
export class PrivateDir {
  readonly dir: string;

  constructor(readonly root: string) {
    this.dir = path.join(root, `${process.pid}-${randomBytes(6).toString('hex')}`);
  }

  /** This service's folder, created owner-only on first use (the mode is enforced, not left to the umask). */
  ensure(): string {
    for (const d of [this.root, this.dir]) makePrivateDir(d);
    return this.dir;
  }

  /** `<dir>/<name>`, created owner-only. */
  sub(name: string): string {
    const sub = path.join(this.ensure(), name);
    makePrivateDir(sub);
    return sub;
  }

  /** Removes the folders left by processes that are gone, after `beforeRemove` has read each. */
  sweepStale(beforeRemove: (dir: string) => void = () => undefined): void {
    for (const entry of readdirOrEmpty(this.root)) {
      const pid = Number(/^(\d+)-/.exec(entry)?.[1]);
      if (!Number.isInteger(pid) || !processAlive(pid)) {
        const dir = path.join(this.root, entry);
        beforeRemove(dir);
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
    removeIfEmpty(this.root);
  }

  /** Removes this service's folder, and the root when no other service uses it. */
  remove(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
    removeIfEmpty(this.root);
  }
}

/**
 * Where a service on `dbPath` keeps its private folder: `<workspace>.private`
 * beside the workspace, or — for an in-memory workspace, or one in a folder
 * that cannot be written (a read-only share, which must still export) — a new
 * owner-only folder of unguessable name in the system's temporary folder.
 */
export function privateRootFor(dbPath: string): string {
  if (dbPath !== ':memory:') {
    const resolved = path.resolve(dbPath);
    try {
      fs.accessSync(path.dirname(resolved), fs.constants.W_OK);
      return `${resolved}.private`;
    } catch {
      // Not writable here: fall through to a temporary folder.
    }
  }
  return fs.mkdtempSync(path.join(os.tmpdir(), 'imr-workbench-'));
}

export function makePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  // mkdir leaves an existing folder's mode alone and applies the umask to a new one.
  fs.chmodSync(dir, PRIVATE_DIR_MODE);
}

function readdirOrEmpty(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

function removeIfEmpty(dir: string): void {
  try {
    fs.rmdirSync(dir);
  } catch {
    // Missing, or still in use by another service.
  }
}

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
