// Splits a streamed response body into NDJSON lines (one JSON document per line).

/**
 * Yields each non-empty line of `body`, without its line break, as soon as the line is complete.
 * A last line without a trailing newline is yielded too (the parser then judges it).
 *
 * Leaving the loop early, or an error while reading, cancels the body: cancelling (not just
 * releasing the reader) closes the connection, so the server stops generating.
 */
export async function* readNdjsonLines(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let isFinished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        isFinished = true;
        const rest = (buffer + decoder.decode()).trim();
        if (rest !== '') yield rest;
        return;
      }
      buffer += decoder.decode(value, { stream: true });
      for (let end = buffer.indexOf('\n'); end !== -1; end = buffer.indexOf('\n')) {
        const line = buffer.slice(0, end).trim();
        buffer = buffer.slice(end + 1);
        if (line !== '') yield line;
      }
    }
  } finally {
    if (!isFinished) await reader.cancel().catch(() => undefined);
  }
}
