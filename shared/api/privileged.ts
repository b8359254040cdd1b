/**
 * The privileged part of the service contract: calls that name paths on disk.
 *
 * Only code that already acts for the user with the user's file-system rights
 * may make them: the `imr` CLI (the shell user owns the paths they type), the
 * Electron main process (after the user chose files in a native dialog), the
 * browser host's startup (folders named on its command line). They are
 * reached through `service.privileged`, never through `service.dispatch`,
 * which is the only entry the renderer-facing transports (Electron IPC, HTTP)
 * use; test/unit/service/privileged.test.ts and the host tests hold that line.
 *
 * The renderer gets the effect of these calls only through grants: opaque ids
 * for exactly the paths the user chose (see backend/service/grants.ts).
 */
import { z } from 'zod';
import { callTable, exportOptionsSchema, unknownCall, type ApiError, type GrantRef, type JobStarted } from './contract';

const out = <T>() => z.custom<T>(() => true);
const absolutePath = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\'), 'must be an absolute path');

export const privilegedApi = {
  /** Import files and folders (recursively) from disk. */
  'import.paths': {
    input: z.object({ paths: z.array(absolutePath).min(1, 'nothing to import').max(10_000) }).strict(),
    output: out<JobStarted>(),
    writes: true,
  },
  /** Export to a file the caller names (CSV with all tables also writes two sibling files beside it). */
  'export.toFile': {
    /**
     * `replace`: whether a file at `outPath` (or its CSV siblings) may be replaced. Without it — the default, as
     * `imr export` without --force — a file there, even one created while the export runs, is kept and the job fails.
     */
    input: exportOptionsSchema.extend({ outPath: absolutePath, replace: z.boolean().default(false) }).strict(),
    output: out<JobStarted>(),
  },
  /**
   * Issue a grant for paths the user chose. An import grant covers the files
   * and folders listed (folders recursively); an export grant exactly the
   * files listed, which must all end in the grant's format. Single-use grants
   * expire; reusable ones (folders named on a host's command line) last as long
   * as the service.
   */
  'grants.issue': {
    input: z.discriminatedUnion('purpose', [
      z
        .object({
          purpose: z.literal('import'),
          paths: z.array(absolutePath).min(1).max(10_000),
          reusable: z.boolean().default(false),
        })
        .strict(),
      z
        .object({
          purpose: z.literal('export'),
          format: z.enum(['xlsx', 'csv']),
          paths: z.array(absolutePath).min(1).max(3),
        })
        .strict(),
    ]),
    output: out<GrantRef>(),
  },
} as const;

export type PrivilegedApi = typeof privilegedApi;

const privilegedCalls = callTable(privilegedApi);

export type PrivilegedName = keyof PrivilegedApi;
export type PrivilegedInput<N extends PrivilegedName> = z.input<PrivilegedApi[N]['input']>;
export type PrivilegedParsedInput<N extends PrivilegedName> = z.output<PrivilegedApi[N]['input']>;
export type PrivilegedOutput<N extends PrivilegedName> = z.output<PrivilegedApi[N]['output']>;

/** Whether a privileged call changes the workspace (refused where it cannot be written, as in contract.ts). */
export const privilegedWrites: (name: PrivilegedName) => boolean = privilegedCalls.writes;
export const PRIVILEGED_NAMES: PrivilegedName[] = privilegedCalls.names;
export const isPrivilegedName: (name: unknown) => name is PrivilegedName = privilegedCalls.has;

export function parsePrivilegedInput<N extends PrivilegedName>(
  name: N,
  args: unknown,
): { ok: true; value: PrivilegedParsedInput<N> } | { ok: false; error: ApiError } {
  return privilegedCalls.parse(name, args);
}

export { unknownCall };

export type PrivilegedSend = <N extends PrivilegedName>(
  name: N,
  args: PrivilegedInput<N>,
) => Promise<{ ok: true; value: PrivilegedOutput<N> } | { ok: false; error: ApiError }>;
