/**
 * What the store needs from the outside world, passed in rather than
 * imported, so each slice runs in a unit test with a fake backend and a fake
 * clock (test/unit/renderer/store) and a missing piece is a type error.
 */
import type { ImrBridge } from '../../../shared/api/bridge';
import type { ApiInput, ApiName, ApiOutput } from '../../../shared/api/contract';

export interface StoreDeps {
  /** One backend call; failures reject with an Error whose message is one readable line. */
  call<N extends ApiName>(name: N, args: ApiInput<N>): Promise<ApiOutput<N>>;
  /** The host's event and menu streams (Electron preload or the browser host). */
  events(): Pick<ImrBridge, 'onEvent' | 'onMenu'>;
  /** Runs `fn` after `ms` milliseconds (notices that fade, finished jobs that linger). */
  later(fn: () => void, ms: number): void;
  /** A monotonic clock in milliseconds (how long a list query took). */
  now(): number;
  /** What the page does when the menu asks: open the file picker, reload after a workspace switch. */
  page: { openFilePicker(): void; reload(): void };
  /**
   * What this machine remembers between sessions (the panes' widths, where the
   * reviewer was): localStorage in the app; failures to write are ignored, as a
   * full or disabled storage only costs the memory.
   */
  storage: { get(key: string): string | null; set(key: string, value: string): void };
  /** The window's width in CSS pixels (whether the case list and the history both fit beside the letter). */
  viewportWidth(): number;
}
