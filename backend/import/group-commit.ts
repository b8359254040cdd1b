import type Database from 'better-sqlite3';

/**
 * Group commit for the importer's writer: many files share one outer
 * transaction (a "batch"), each file inside its own SAVEPOINT.
 *
 * Why: a commit per file cost more than storing the file. Each COMMIT writes
 * the file's pages to the WAL, and FTS5 flushes a new index segment per
 * transaction (measured on the 2-core target: ~0.3 ms FTS flush + ~0.3 ms
 * commit per letter, about a third of the main thread's time per text letter).
 * FTS5 also flushes at every SAVEPOINT once written in the transaction, so the
 * importer indexes a batch's files after its last savepoint (`beforeCommit`).
 *
 * What still holds:
 * - Each file is fully in or not at all: its writes (document, content, case,
 *   parse, projection, outcome) run in one savepoint; a file that fails rolls
 *   back to its savepoint alone and the batch carries on.
 * - A crash, SIGKILL or power cut loses at most the uncommitted batch — whole
 *   files only, since a batch is one SQLite transaction — and re-running the
 *   same import stores them (stored files are duplicates by sha256).
 * - Nothing else runs inside a batch: the importer commits before every await
 *   (waiting for a file still being read, yielding to the event loop), so other
 *   API calls on this connection never share an import transaction.
 * - If SQLite itself rolls the whole transaction back (disk full, I/O error),
 *   `write` rethrows: the import stops rather than report files as stored that
 *   are not.
 */
export class GroupCommit {
  private openedAt = 0;
  private files = 0;
  private deferred: (() => void)[] = [];
  private readonly begin: Database.Statement;
  private readonly commitStatement: Database.Statement;

  constructor(
    private readonly db: Database.Database,
    private readonly limits: { maxFiles: number; maxMs: number },
  ) {
    // IMMEDIATE: take the write lock up front, so a concurrent writer (the CLI beside the app)
    // makes us wait (busy_timeout) instead of failing a read-then-write upgrade.
    this.begin = db.prepare('BEGIN IMMEDIATE');
    this.commitStatement = db.prepare('COMMIT');
  }

  /** True while a batch transaction is open. */
  get open(): boolean {
    return this.files > 0 || this.openedAt > 0;
  }

  /**
   * Runs one file's writes in a savepoint of the current batch (opened if
   * needed). `body` must be a better-sqlite3 `db.transaction` function: inside
   * an open transaction it runs as a SAVEPOINT and rolls back to it on error.
   */
  write<T>(body: () => T): T {
    if (!this.open) {
      this.begin.run();
      this.openedAt = performance.now();
    }
    try {
      return body();
    } catch (err) {
      if (!this.db.inTransaction) {
        // SQLite rolled back the whole batch (SQLITE_FULL, IOERR, …): its files are not stored.
        this.openedAt = 0;
        this.files = 0;
        this.deferred = [];
      }
      throw err;
    } finally {
      if (this.openedAt > 0) this.files++;
    }
  }

  /** The batch is full or old enough to commit. */
  get due(): boolean {
    return this.open && (this.files >= this.limits.maxFiles || performance.now() - this.openedAt >= this.limits.maxMs);
  }

  /**
   * Work that belongs to the batch's files but must run after the last savepoint
   * (search-index writes: see insertCaseUnindexed). Runs in the batch
   * transaction right before COMMIT; if it fails, the whole batch is rolled back
   * and the error rethrown, so no file is stored without its index entry.
   */
  beforeCommit(work: () => void): void {
    this.deferred.push(work);
  }

  /** Commits the open batch, if any. */
  commit(): void {
    if (!this.open) return;
    const deferred = this.deferred;
    this.deferred = [];
    this.openedAt = 0;
    this.files = 0;
    if (!this.db.inTransaction) return;
    try {
      for (const work of deferred) work();
    } catch (err) {
      if (this.db.inTransaction) this.db.prepare('ROLLBACK').run();
      throw err;
    }
    this.commitStatement.run();
  }
}
