/**
 * Audit checkpoints: the chain head written down somewhere else.
 *
 * Whoever can write the workspace file can rewrite the whole log from some
 * event on and recompute every later hash and the head: the chain is then
 * consistent, and only a copy of an earlier head kept elsewhere shows it. A
 * checkpoint is that copy, small enough to mail or print: the event count, the
 * hash of the last event, and when it was taken, sealed with a SHA-256 of its
 * own content (so a damaged or hand-edited file is noticed; it is not a
 * signature: keep it where the workspace's writers cannot change it).
 * `imr verify --against FILE` then proves the log still extends it: the
 * event with the checkpoint's count has the checkpoint's hash, and the chain
 * from the first event up to the newest verifies.
 */
import { AUDIT_CHECKPOINT_FORMAT, auditCheckpointSchema, type AuditCheckpoint } from '../../shared/api/contract';
import { canonicalJson, sha256Hex } from '../store/canonical';

/** The sealed fields, in the order they are hashed (canonical JSON sorts them anyway). */
function sealOf(checkpoint: Omit<AuditCheckpoint, 'checksum'>): string {
  return sha256Hex(
    canonicalJson({
      format: checkpoint.format,
      events: checkpoint.events,
      head: checkpoint.head,
      takenAt: checkpoint.takenAt,
      workspace: checkpoint.workspace,
      appVersion: checkpoint.appVersion,
    }),
  );
}

export function makeCheckpoint(fields: Omit<AuditCheckpoint, 'checksum' | 'format'>): AuditCheckpoint {
  const unsealed = { format: AUDIT_CHECKPOINT_FORMAT, ...fields } as const;
  return { ...unsealed, checksum: sealOf(unsealed) };
}

/**
 * Reads a checkpoint file's text (`imr verify --against` and the app's `audit.verify.start` both read one here).
 * Returns the checkpoint or a one-line reason
 * it cannot be used: not a checkpoint, or (`changed`) a checkpoint changed since it was written — the one that
 * is evidence of a problem rather than the wrong file.
 */
export function readCheckpoint(
  text: string,
): { ok: true; checkpoint: AuditCheckpoint } | { ok: false; reason: string; changed: boolean } {
  let json: unknown;
  try {
    // One leading byte order mark, as an editor on Windows saves one: the app's File.text() drops it, so the
    // command line does too (JSON.parse refuses it).
    json = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch {
    return { ok: false, reason: 'it is not an IMR Workbench audit checkpoint (not JSON)', changed: false };
  }
  const parsed = auditCheckpointSchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: 'it is not an IMR Workbench audit checkpoint', changed: false };
  const checkpoint = parsed.data;
  if (!sealIntact(checkpoint)) {
    return {
      ok: false,
      reason: 'it was changed or damaged after it was written (its own checksum does not match)',
      changed: true,
    };
  }
  return { ok: true, checkpoint };
}

/** Whether a checkpoint's fields still hash to its checksum. */
export function sealIntact(checkpoint: AuditCheckpoint): boolean {
  return sealOf(checkpoint) === checkpoint.checksum;
}
