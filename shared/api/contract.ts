/**
 * The backend API, defined once. Every host (Electron IPC, the loopback
 * browser host, the `imr` CLI) reaches the same handlers through
 * `send(name, args)`; inputs are validated here with zod at the boundary so a
 * malformed call is refused with a clear message before any handler runs.
 */
import { z } from 'zod';
import { CITATION_SOURCES, ITEM_CATEGORIES, LETTER_FORMAT_VALUES, type Decision } from '../domain/letter';
import { STATS_DIMENSIONS, STATS_GROUP_LIMIT, type AnalyticsResult } from '../domain/analytics';
import { invisibleCharacter } from '../domain/control-characters';
import { boundedMessage, inputShapeProblem, LIMITS } from './limits';
import { checkpointTextFits } from './verify-text';
import {
  CASE_FLAGS,
  REVIEW_STATUSES,
  type AuditEvent,
  type CaseDetail,
  type CaseRow,
  type DocumentContent,
  type ImportSummary,
  type Stats,
} from '../domain/case';

const caseRef = z.union([z.number().int().positive(), z.string().trim().min(1)], {
  error: 'case must be an internal id or an IMR case number',
});
/**
 * A reviewer's name is the audit trail's "who": one line of visible text.
 * Characters nobody sees (shared/domain/control-characters.ts: controls, line
 * breaks, zero-width and formatting characters, blank fillers, bidi controls)
 * would let a name look blank in the history, or break or rewrite how a
 * history line reads, in the app and in a terminal.
 */
const REVIEWER_NAME_MAX = 200;
const reviewerName = (required: string) =>
  z
    .string()
    .trim()
    .min(1, required)
    .max(REVIEWER_NAME_MAX)
    .superRefine((name, ctx) => {
      // Zod runs a refinement even when .max failed: a name already refused for its length is not read again.
      if (name.length > REVIEWER_NAME_MAX) return;
      const invisible = invisibleCharacter(name, { lines: false });
      if (invisible) {
        ctx.addIssue({
          code: 'custom',
          message: `a reviewer name cannot contain ${invisible}; type the name as it reads`,
        });
      } else if (!/[\p{L}\p{N}\p{P}\p{S}]/u.test(name)) {
        ctx.addIssue({ code: 'custom', message: 'a reviewer name needs at least one visible letter or digit' });
      }
    });
const reviewer = reviewerName('reviewer name is required');

/**
 * Text a reviewer types into the record — a correction's value, a treatment,
 * a note, a reason — holds no character a reader cannot see
 * (shared/domain/control-characters.ts): NUL, ESC or a bidi override typed
 * into a value went raw into the XLSX and CSV (U+202E turns the rest of a cell
 * around in Excel). Tabs and line breaks are kept: free text (a rationale, a
 * note) has lines, and the field model folds them into spaces where a field
 * is one line (shared/domain/fields.ts). Letters are not held to this: their
 * text is what it is, and the export makes every cell safe.
 * Returns "<what> cannot contain U+XXXX (…)", or null.
 */
function typedTextProblem(text: string, what: string): string | null {
  const invisible = invisibleCharacter(text, { lines: true });
  return invisible ? `${what} cannot contain ${invisible}; type the text without it` : null;
}

