/**
 * The browser host's event stream (`GET /api/events`, text/event-stream:
 * blocks of `data: <JSON>` lines separated by a blank line), split into
 * events — as the page reads it and as a test listening beside the page does.
 * The caller reads and decodes the bytes (its platform's stream and decoder).
 */
import type { BackendEvent } from '../domain/case';

export class EventStreamParser {
  private buffered = '';

  /** Takes the next decoded text of the stream; returns the events it completes, in order. A malformed block is skipped. */
  push(text: string): BackendEvent[] {
    this.buffered += text;
    const events: BackendEvent[] = [];
    let end;
    while ((end = this.buffered.indexOf('\n\n')) >= 0) {
      const block = this.buffered.slice(0, end);
      this.buffered = this.buffered.slice(end + 2);
      const data = block
        .split('\n')
        .filter((line) => line.startsWith('data: '))
        .map((line) => line.slice(6))
        .join('\n');
      if (!data) continue;
      try {
        events.push(JSON.parse(data) as BackendEvent);
      } catch {
        // A malformed frame is skipped; the next one is independent.
      }
    }
    return events;
  }
}
