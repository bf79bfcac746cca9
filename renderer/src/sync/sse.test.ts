import { describe, expect, it } from 'vitest';
import { createSseParser, type SseEvent } from './sse.ts';

function parse(chunks: readonly string[]) {
  const events: SseEvent[] = [];
  const comments: string[] = [];
  const retries: number[] = [];
  const parser = createSseParser({
    onEvent: (e) => events.push(e),
    onComment: (c) => comments.push(c),
    onRetry: (ms) => retries.push(ms),
  });
  for (const chunk of chunks) parser.push(chunk);
  parser.end();
  return { events, comments, retries };
}

const BATCH = '{"documents":[{"id":"R-1","_deleted":false}],"checkpoint":{"seq":7}}';

describe('the server-sent events parser', () => {
  it('reads the town server’s events and keep-alives', () => {
    const { events, comments } = parse([
      'data: "RESYNC"\n\n',
      ': keep-alive\n\n',
      `data: ${BATCH}\n\n`,
    ]);
    expect(events).toEqual([
      { type: 'message', data: '"RESYNC"', lastEventId: '' },
      { type: 'message', data: BATCH, lastEventId: '' },
    ]);
    expect(comments).toEqual([' keep-alive']);
  });

  it('puts together events split anywhere, even between CR and LF', () => {
    const text = `data: ${BATCH}\r\n\r\ndata: "RESYNC"\r\n\r\n`;
    for (let cut = 1; cut < text.length; cut += 1) {
      const { events } = parse([text.slice(0, cut), text.slice(cut)]);
      expect(events.map((e) => e.data)).toEqual([BATCH, '"RESYNC"']);
    }
    const oneByOne = parse(Array.from({ length: text.length }, (_, i) => text.slice(i, i + 1)));
    expect(oneByOne.events.map((e) => e.data)).toEqual([BATCH, '"RESYNC"']);
  });

  it('accepts every line ending, joins data lines, and takes the colon’s space once', () => {
    const { events } = parse(['data:a\rdata:  b\ndata\r\n\n']);
    expect(events).toEqual([{ type: 'message', data: 'a\n b\n', lastEventId: '' }]);
  });

  it('keeps event types and ids, reads retry, ignores unknown fields and a leading BOM', () => {
    const { events, retries } = parse([
      '\uFEFFevent: update\nid: 12\nretry: 3000\nfoo: bar\ndata: x\n\n',
      'data: y\n\n',
      'retry: soon\n\n',
    ]);
    expect(events).toEqual([
      { type: 'update', data: 'x', lastEventId: '12' },
      { type: 'message', data: 'y', lastEventId: '12' },
    ]);
    expect(retries).toEqual([3000]);
  });

  it('sends no event for a blank line alone, and drops an event the stream cut off', () => {
    const { events } = parse(['\n\n', 'event: lonely\n\n', 'data: complete\n\n', 'data: cut off']);
    expect(events.map((e) => e.data)).toEqual(['complete']);
  });
});