/** `schema` (a string) with typedTextProblem's rule, naming the text as `what`. */
const typedText = (schema: z.ZodString, what: string) =>
  schema.superRefine((text, ctx) => {
    // Zod runs a refinement even when the schema's .max failed: text already refused for its length is not read.
    if (schema.maxLength !== null && text.length > schema.maxLength) return;
    const problem = typedTextProblem(text, what);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const optionalReason = typedText(z.string().trim().max(2000), 'a reason').optional();

/** A filter value naming something in the letters; null selects the items (or cases) without one. */
const namedValue = (max: number) => z.string().trim().min(1).max(max).nullable();

/**
 * Which cases the case list shows, and which cases and items the analytics,
 * `imr stats` and an export of "the current filter" cover: one definition,
 * one SQL translation (backend/store/case-filter.ts), so a number in the
 * Analytics view and the list it links to always agree.
 *
 * Item conditions (decision, category, bodyRegion, medication, guideline,
 * modified) hold for ONE item: "physical therapy" and "Upheld" select cases
 * with an upheld physical-therapy item, and analytics count only the items
 * that match. The other conditions are about the case (its letter).
 */
export const caseFilterSchema = z
  .object({
    status: z.enum(REVIEW_STATUSES).optional(),
    /** null: items without a decision. */
    decision: z
      .enum(['Upheld', 'Overturned'] satisfies Decision[])
      .nullable()
      .optional(),
    category: z.enum(ITEM_CATEGORIES).optional(),
    format: z.enum(LETTER_FORMAT_VALUES).optional(),
    /** One of the flags (a free text matched none, silently: `imr list --filter flag=duplicate`). */
    flag: z.enum(CASE_FLAGS).optional(),
    search: z.string().max(500).optional(),
    /** One of the item's body regions (BODY_REGIONS, or text kept from an early parse). */
    bodyRegion: namedValue(100).optional(),
    /** The item's medication name, regardless of capitals. */
    medication: namedValue(500).optional(),
    /** One of the reviewer's specialties, regardless of capitals. */
    specialty: namedValue(500).optional(),
    /** A guideline source one of the item's citations names. */
    guideline: z.enum(CITATION_SOURCES).nullable().optional(),
    /** The letter's priority ("Regular", "Expedited"), regardless of capitals. */
    priority: namedValue(100).optional(),
    /** Decision month, YYYY-MM. */
    month: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month is written YYYY-MM, e.g. 2016-03')
      .nullable()
      .optional(),
    /** Whether UR had partially authorized (modified) the request. */
    modified: z.boolean().optional(),
    /** Days from application received to decision, inclusive bounds; null: cases missing either date. */
    turnaround: z
      .object({
        min: z.number().int().min(-100_000).max(100_000).optional(),
        max: z.number().int().min(-100_000).max(100_000).optional(),
      })
      .strict()
      .refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, {
        error: 'the fewest days (min) is more than the most (max)',
      })
      .nullable()
      .optional(),
  })
  .strict();
export type CaseFilter = z.infer<typeof caseFilterSchema>;

/**
 * The filter keys that are item conditions (see caseFilterSchema): they select
 * cases that have a matching item. An export of the filtered cases still holds
 * every item of each case; the analytics count only the matching items.
 */
export const ITEM_CONDITION_KEYS = [
  'decision',
  'category',
  'bodyRegion',
  'medication',
  'guideline',
  'modified',
] as const satisfies readonly (keyof CaseFilter)[];

const SORT_KEYS = ['caseNumber', 'itemCount', 'status', 'importedAt', 'decisionDate', 'decisions'] as const;

/** Which cases the list shows and in which order: the same for a page of it and for its "next" case. */
const listOrder = {
  filter: caseFilterSchema.default({}),
  sort: z.enum(SORT_KEYS).default('importedAt'),
  direction: z.enum(['asc', 'desc']).default('desc'),
};

/** Cases one bulk status change may name (the list selects at most what it has loaded). */
export const MAX_BULK_CASES = 10_000;
/** Cases one export of a selection may name. */
export const MAX_EXPORT_CASES = 1_000_000;

/**
 * A list of internal case ids (positive whole numbers), at most `max`, checked
 * in one pass that stops at the first entry that is not one. zod's own array
 * checks every entry and reports each: 1,000,000 wrong entries cost it 9.6 s
 * and a refusal listing them, and even 1,000,000 right ones ~1 s.
 */
const caseIdList = (max: number, tooMany: string) =>
  z
    .custom<number[]>(() => true)
    .superRefine((ids, ctx) => {
      if (!Array.isArray(ids)) {
        ctx.addIssue({ code: 'custom', message: 'expected a list of case ids' });
        return;
      }
      if (ids.length > max) {
        ctx.addIssue({ code: 'custom', message: tooMany });
        return;
      }
      const wrong = ids.findIndex((id) => !(Number.isSafeInteger(id) && (id as number) > 0));
      if (wrong >= 0) {
        ctx.addIssue({ code: 'custom', path: [wrong], message: 'a case id is a positive whole number' });
      }
    });

/**
 * Bounds on one change. Every change becomes a permanent audit event that is
 * read each time its case is opened, so its size is bounded here, at the
 * boundary, before any handler runs (issue 12: an unbounded split once wrote a
 * 427 MB event). The corrections module also caps the stored event itself
 * (backend/audit/log.ts), since one small request can expand (a split copies
 * the item into every part).
 */
export const CHANGE_LIMITS = {
  /** Items of one case a change can address: positions are 0…maxItems-1, a merge or reorder lists at most this many. */
  maxItems: 500,
  /** Parts one split may produce. */
  maxSplitParts: 50,
  /** A treatment's text. */
  maxTreatmentChars: 5000,
  /** A note's text. */
  maxNoteChars: 10_000,
  /** A field path such as items[3].decision. */
  maxPathChars: 200,
  /** A set-field value, as JSON. */
  maxValueBytes: 64 * 1024,
  /** Nesting of a set-field value (the deepest field, citations, is 3 levels). */
  maxValueDepth: 8,
  /**
   * The most one stored event may hold (its values, target, reason and path,
   * as UTF-8). A change that would store more is refused before anything is
   * written (backend/audit/log.ts); a request larger than this plus its
   * envelope can never become an event, so hosts refuse it unread.
   */
  maxEventBytes: 256 * 1024,
} as const;

/**
 * Room in a correction call's body around the change: case, reviewer (200
 * characters) and reason (2,000), at up to 3 bytes of UTF-8 a character, and
 * the JSON around them.
 */
const CORRECTION_ENVELOPE_BYTES = 16 * 1024;

const itemIndex = z
  .number()
  .int()
  .min(0)
  .max(CHANGE_LIMITS.maxItems - 1, `an item position is at most ${CHANGE_LIMITS.maxItems - 1}`);
const treatmentText = typedText(z.string().trim().min(1).max(CHANGE_LIMITS.maxTreatmentChars), 'a treatment');

/**
 * True when `value` serialises to at most `maxBytes` of JSON nested at most
 * `maxDepth` deep. Walks the value itself and stops as soon as a bound is
 * passed, so a huge or deeply nested value costs little and never overflows the
 * stack (JSON.stringify would do both). Counts UTF-16 units plus quotes and
 * separators: close enough for a bound.
 */
export function jsonWithin(value: unknown, maxBytes: number, maxDepth: number): boolean {
  let bytes = 0;
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: v, depth } = stack.pop()!;
    if (depth > maxDepth) return false;
    if (typeof v === 'string') bytes += v.length + 2;
    else if (v === null || typeof v !== 'object') bytes += 8;
    else {
      const entries = Array.isArray(v) ? v : Object.entries(v);
      bytes += 2 + entries.length;
      if (bytes > maxBytes) return false;
      for (const entry of entries) {
        if (Array.isArray(v)) stack.push({ value: entry, depth: depth + 1 });
        else {
          const [key, member] = entry as [string, unknown];
          bytes += key.length + 3;
          stack.push({ value: member, depth: depth + 1 });
        }
      }
    }
    if (bytes > maxBytes) return false;
  }
  return true;
}

