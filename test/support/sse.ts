export interface StreamEvent {
  event: string;
  id?: string;
  data: string;
}

/** Reads every event (any type, with its id) until `done` says so or time ran out. */
export async function readEvents(response: Response, done: (events: StreamEvent[]) => boolean, timeoutMs = 3_000): Promise<StreamEvent[]> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const events: StreamEvent[] = [];
  let buffer = '';
  const deadline = Date.now() + timeoutMs;
  try {
    while (!done(events) && Date.now() < deadline) {
      const next = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), Math.max(0, deadline - Date.now())))]);
      if (next === null || next.done) break;
      buffer += next.value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        if (!event) continue;
        const id = /^id: (.*)$/m.exec(block)?.[1];
        events.push({ event, data: /^data: (.*)$/m.exec(block)?.[1] ?? '', ...(id === undefined ? {} : { id }) });
      }
    }
  } finally {
    await reader.cancel();
  }
  return events;
}

/** Reads server-sent events from a streaming response until `count` changes came or time ran out. */
export async function readChanges(response: Response, count: number, timeoutMs = 3_000) {
  const changesIn = (events: StreamEvent[]) => events.filter((e) => e.event === 'change');
  const events = await readEvents(response, (events) => changesIn(events).length >= count, timeoutMs);
  return changesIn(events).map((e) => JSON.parse(e.data) as { tenantId: string; action: string });
}
