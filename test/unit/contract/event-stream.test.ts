import { describe, expect, it } from 'vitest';
import { EventStreamParser } from '../../../shared/api/event-stream';

describe('EventStreamParser', () => {
  it('completes events across chunks, in order, skipping keep-alives and malformed blocks', () => {
    const parser = new EventStreamParser();
    const changed = { type: 'changed', what: 'cases' };
    expect(parser.push(`data: ${JSON.stringify(changed).slice(0, 10)}`)).toEqual([]);
    expect(
      parser.push(`${JSON.stringify(changed).slice(10)}\n\n: keep-alive\n\ndata: {not json\n\ndata: {"type":`),
    ).toEqual([changed]);
    expect(parser.push('"changed","what":"case","caseId":3}\n\n')).toEqual([
      { type: 'changed', what: 'case', caseId: 3 },
    ]);
  });
});