/**
 * The first problem typedTextProblem finds in any text of a set-field value
 * (a text, a list's entries, a medication's or a citation's parts), naming
 * the field by its path. Only called on a value jsonWithin has bounded.
 */
function valueTextProblem(value: unknown, path: string): string | null {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') {
      const problem = typedTextProblem(v, path.trim());
      if (problem) return problem;
    } else if (v !== null && typeof v === 'object') stack.push(...Object.values(v));
  }
  return null;
}

const fieldValue: z.ZodType<unknown> = z
  .unknown()
  .refine((v) => jsonWithin(v, CHANGE_LIMITS.maxValueBytes, CHANGE_LIMITS.maxValueDepth), {
    error: `the value is too large (at most ${CHANGE_LIMITS.maxValueBytes / 1024} KB, nested at most ${CHANGE_LIMITS.maxValueDepth} deep)`,
    abort: true,
  });

/** A change a reviewer makes to a case; each becomes one audit event. */
export const changeSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('set-field'),
      path: z.string().min(1).max(CHANGE_LIMITS.maxPathChars),
      value: fieldValue,
    })
    .strict()
    .superRefine((change, ctx) => {
      const problem = valueTextProblem(change.value, change.path);
      if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['value'] });
    }),
  z
    .object({
      type: z.literal('add-item'),
      index: itemIndex.optional(),
      treatment: typedText(z.string().max(CHANGE_LIMITS.maxTreatmentChars), 'a treatment').optional(),
    })
    .strict(),
  z.object({ type: z.literal('delete-item'), index: itemIndex }).strict(),
  z
    .object({
      type: z.literal('split-item'),
      index: itemIndex,
      treatments: z
        .array(treatmentText)
        .min(2, 'a split needs at least two treatments')
        .max(CHANGE_LIMITS.maxSplitParts, `a split makes at most ${CHANGE_LIMITS.maxSplitParts} items`),
    })
    .strict(),
  z
    .object({
      type: z.literal('merge-items'),
      indices: z
        .array(itemIndex)
        .min(2, 'a merge needs at least two items')
        .max(CHANGE_LIMITS.maxItems, `a merge lists at most ${CHANGE_LIMITS.maxItems} items`),
      treatment: treatmentText.optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('reorder-items'),
      order: z
        .array(itemIndex)
        .min(1)
        .max(CHANGE_LIMITS.maxItems, `a new order lists at most ${CHANGE_LIMITS.maxItems} items`),
    })
    .strict(),
  z.object({ type: z.literal('set-status'), status: z.enum(REVIEW_STATUSES) }).strict(),
  /** A reviewer confirms a field's value as read in the letter (verified: true), or takes that back. */
  z
    .object({
      type: z.literal('verify-field'),
      path: z.string().min(1).max(CHANGE_LIMITS.maxPathChars),
      verified: z.boolean(),
    })
    .strict(),
  z
    .object({
      type: z.literal('note'),
      text: typedText(z.string().trim().min(1, 'a note cannot be empty').max(CHANGE_LIMITS.maxNoteChars), 'a note'),
    })
    .strict(),
]);
export type Change = z.infer<typeof changeSchema>;

