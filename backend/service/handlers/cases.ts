import type { HandlerGroup } from '../context';
import { notFound } from '../errors';
import { listCases, neighborCase } from '../../store/case-list';
import { getCaseDetail, setStatusOfCases } from '../../audit';
import { caseIdOf } from '../case-ref';
import { getDocument, getLetterText, getOriginalBytes } from '../../store/documents';

export const caseHandlers: HandlerGroup<
  'cases.list' | 'cases.get' | 'cases.neighbor' | 'cases.setStatus' | 'documents.content' | 'documents.original'
> = {
  'cases.list': (args, ctx) => listCases(ctx.db, args),
  'cases.get': (args, ctx) => {
    const caseId = caseIdOf(ctx.db, args.caseId, 'show', () =>
      notFound(`No case ${describeRef(args.caseId)} in this workspace`),
    );
    const detail = getCaseDetail(ctx.db, caseId);
    if (!detail) throw notFound(`No case ${describeRef(args.caseId)} in this workspace`);
    return detail;
  },
  'cases.neighbor': (args, ctx) => neighborCase(ctx.db, args),
  'cases.setStatus': (args, ctx) => {
    const result = setStatusOfCases(ctx.db, args.caseIds, args.status, args.reviewer);
    if (result.changed > 0) ctx.emit({ type: 'changed', what: 'cases' });
    return result;
  },
  'documents.content': (args, ctx) => {
    const doc = getDocument(ctx.db, args.documentId);
    const letterText = doc && getLetterText(ctx.db, args.documentId);
    if (!doc || !letterText) throw notFound(`No document ${args.documentId} in this workspace`);
    return { documentId: doc.id, file: doc.fileName, kind: doc.kind, sha256: doc.sha256, letterText };
  },
  'documents.original': (args, ctx) => {
    const doc = getDocument(ctx.db, args.documentId);
    const bytes = doc && getOriginalBytes(ctx.db, args.documentId);
    if (!doc || !bytes) throw notFound(`No document ${args.documentId} in this workspace`);
    const mime = doc.kind === 'pdf' ? 'application/pdf' : `text/plain; charset=${doc.encoding ?? 'utf-8'}`;
    return { documentId: doc.id, mime, base64: bytes.toString('base64') };
  },
};

function describeRef(ref: number | string): string {
  return typeof ref === 'number' ? `with id ${ref}` : `"${ref}"`;
}
