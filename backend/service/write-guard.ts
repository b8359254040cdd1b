import type Database from 'better-sqlite3';
import { DAMAGED_ADVICE, describeStoreFailure, storeFailureKind } from '../store/errors';
import { sqliteCheck } from '../store/integrity';
import { ApiFailure } from './errors';

/**
 * Whether this service may write to its workspace. The dispatcher asks before
 * every call the contract marks `writes`, so imports and corrections never go
 * into a file that is read-only here, or damaged (issue 12: an import once
 * wrote into a file with a zeroed page):
 *
 * - A workspace opened for reading (read-only file, folder or disk; a full
 *   disk; a file SQLite could not open for writing) refuses with the reason.
 * - Before the first write of the service's life, SQLite's quick_check reads
 *   the whole file once; any finding refuses every write, with how to recover.
 *   (Once per service: the app checks once per session, the CLI once per
 *   command that writes.)
 * - A write that fails because the file is damaged stops later writes too.
 */
export class WriteGuard {
  private checked = false;

  constructor(
    private readonly db: Database.Database,
    private refusal: string | null,
  ) {}

  /** Why writes are refused, or null while they are allowed (as far as known). */
  get readOnlyReason(): string | null {
    return this.refusal;
  }

  /** Throws a `not_available` ApiFailure when this workspace must not be written to. */
  assertWritable(): void {
    if (!this.refusal && !this.checked) {
      const findings = sqliteCheck(this.db, 'quick', 5);
      if (findings.length > 0) {
        this.refusal =
          `The workspace file is damaged, so nothing more is written to it (SQLite quick_check: ${findings[0]}). ` +
          `Run imr verify for the full report. ${DAMAGED_ADVICE}`;
      }
      this.checked = true;
    }
    if (this.refusal) throw new ApiFailure('not_available', this.refusal);
  }

  /** After a call failed: a damaged or read-only file refuses later writes with the reason. */
  noteFailure(err: unknown): void {
    const kind = storeFailureKind(err);
    if (kind === 'damaged' || kind === 'read-only') this.refusal ??= describeStoreFailure(err);
  }
}