/**
 * What to export; where it goes is the host's business (a file the user chose
 * in a save dialog, a browser download, a path on the command line).
 */
export const exportOptionsSchema = z
  .object({
    format: z.enum(['xlsx', 'csv']),
    filter: caseFilterSchema.optional(),
    caseIds: caseIdList(MAX_EXPORT_CASES, `at most ${MAX_EXPORT_CASES.toLocaleString('en-US')} cases`).optional(),
    includeParsedValues: z.boolean().default(false),
    /** CSV only: also write Cases / Corrections as sibling files. */
    allTables: z.boolean().default(false),
    /**
     * XLSX only: add Summary and Turnaround sheets, the Analytics figures for
     * the export's filter (every breakdown of shared/domain/analytics.ts).
     */
    summary: z.boolean().default(false),
  })
  .strict()
  .refine((o) => !o.summary || o.format === 'xlsx', {
    error: 'a Summary sheet is part of an Excel export; for CSV use imr stats --csv',
    path: ['summary'],
  })
  .refine((o) => !o.summary || o.caseIds === undefined, {
    error: 'a Summary sheet summarises a filter, not a selection of cases: export the filter, or leave the summary out',
    path: ['summary'],
  });
export type ExportOptions = z.infer<typeof exportOptionsSchema>;

export type { ExportedFile, ExportResult, ReparseSummary } from '../domain/case';

/** An opaque, unguessable id the host issued for paths the user chose (see backend/service/grants.ts). */
export const grantIdSchema = z.string().regex(/^[\w-]{16,64}$/, 'not a valid grant');

/** A grant as the renderer sees it: the id to pass on and a label to show. */
export interface GrantRef {
  grant: string;
  label: string;
}

/** What one upload may hold; the renderer skips what does not fit before sending it. */
export interface UploadOpened {
  uploadId: string;
  jobId: string;
  maxFileBytes: number;
  maxFiles: number;
  maxBytes: number;
}

