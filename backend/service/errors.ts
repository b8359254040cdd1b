import type { ApiError, ApiErrorCode } from '../../shared/api/contract';
import { describeStoreFailure, storeFailureKind } from '../store/errors';
import { errorText } from '../../shared/api/error-text';

/**
 * Thrown by handlers for an expected failure (bad reference, invalid value…).
 * The dispatcher turns it into `{ ok: false, error }`, so the message must be
 * one a reviewer understands.
 */
export class ApiFailure extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

export const notFound = (what: string) => new ApiFailure('not_found', what);
export const invalid = (message: string) => new ApiFailure('invalid_input', message);
export const notAvailable = (what: string) =>
  new ApiFailure('not_available', `${what} is not available yet in this version of IMR Workbench`);

export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiFailure) return { code: err.code, message: err.message };
  // SQLite failures a reviewer can act on (in use, damaged, disk full, read-only) are not internal errors.
  const store = describeStoreFailure(err);
  if (store) return { code: storeFailureKind(err) === 'busy' ? 'conflict' : 'not_available', message: store };
  const message = errorText(err);
  return { code: 'internal', message: `Internal error: ${message}` };
}
