/** Reads server-sent events from a streaming response until `count` changes came or time ran out. */
export async function readChanges(response: Response, count: number, timeoutMs = 3_000) {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const changes: { tenantId: string; action: string }[] = [];
  let buffer = '';
  const deadline = Date.now() + timeoutMs;
  try {
    while (changes.length < count && Date.now() < deadline) {
      const next = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), Math.max(0, deadline - Date.now())))]);
      if (next === null || next.done) break;
      buffer += next.value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (/^event: change$/m.test(block)) changes.push(JSON.parse(/^data: (.*)$/m.exec(block)![1]!));
      }
    }
  } finally {
    await reader.cancel();
  }
  return changes;
}