export interface VerifyReport {
  ok: boolean;
  /** One line each, for a person; empty when ok. */
  problems: string[];
  /**
   * Beside each of `problems`, the case it is about (internal id; the line starts by naming it), or null: what a
   * reader links — never an id read out of the line, whose case name is the stored case number.
   */
  problemCases: (number | null)[];
  /** Events in the audit trail (corrections, letters imported, parses). */
  events: number;
  /** Hash of the newest event as the chain head records it: keep a copy elsewhere (`imr checkpoint`). */
  chainHead: string | null;
  /** Cases whose letter, parses and case-list values were checked against the trail. */
  cases: number;
  /** The checkpoint checked against, and whether the trail still extends it. */
  against: { events: number; head: string; takenAt: string; extended: boolean } | null;
  /** What this run did not check (`imr verify --full` checks them), one phrase each; empty when everything was. */
  notChecked: string[];
  /**
   * Corrected cases whose case list still waits to be rebuilt with their corrections after an upgrade
   * (projection_pending: done the next time the workspace is opened with write access). Their list is not
   * compared — it holds the parsed values by design, which is not tampering — and the report says so.
   */
  awaitingRebuild: number[];
}

export const AUDIT_CHECKPOINT_FORMAT = 'imr-audit-checkpoint-v1';

/**
 * The audit chain head written down elsewhere (`imr checkpoint`), sealed with
 * a SHA-256 of its other fields. See backend/audit/checkpoint.ts.
 */
