/**
 * The files a command writes where the user said (`--out`), one rule for
 * every command that writes one (`imr checkpoint`, `imr export` and the
 * sibling files of its --all-tables): checked before any work, so a refusal
 * costs nothing.
 *
 * - The workspace itself and its journal files (-wal, -shm, -journal) are never
 *   written over, even with --force and through symbolic links: that would
 *   lose the workspace.
 * - A folder is not a file name.
 * - Without --force, an existing file (or link) is kept: an older checkpoint is
 *   the evidence a later verify --against needs, an older export may be the
 *   one a colleague was sent.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CliError, EXIT } from './output';

export const alreadyThere = (file: string) =>
  `${file} already exists; nothing was written (add --force to replace it, or choose another name)`;

/**
 * Refuses (exit 2) what `files` — absolute paths, the one `--out` names first — must not be. `out` is the
 * path as typed, for the message.
 */
export function checkOutFiles(out: string, files: readonly string[], db: string, force: boolean): void {
  const workspace = realPathOf(path.resolve(db));
  const journal = [workspace, `${workspace}-wal`, `${workspace}-shm`, `${workspace}-journal`];
  for (const file of files) {
    const named = file === files[0] ? `--out ${out}` : `${file} (written beside --out ${out})`;
    if (journal.includes(realPathOf(file))) {
      throw new CliError(`${named} is the workspace (or its journal); choose another file`, EXIT.rejected);
    }
    const stat = statOf(file, fs.statSync);
    if (stat?.isDirectory()) throw new CliError(`${named} is a folder; give a file name`, EXIT.rejected);
    // lstat: a link that points nowhere is still a name taken.
    if (!force && (stat ?? statOf(file, fs.lstatSync))) {
      throw new CliError(alreadyThere(file), EXIT.rejected);
    }
  }
}

/**
 * The file's stat, or undefined where there is none to be had (no such file; part of the path not a folder, or
 * not readable: the export or checkpoint then names what is wrong with the place, as it does for any write).
 */
function statOf(file: string, stat: typeof fs.statSync): fs.Stats | undefined {
  try {
    return stat(file);
  } catch {
    return undefined;
  }
}

/**
 * Where `file` really is: links resolved, also a link to a file that does not exist yet (the journal of a
 * workspace between uses); for a file that does not exist, its folder's real path and its name.
 */
function realPathOf(file: string, hops = 0): string {
  try {
    return fs.realpathSync(file);
  } catch {
    const link = hops < 40 ? readLink(file) : null;
    if (link !== null) return realPathOf(path.resolve(path.dirname(file), link), hops + 1);
    try {
      return path.join(fs.realpathSync(path.dirname(file)), path.basename(file));
    } catch {
      return file;
    }
  }
}

function readLink(file: string): string | null {
  try {
    return fs.readlinkSync(file);
  } catch {
    return null;
  }
}

/**
 * Writes `text` to `file` whole or not at all (a temporary file beside it,
 * then renamed). Without `replace`, an existing file is never overwritten:
 * the temporary file is hard-linked to the name, which fails if the name is
 * taken even when another process took it a moment ago.
 */
export function writeFileAtomically(file: string, text: string, opts: { replace: boolean }): void {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temp, text, { flag: 'wx' });
    if (opts.replace) fs.renameSync(temp, file);
    else linkOrCopyExclusive(temp, file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' && !opts.replace) throw new CliError(alreadyThere(file), EXIT.rejected);
    throw new CliError(`cannot write ${file}: ${code ?? String(err)}`, EXIT.fatal);
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

/** Hard link; where the disk has none (FAT, some network shares), an exclusive copy: never over an existing file. */
function linkOrCopyExclusive(from: string, to: string): void {
  try {
    fs.linkSync(from, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw err;
    fs.copyFileSync(from, to, fs.constants.COPYFILE_EXCL);
  }
}
