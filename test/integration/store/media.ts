/**
 * Unusual places for a workspace, made for real: a read-only file, a
 * read-only folder, a full disk.
 *
 * Root ignores file permissions, and the tests run as root on the project's
 * machines, so chmod alone proves nothing there. As root each place is a small
 * tmpfs mount: remounted read-only (folder), with the workspace file
 * bind-mounted read-only over itself (file), or sized to the workspace and
 * filled to the last byte (full disk). Without root, chmod makes the read-only
 * file and folder (it does bind there); a full disk cannot be made without
 * root, and that case reports itself as unavailable so the test says it
 * skipped rather than passing.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type Medium = 'read-only file' | 'read-only folder' | 'full disk';

export interface Placed {
  /** The workspace file in its new place. */
  dbPath: string;
  /** A writable folder for exports. */
  outDir: string;
  cleanup(): void;
}

const isRoot = process.getuid?.() === 0;

let mountWorks: boolean | undefined;
function canMount(): boolean {
  if (mountWorks !== undefined) return mountWorks;
  const probe = fs.mkdtempSync(path.join(os.tmpdir(), 'imr-mount-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe], { stdio: 'ignore' });
    mountWorks = true;
  } catch {
    mountWorks = false;
  }
  fs.rmSync(probe, { recursive: true, force: true });
  return mountWorks;
}

/** Why a medium cannot be made here, or null when it can. */
export function unavailable(medium: Medium): string | null {
  if (isRoot) return canMount() ? null : 'running as root without permission to mount a tmpfs';
  return medium === 'full disk' ? 'a full disk needs root (a small tmpfs mount) to simulate' : null;
}

/**
 * Copies the workspace (its file, and its -wal/-shm files when `withWal`) into
 * the given medium. The caller must close every connection to the copy before
 * `cleanup`.
 */
export function place(medium: Medium, sourceDb: string, options: { withWal?: boolean } = {}): Placed {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'imr-medium-'));
  const dir = path.join(root, 'workspace');
  const outDir = path.join(root, 'out');
  fs.mkdirSync(dir);
  fs.mkdirSync(outDir);
  const dbPath = path.join(dir, 'workspace.sqlite');
  const files = ['', ...(options.withWal ? ['-wal', '-shm'] : [])].filter((s) => fs.existsSync(sourceDb + s));
  const undo: (() => void)[] = [() => fs.rmSync(root, { recursive: true, force: true })];
  const cleanup = () => {
    for (const step of undo.splice(0).reverse()) {
      try {
        step();
      } catch {
        // Best effort: the next step (removing the folder) still runs.
      }
    }
  };
  try {
    if (isRoot) {
      const used = files.reduce((sum, s) => sum + fs.statSync(sourceDb + s).size, 0);
      // Full disk: room for the files and nothing more (tmpfs counts whole 4 KiB pages).
      const size = medium === 'full disk' ? Math.ceil(used / 4096) * 4096 + 64 * 1024 : used + 8 * 1024 * 1024;
      execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]);
      undo.push(() => execFileSync('umount', [dir]));
    }
    for (const s of files) fs.copyFileSync(sourceDb + s, dbPath + s);
    if (medium === 'read-only folder') {
      if (isRoot) execFileSync('mount', ['-o', 'remount,ro', dir]);
      else {
        fs.chmodSync(dir, 0o555);
        undo.push(() => fs.chmodSync(dir, 0o755));
      }
    } else if (medium === 'read-only file') {
      if (isRoot) {
        execFileSync('mount', ['--bind', dbPath, dbPath]);
        undo.push(() => execFileSync('umount', [dbPath]));
        execFileSync('mount', ['-o', 'remount,ro,bind', dbPath]);
      } else fs.chmodSync(dbPath, 0o444);
    } else {
      fillDisk(dir);
    }
  } catch (err) {
    cleanup();
    throw err;
  }
  return { dbPath, outDir, cleanup };
}

/** Writes to a filler file until the file system refuses (ENOSPC). */
function fillDisk(dir: string): void {
  const fd = fs.openSync(path.join(dir, 'filler'), 'w');
  const chunk = Buffer.alloc(4096, 0x2e);
  try {
    for (;;) fs.writeSync(fd, chunk);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
  } finally {
    fs.closeSync(fd);
  }
  // The last partial page too.
  try {
    fs.appendFileSync(path.join(dir, 'filler2'), Buffer.alloc(1));
  } catch {
    // Full.
  }
}
