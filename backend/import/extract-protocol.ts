import type { LetterText } from '../../shared/domain/letter';

/** Main thread → extract worker. `bytes` is transferred, not copied. */
export interface ExtractRequest {
  id: number;
  bytes: Uint8Array;
  fileName: string;
}

/** Extract worker → main thread. `expected` failures carry a reviewer-facing reason. */
export type ExtractResponse =
  { id: number; ok: true; letterText: LetterText } | { id: number; ok: false; expected: boolean; reason: string };
