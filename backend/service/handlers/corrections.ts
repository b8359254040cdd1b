import path from 'node:path';
import type { CaseDetail } from '../../../shared/domain/case';
import {
  CorrectionError,
  applyCorrection,
  getCaseDetail,
  listCaseHistory,
  redoCorrection,
  undoCorrection,
  makeCheckpoint,
  readCheckpoint,
  verifyWorkspace,
} from '../../audit';
import type { AuditCheckpoint, VerifyReport } from '../../../shared/api/contract';
import { startVerifyJob } from '../verify-job';
import { caseIdOf } from '../case-ref';
import type { HandlerGroup, ServiceContext } from '../context';
import { ApiFailure, invalid, notFound } from '../errors';
import packageJson from '../../../package.json' with { type: 'json' };

/** Runs a write, turning a refused correction into a readable invalid_input error, then returns the fresh case. */
function writeAndReload(ctx: ServiceContext, caseId: number, write: () => unknown): CaseDetail {
  try {
    write();
  } catch (err) {
    if (err instanceof CorrectionError) throw invalid(err.message);
    throw err;
  }
  ctx.emit({ type: 'changed', what: 'case', caseId });
  const detail = getCaseDetail(ctx.db, caseId);
  if (!detail) throw notFound(`Case #${caseId} no longer exists.`);
  return detail;
}

export const correctionHandlers: HandlerGroup<
  | 'corrections.apply'
  | 'corrections.undo'
  | 'corrections.redo'
  | 'corrections.history'
  | 'audit.verify'
  | 'audit.checkpoint'
  | 'audit.verify.start'
> = {
  'corrections.apply': (args, ctx) => {
    const caseId = caseIdOf(ctx.db, args.caseId, 'change');
    return writeAndReload(ctx, caseId, () =>
      applyCorrection(ctx.db, { caseId, reviewer: args.reviewer, reason: args.reason ?? null, change: args.change }),
    );
  },
  'corrections.undo': (args, ctx) => {
    const caseId = caseIdOf(ctx.db, args.caseId, 'change');
    return writeAndReload(ctx, caseId, () => undoCorrection(ctx.db, caseId, args.reviewer));
  },
  'corrections.redo': (args, ctx) => {
    const caseId = caseIdOf(ctx.db, args.caseId, 'change');
    return writeAndReload(ctx, caseId, () => redoCorrection(ctx.db, caseId, args.reviewer));
  },
  'corrections.history': (args, ctx) => listCaseHistory(ctx.db, caseIdOf(ctx.db, args.caseId, 'show')),
  'audit.verify': (args, ctx) =>
    verifyWorkspace(ctx.db, ctx.dbPath, {
      ...(args.against ? { against: args.against } : {}),
      ...(args.full ? { full: true } : {}),
    }),
  'audit.checkpoint': async (_args, ctx) => {
    // A checkpoint vouches for the trail as it is: only one that verifies is worth keeping.
    const report = await verifyWorkspace(ctx.db, ctx.dbPath);
    const checkpoint = checkpointOf(ctx, report);
    if (!checkpoint) {
      throw new ApiFailure(
        'conflict',
        `No checkpoint was made: verify found ${report.problems.length} problem(s), the first: ${report.problems[0]}`,
      );
    }
    return checkpoint;
  },
  'audit.verify.start': (args, ctx) => {
    let against: AuditCheckpoint | undefined;
    if (args.checkpointFile !== undefined) {
      // Read as `imr verify --against FILE` reads one (backend/audit/checkpoint.ts): one reason, the same words.
      const read = readCheckpoint(args.checkpointFile);
      if (!read.ok) throw invalid(`The file chosen was not compared: ${read.reason}.`);
      against = read.checkpoint;
    }
    return startVerifyJob(ctx, { full: args.full === true, ...(against ? { against } : {}) }, (report) =>
      checkpointOf(ctx, report),
    );
  },
};

/** A checkpoint of the head `report` verified (now, of this workspace), or null when it found problems. */
function checkpointOf(ctx: ServiceContext, report: VerifyReport): AuditCheckpoint | null {
  if (!report.ok || report.chainHead === null) return null;
  return makeCheckpoint({
    events: report.events,
    head: report.chainHead,
    takenAt: new Date().toISOString(),
    workspace: path.resolve(ctx.dbPath),
    appVersion: packageJson.version,
  });
}
