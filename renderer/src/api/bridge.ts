/** The one bridge the renderer uses: Electron's preload object when present, HTTP otherwise. */
import type { ImrBridge } from '../../../shared/api/bridge';
import type { ApiInput, ApiName, ApiOutput } from '../../../shared/api/contract';
import { errorLine, errorText } from '../../../shared/api/error-text';
import { createWebBridge } from './webBridge';

declare global {
  interface Window {
    imr?: ImrBridge;
  }
}

let bridge: ImrBridge | null = null;

export function getBridge(): ImrBridge {
  bridge ??= window.imr ?? createWebBridge();
  return bridge;
}

/** A failed call as an Error whose message is one readable line. */
export class ApiCallError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiCallError';
  }
}

/** Calls the backend and unwraps the result; failures throw ApiCallError. */
export async function call<N extends ApiName>(name: N, args: ApiInput<N>): Promise<ApiOutput<N>> {
  let result;
  try {
    result = await getBridge().send(name, args);
  } catch (error) {
    throw new ApiCallError('internal', errorText(error));
  }
  if (result.ok) return result.value;
  throw new ApiCallError(result.error.code, readableError(result.error.code, result.error.message));
}

function readableError(code: string, message: string): string {
  const text = (message || '').split('\n')[0]!.trim();
  if (code === 'not_available') return text || 'This part of the workbench is not available yet.';
  return text || `The request failed (${code}).`;
}

/** The first line of a thrown value's message, for a status line or a banner. */
export function errorMessage(error: unknown): string {
  return errorLine(error);
}
