// GET /api/v1/events as a stream: EventSource cannot send the Authorization header, so this reads the
// server-sent events with fetch and a stream reader, and reconnects with back-off when the stream ends.
import { bearer, toSignIn, token } from './api.js';

/**
 * Calls onEvent({type, data, id}) for each event; onState('live' | 'reconnecting') as the stream
 * comes and goes. Answers a function that stops following.
 */
export function follow(onEvent, onState = () => {}) {
  let stopped = false;
  let controller = null;
  let delay = 1000;

  async function run() {
    while (!stopped) {
      controller = new AbortController();
      try {
        const response = await fetch('/api/v1/events', {
          headers: { ...bearer(), Accept: 'text/event-stream' }, cache: 'no-store', signal: controller.signal,
        });
        if (response.status === 401) {
          token.clear();
          toSignIn();
          return;
        }
        if (!response.ok || !response.body) throw new Error('HTTP ' + response.status);
        onState('live');
        delay = 1000;
        await read(response.body, onEvent);
      } catch (broken) {
        if (stopped) return;
      }
      if (stopped) return;
      onState('reconnecting');
      await new Promise((resume) => setTimeout(resume, delay + Math.random() * 500));
      delay = Math.min(delay * 2, 30000);
    }
  }

  run();
  return () => {
    stopped = true;
    if (controller) controller.abort();
  };
}

async function read(body, onEvent) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value.replace(/\r\n?/g, '\n');
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = parse(block);
      if (event) onEvent(event);
    }
  }
}

/** One event block of the text/event-stream format; null for comments (keep-alives). */
export function parse(block) {
  let type = 'message';
  let id = null;
  const data = [];
  for (const line of block.split('\n')) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') type = value;
    else if (field === 'data') data.push(value);
    else if (field === 'id') id = value;
  }
  if (data.length === 0) return null;
  let parsed;
  try {
    parsed = JSON.parse(data.join('\n'));
  } catch (notJson) {
    parsed = data.join('\n');
  }
  return { type, data: parsed, id };
}
