import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { GrantRef } from '../../shared/api/contract';
import { invalid } from './errors';

/**
 * Grants: how the renderer gets the effect of a file choice without the power
 * to name paths. The part of a host that acts for the user (Electron's main
 * process after a native dialog, the browser host's command line) issues a
 * grant for exactly the paths chosen; the renderer receives only the opaque id
 * and passes it to import.start / export.start, which take the paths from here.
 * (Actual Budget's desktop app lets only the main process show open and save
 * dialogs for the same reason.)
 */
export type Grant =
  | { purpose: 'import'; paths: string[]; label: string; reusable: boolean; expiresAt: number }
  | { purpose: 'export'; format: 'xlsx' | 'csv'; paths: string[]; label: string; expiresAt: number };

/** A single-use grant is used within seconds of the dialog that made it; ten minutes is generous. */
export const GRANT_LIFETIME_MS = 10 * 60 * 1000;
/** Outstanding single-use grants; the oldest goes first (a renderer cannot make them pile up). */
const MAX_GRANTS = 64;

type GrantInput =
  | { purpose: 'import'; paths: string[]; reusable?: boolean }
  | { purpose: 'export'; format: 'xlsx' | 'csv'; paths: string[] };

export class GrantStore {
  private readonly grants = new Map<string, Grant>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Records a grant for `input.paths` (absolute) and returns its id and a label for the UI. */
  issue(input: GrantInput): GrantRef {
    const paths = input.paths.map((p) => path.resolve(p));
    const label = describePaths(paths);
    let grant: Grant;
    if (input.purpose === 'export') {
      const ext = `.${input.format}`;
      const wrong = paths.find((p) => path.extname(p).toLowerCase() !== ext);
      if (wrong) throw invalid(`An ${input.format.toUpperCase()} export must be written to a file ending in ${ext}`);
      grant = { purpose: 'export', format: input.format, paths, label, expiresAt: this.now() + GRANT_LIFETIME_MS };
    } else {
      const reusable = input.reusable ?? false;
      const expiresAt = reusable ? Number.POSITIVE_INFINITY : this.now() + GRANT_LIFETIME_MS;
      grant = { purpose: 'import', paths, label, reusable, expiresAt };
    }
    this.prune();
    const id = randomBytes(24).toString('base64url');
    this.grants.set(id, grant);
    return { grant: id, label };
  }

  /**
   * The grant behind `id` for `purpose`; a single-use grant is spent by this
   * call. Unknown, expired, spent and wrong-purpose ids all get the same
   * refusal, so a caller learns nothing by guessing.
   */
  take<P extends Grant['purpose']>(id: string, purpose: P): Extract<Grant, { purpose: P }> {
    const grant = this.grants.get(id);
    if (!grant || grant.purpose !== purpose || grant.expiresAt <= this.now()) {
      throw invalid('That file choice is no longer valid; choose the files again.');
    }
    if (!(grant.purpose === 'import' && grant.reusable)) this.grants.delete(id);
    return grant as Extract<Grant, { purpose: P }>;
  }

  /** Reusable import grants (folders named when the host started), for the UI to offer. */
  importFolders(): GrantRef[] {
    const out: GrantRef[] = [];
    for (const [grant, g] of this.grants) if (g.purpose === 'import' && g.reusable) out.push({ grant, label: g.label });
    return out;
  }

  private prune(): void {
    const now = this.now();
    const spendable: string[] = [];
    for (const [id, g] of this.grants) {
      if (g.expiresAt <= now) this.grants.delete(id);
      else if (!(g.purpose === 'import' && g.reusable)) spendable.push(id);
    }
    for (const id of spendable.slice(0, Math.max(0, spendable.length - MAX_GRANTS + 1))) this.grants.delete(id);
  }
}

function describePaths(paths: string[]): string {
  if (paths.length === 1) return paths[0]!;
  return `${paths.length} items in ${path.dirname(paths[0]!)}`;
}