export const auditCheckpointSchema = z
  .object({
    format: z.literal(AUDIT_CHECKPOINT_FORMAT),
    /** Events in the trail when it was taken; the last one's id. */
    events: z.number().int().min(0),
    /** Hash of event `events` (64 zeros for an empty trail). */
    head: z.string().regex(/^[0-9a-f]{64}$/),
    takenAt: z.iso.datetime(),
    /** The workspace file it was taken from (informational). */
    workspace: z.string().max(4096),
    appVersion: z.string().max(100),
    checksum: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();
export type AuditCheckpoint = z.infer<typeof auditCheckpointSchema>;

/**
 * What the app's integrity check (`audit.verify.start`, a job of kind `verify`) ends with: the report, and when
 * it is OK a checkpoint of the head it verified (the one `audit.checkpoint` would make), for the user to save.
 */
export interface VerifyJobResult {
  report: VerifyReport;
  checkpoint: AuditCheckpoint | null;
}

export interface Settings {
  reviewerName: string;
  theme: 'system' | 'light' | 'dark';
}

export interface AppInfo {
  appVersion: string;
  parserVersion: string;
  schemaVersion: number;
  dbPath: string;
  host: 'electron' | 'web' | 'cli' | 'test';
  /** Why this workspace cannot be changed here (read-only file, folder or disk; full disk; damaged), or null. */
  readOnly: string | null;
  samplesAvailable: boolean;
  /** Folders the host was started with (browser host `--import-from`); importable with import.start. */
  importFolders: GrantRef[];
}

export interface JobStarted {
  jobId: string;
}

/**
 * name → [input schema, output type]. The output type is carried by a
 * phantom `z.custom` so `ApiOutput<N>` is inferred from this one table.
 * `writes: true` marks calls that change the workspace: the service refuses
 * them in a workspace that is read-only here or damaged. `bodyBytes`: the
 * largest JSON body the call can need, where that is less than
 * LIMITS.callBodyBytes (see callBodyBytes).
 */
const out = <T>() => z.custom<T>(() => true);

export const api = {
  'app.info': { input: z.object({}).strict(), output: out<AppInfo>() },
  'settings.get': { input: z.object({}).strict(), output: out<Settings>() },
  'settings.set': {
    input: z
      .object({
        reviewerName: reviewerName('reviewer name cannot be empty').optional(),
        theme: z.enum(['system', 'light', 'dark']).optional(),
      })
      .strict(),
    output: out<Settings>(),
  },
  'stats.get': { input: z.object({}).strict(), output: out<Stats>() },
  /**
   * The letters in aggregate for a filter: totals, turnaround, and one
   * breakdown per dimension in `by` (shared/domain/analytics.ts). `limit`
   * caps the groups of each breakdown (the smallest are counted as omitted).
   */
  'stats.analytics': {
    input: z
      .object({
        filter: caseFilterSchema.default({}),
        by: z
          .array(z.enum(STATS_DIMENSIONS))
          .max(STATS_DIMENSIONS.length)
          .refine((by) => new Set(by).size === by.length, { error: 'a dimension is listed twice' })
          .default([]),
        limit: z.number().int().min(1).max(STATS_GROUP_LIMIT.max).default(STATS_GROUP_LIMIT.default),
      })
      .strict(),
    output: out<AnalyticsResult>(),
  },

  'cases.list': {
    input: z
      .object({
        ...listOrder,
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(100_000).default(200),
      })
      .strict(),
    /** `unreadable`: only for a damaged workspace, one line per case it could not read and does not list. */
    output: out<{ total: number; rows: CaseRow[]; unreadable?: string[] }>(),
  },
  'cases.get': { input: z.object({ caseId: caseRef }).strict(), output: out<CaseDetail>() },
  /**
   * The case before or after `from` in the case list as filtered and sorted
   * (the reviewer's queue: every "next" action walks it), with its row index;
   * null when there is none. `status`: only cases with that status ("next
   * unreviewed" asks for "new"); `wrap`: go round from the other end.
   */
  'cases.neighbor': {
    input: z
      .object({
        ...listOrder,
        from: z.number().int().positive().optional(),
        step: z.enum(['next', 'previous']).default('next'),
        status: z.enum(REVIEW_STATUSES).optional(),
        wrap: z.boolean().default(false),
      })
      .strict(),
    output: out<{ caseId: number; index: number } | null>(),
  },
  /** One review status for several cases (the list's selection): a set-status event for each case it changes. */
  'cases.setStatus': {
    input: z
      .object({
        caseIds: caseIdList(MAX_BULK_CASES, `at most ${MAX_BULK_CASES.toLocaleString('en-US')} cases at once`).refine(
          (ids) => ids.length > 0,
          { error: 'no cases selected' },
        ),
        status: z.enum(REVIEW_STATUSES),
        reviewer,
      })
      .strict(),
    output: out<{ changed: number; unchanged: number }>(),
    writes: true,
  },
  'documents.content': {
    input: z.object({ documentId: z.number().int().positive() }).strict(),
    output: out<DocumentContent>(),
  },
  /** The original file bytes (base64) so the UI can render the PDF itself. */
  'documents.original': {
    input: z.object({ documentId: z.number().int().positive() }).strict(),
    output: out<{ documentId: number; mime: string; base64: string }>(),
  },

  /** Import the files or folders behind a grant (Electron's open dialog, the browser host's --import-from). */
  'import.start': { input: z.object({ grant: grantIdSchema }).strict(), output: out<JobStarted>(), writes: true },
  /**
   * Opens an upload (files picked or dropped in a browser, or in a window): its
   * import job starts at once and shows the files arriving; the host receives
   * the bytes on its own channel (HTTP PUT /api/upload/<id>, Electron IPC),
   * then import.upload.finish imports them.
   */
  'import.upload.open': {
    input: z
      .object({
        files: z.number().int().min(0).max(LIMITS.uploadFiles, `at most ${LIMITS.uploadFiles} files at once`),
      })
      .strict(),
    output: out<UploadOpened>(),
    writes: true,
  },
  /** All files are sent; `unsent` lists the files the renderer did not send (not letters, too large) for the report. */
  'import.upload.finish': {
    input: z
      .object({
        uploadId: grantIdSchema,
        unsent: z
          .array(
            z
              .object({
                name: z.string().min(1).max(1024),
                bytes: z.number().int().min(0),
                /** Why it was not sent, when it should have been (the send failed); otherwise the importer's rules say. */
                reason: z.string().min(1).max(300).optional(),
              })
              .strict(),
          )
          .max(LIMITS.uploadFiles)
          .default([]),
      })
      .strict(),
    output: out<JobStarted>(),
    writes: true,
  },
  'import.samples': { input: z.object({}).strict(), output: out<JobStarted>(), writes: true },
  'import.lastReport': { input: z.object({}).strict(), output: out<ImportSummary | null>() },
  'reparse.start': { input: z.object({}).strict(), output: out<JobStarted>(), writes: true },
  'jobs.cancel': {
    input: z.object({ jobId: z.string().min(1).max(100) }).strict(),
    output: out<{ cancelled: boolean }>(),
  },

  'corrections.apply': {
    input: z.object({ caseId: caseRef, reviewer, reason: optionalReason, change: changeSchema }).strict(),
    output: out<CaseDetail>(),
    writes: true,
    bodyBytes: CHANGE_LIMITS.maxEventBytes + CORRECTION_ENVELOPE_BYTES,
  },
  'corrections.undo': {
    input: z.object({ caseId: caseRef, reviewer }).strict(),
    output: out<CaseDetail>(),
    writes: true,
    bodyBytes: CORRECTION_ENVELOPE_BYTES,
  },
  'corrections.redo': {
    input: z.object({ caseId: caseRef, reviewer }).strict(),
    output: out<CaseDetail>(),
    writes: true,
    bodyBytes: CORRECTION_ENVELOPE_BYTES,
  },
  'corrections.history': { input: z.object({ caseId: caseRef }).strict(), output: out<AuditEvent[]>() },
  /** Checks the database, the audit chain, and every letter and parse against it; optionally against a checkpoint. */
  'audit.verify': {
    input: z
      .object({
        against: auditCheckpointSchema.optional(),
        /** SQLite's integrity_check over the whole file, letters included (slower). */
        full: z.boolean().optional(),
      })
      .strict(),
    output: out<VerifyReport>(),
  },
  /** Verifies, then returns a checkpoint of the chain head to keep elsewhere (refused when verify finds problems). */
  'audit.checkpoint': { input: z.object({}).strict(), output: out<AuditCheckpoint>() },
  /**
   * `audit.verify` as a job, for the app: it runs away from the calls (verify takes a minute or more on a large
   * workspace), shows as running and can be cancelled; the job's result is a VerifyJobResult. `checkpointFile`:
   * the text of a checkpoint file the user picked, read by the host as `imr verify --against` reads one (a file
   * that is no checkpoint is refused with the reason before the job starts).
   */
  'audit.verify.start': {
    input: z
      .object({
        full: z.boolean().optional(),
        checkpointFile: z
          .string()
          .refine(checkpointTextFits, { error: 'not an audit checkpoint (too large)' })
          .optional(),
      })
      .strict(),
    output: out<JobStarted>(),
  },

  /**
   * Export as a job. With `grant` (Electron's save dialog) the files go exactly
   * where the user chose; without, they are kept for the browser to download.
   */
  'export.start': {
    input: exportOptionsSchema.extend({ grant: grantIdSchema.optional() }).strict(),
    output: out<JobStarted>(),
  },
} as const;

export type Api = typeof api;

export type ApiName = keyof Api;

/**
 * The most one call's JSON body may be over a transport that sees it before
 * parsing it (the browser host reads Content-Length): the call's own
 * `bodyBytes` where its input is bounded tighter (a correction: one event),
 * else LIMITS.callBodyBytes. A larger body is refused unread.
 */
export function callBodyBytes(name: ApiName): number {
  const entry = api[name];
  return 'bodyBytes' in entry ? entry.bodyBytes : LIMITS.callBodyBytes;
}
export type ApiInput<N extends ApiName> = z.input<Api[N]['input']>;
export type ApiParsedInput<N extends ApiName> = z.output<Api[N]['input']>;
export type ApiOutput<N extends ApiName> = z.output<Api[N]['output']>;

/** One entry of a call table: its input schema, its output type, and whether it changes the workspace. */
interface CallEntry {
  input: z.ZodType;
  output: z.ZodType;
  writes?: boolean;
}

/**
 * The questions every boundary asks of a call table, answered once for both
 * tables (this one, and the privileged one in privileged.ts): which names
 * exist, whether a name is one of them (own keys only, so `__proto__` or
 * `toString` are never calls), whether a call writes (refused where the
 * workspace cannot be written), and the validated input.
 */
export function callTable<T extends Record<string, CallEntry>>(table: T) {
  type Name = keyof T & string;
  return {
    names: Object.keys(table) as Name[],
    has: (name: unknown): name is Name => typeof name === 'string' && Object.prototype.hasOwnProperty.call(table, name),
    writes: (name: Name): boolean => (table[name] as CallEntry).writes === true,
    parse: <N extends Name>(name: N, args: unknown) =>
      parseCallInput(name, (table[name] as CallEntry).input as z.ZodType<z.output<T[N]['input']>>, args),
  };
}

const apiCalls = callTable(api);

/** Whether a call changes the workspace (see the `writes` marks above). */
export const apiWrites: (name: ApiName) => boolean = apiCalls.writes;
export const API_NAMES: ApiName[] = apiCalls.names;

/** `too_large`: a call larger than its contract limit (shared/api/call-size.ts), refused unread. */
export type ApiErrorCode =
  'invalid_input' | 'too_large' | 'not_found' | 'conflict' | 'not_available' | 'cancelled' | 'timeout' | 'internal';
export interface ApiError {
  code: ApiErrorCode;
  message: string;
  /**
   * An input a call's schema refused (`invalid_input` from parseCallInput):
   * the call and what it refused, apart. `message` is `<call>: <problem>`, for
   * a program or a log; a host wording it for a person who never typed the
   * call's name (`imr`) shows `problem` alone. Absent on every other error.
   */
  refused?: { call: string; problem: string };
}
/** Errors cross every boundary as values, never as thrown exceptions. */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const isApiName: (name: unknown) => name is ApiName = apiCalls.has;

/**
 * Validates `args` against one entry of a call table (this one or the
 * privileged one). The input is first checked against the general bounds of
 * shared/api/limits.ts (depth, list and string lengths, values in all), so no
 * schema walks something unbounded and nothing unbounded reaches a handler
 * even where a schema forgot a bound; then every string and list in the
 * schemas has its own. The message names the
 * call and never repeats a large input. Never throws.
 */
export function parseCallInput<T>(
  name: string,
  schema: z.ZodType<T>,
  args: unknown,
): { ok: true; value: T } | { ok: false; error: ApiError } {
  const shape = inputShapeProblem(args);
  if (shape) return { ok: false, error: inputRefusal(name, shape) };
  const parsed = schema.safeParse(args ?? {});
  if (!parsed.success) return { ok: false, error: inputRefusal(name, describeIssues(parsed.error.issues)) };
  return { ok: true, value: parsed.data };
}

/** The refusal of a call's input: the call named in the message, and both apart (see ApiError.refused). */
function inputRefusal(call: string, problem: string): ApiError {
  return { code: 'invalid_input', message: `${call}: ${problem}`, refused: { call, problem } };
}

/** Validate a call at a boundary. Never throws. */
export function parseApiInput<N extends ApiName>(
  name: N,
  args: unknown,
): { ok: true; value: ApiParsedInput<N> } | { ok: false; error: ApiError } {
  return apiCalls.parse(name, args);
}

/** "Unknown API call: <name>": the name comes from outside, so never more than a name's worth of it. */
export function unknownCall(name: unknown): { ok: false; error: ApiError } {
  return {
    ok: false,
    error: { code: 'invalid_input', message: `Unknown API call: ${boundedMessage(String(name), 64)}` },
  };
}

/** Issues listed in a refusal; the rest are counted. */
const MAX_ISSUES_LISTED = 3;
/** One issue's text: zod quotes unknown keys, which come from the input. */
const MAX_ISSUE_CHARS = 160;

/**
 * A refusal short enough to read, whatever was sent: a few issues, each
 * clipped, never the input itself (a refused 300,000-element array once came
 * back whole in the error).
 */
function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const clip = (text: string) => (text.length > MAX_ISSUE_CHARS ? `${text.slice(0, MAX_ISSUE_CHARS - 1)}…` : text);
  const listed = issues
    .slice(0, MAX_ISSUES_LISTED)
    .map((i) => clip(i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message));
  const more = issues.length - listed.length;
  return `${listed.join('; ')}${more > 0 ? ` (and ${more} more problem${more === 1 ? '' : 's'})` : ''}`;
}

/** The one function every client uses. */
export type Send = <N extends ApiName>(name: N, args: ApiInput<N>) => Promise<ApiResult<ApiOutput<N>>>;
