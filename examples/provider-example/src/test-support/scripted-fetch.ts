// A `fetch` for unit tests: records every call and answers from a script, without any socket.

/** A call the scripted fetch received. */
export interface RecordedFetchCall {
  url: string;
  method: string;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** The JSON body, parsed; `undefined` when there was none. */
  body: unknown;
  signal: AbortSignal | undefined;
}

/** A fetch that answers with `answer(call)` and records the calls in `calls`. */
export function scriptedFetch(answer: (call: RecordedFetchCall) => Response | Promise<Response>): {
  fetch: typeof fetch;
  calls: RecordedFetchCall[];
} {
  const calls: RecordedFetchCall[] = [];
  const scripted = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const call: RecordedFetchCall = {
      url: String(input),
      method: init.method ?? 'GET',
      headers: Object.fromEntries(new Headers(init.headers).entries()),
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
      signal: init.signal ?? undefined,
    };
    calls.push(call);
    return answer(call);
  };
  return { fetch: scripted as typeof fetch, calls };
}

/** A JSON response. */
export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

/** A 200 response whose body arrives as these chunks, in order (strings are UTF-8 encoded). */
export function chunkedResponse(chunks: readonly (string | Uint8Array)[]): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
      controller.close();
    },
  });
  return new Response(body, { status: 200, headers: { 'content-type': 'application/x-ndjson' } });
}

/** NDJSON text of these events, one line each. */
export function ndjson(...events: unknown[]): string {
  return events.map((event) => `${JSON.stringify(event)}\n`).join('');
}
