/**
 * A parser of server-sent events (the WHATWG "event stream" format), for the town server's
 * live sync stream. The app reads the stream with `fetch` (EventSource cannot send an
 * `Authorization` header), so it parses the text itself.
 *
 * Text arrives in arbitrary chunks (a line, an event, or a UTF-8 character may be split);
 * lines end with CRLF, LF or CR; `data:` lines of one event are joined with "\n"; a blank
 * line ends an event; lines starting with ":" are comments (the server's keep-alives); a
 * field name without a colon has an empty value; one space after the colon is dropped; a
 * leading byte-order mark is ignored. Unknown fields are ignored, as the format requires.
 */

export interface SseEvent {
  /** The `event:` field, 'message' when absent. */
  readonly type: string;
  readonly data: string;
  /** The last `id:` seen on the stream ('' if none). */
  readonly lastEventId: string;
}

export interface SseHandlers {
  onEvent(event: SseEvent): void;
  /** A comment line (without its colon), e.g. ' keep-alive'. */
  onComment?(text: string): void;
  /** The `retry:` field: the reconnection delay the server asks for, in milliseconds. */
  onRetry?(ms: number): void;
}

export interface SseParser {
  /** Feeds decoded text; complete events are dispatched at once. */
  push(text: string): void;
  /** The stream ended: an event without its closing blank line is dropped (per the format). */
  end(): void;
}

export function createSseParser(handlers: SseHandlers): SseParser {
  let buffer = '';
  let started = false;
  // A CR ended the previous chunk: an LF starting the next one belongs to it.
  let skipLeadingLf = false;
  let data: string[] = [];
  let type = '';
  let lastEventId = '';

  const dispatch = (): void => {
    if (data.length === 0) {
      type = '';
      return;
    }
    const event: SseEvent = {
      type: type === '' ? 'message' : type,
      data: data.join('\n'),
      lastEventId,
    };
    data = [];
    type = '';
    handlers.onEvent(event);
  };

  const line = (text: string): void => {
    if (text === '') {
      dispatch();
      return;
    }
    if (text.startsWith(':')) {
      handlers.onComment?.(text.slice(1));
      return;
    }
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'data':
        data.push(value);
        break;
      case 'event':
        type = value;
        break;
      case 'id':
        if (!value.includes('\u0000')) lastEventId = value;
        break;
      case 'retry':
        if (/^[0-9]+$/.test(value)) handlers.onRetry?.(Number(value));
        break;
      default:
        break;
    }
  };

  return {
    push(text) {
      let chunk = text;
      if (!started && chunk.length > 0) {
        started = true;
        if (chunk.startsWith('\uFEFF')) chunk = chunk.slice(1);
      }
      if (skipLeadingLf && chunk.startsWith('\n')) chunk = chunk.slice(1);
      skipLeadingLf = false;
      buffer += chunk;
      let start = 0;
      for (;;) {
        const cr = buffer.indexOf('\r', start);
        const lf = buffer.indexOf('\n', start);
        if (cr === -1 && lf === -1) break;
        const end = cr === -1 ? lf : lf === -1 ? cr : Math.min(cr, lf);
        line(buffer.slice(start, end));
        if (buffer[end] === '\r') {
          if (end + 1 === buffer.length) {
            skipLeadingLf = true;
            start = end + 1;
            break;
          }
          start = buffer[end + 1] === '\n' ? end + 2 : end + 1;
        } else {
          start = end + 1;
        }
      }
      buffer = buffer.slice(start);
    },
    end() {
      buffer = '';
      data = [];
      type = '';
    },
  };
}
