/**
 * How a fake server misbehaves for one request. Faults are queued on the server
 * ({@link FakeServer.injectFault}) and taken by the next requests that match.
 */
export type Fault =
  /** Answer with this status, body and headers instead of the real answer (429 with `retry-after`, 401, 404, 500, 503…). */
  | { type: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
  /** Wait this long, then answer normally. */
  | { type: 'latency'; ms: number }
  /** Answer 200 with a body that is not valid JSON (or, for streams, a chunk that is not). */
  | { type: 'malformed' }
  /** Stream: send this many chunks, then cut the connection without a final chunk. Non-stream: cut at once. */
  | { type: 'drop'; afterChunks: number }
  /**
   * Stream: send this many chunks, then end the response cleanly, without the protocol's final
   * chunk (`[DONE]`, `done: true`): an answer cut short that looks complete at the HTTP level.
   */
  | { type: 'truncate'; afterChunks: number }
  /** Send the status line and headers, then nothing until the client gives up or the server closes. */
  | { type: 'stall' }
  /** Stream: wait this long between chunks (a slow trickle). */
  | { type: 'trickle'; chunkDelayMs: number }
  /** Close the connection without any answer (as a crashed server does). */
  | { type: 'reset' };

/** The kinds of {@link Fault}. */
export const FAULT_TYPES = ['status', 'latency', 'malformed', 'drop', 'truncate', 'stall', 'trickle', 'reset'] as const;

/** Which requests a queued fault applies to, and how many times. */
export interface FaultMatch {
  /** Only requests whose path (without query) equals this string or matches this pattern. Defaults to every path. */
  path?: string | RegExp;
  /** How many matching requests take the fault. Defaults to 1; `Infinity` keeps it until cleared. */
  times?: number;
}

/** Standard error bodies for status faults, so tests read like the real failures. */
export const STATUS_FAULTS = {
  unauthorized: { type: 'status', status: 401, body: { error: { message: 'Invalid API key', type: 'auth_error' } } },
  notFound: { type: 'status', status: 404, body: { error: { message: 'Not found', type: 'not_found' } } },
  rateLimited: (retryAfterSeconds: number): Fault => ({
    type: 'status',
    status: 429,
    headers: { 'retry-after': String(retryAfterSeconds) },
    body: { error: { message: 'Rate limit exceeded', type: 'rate_limit' } },
  }),
  internalError: { type: 'status', status: 500, body: { error: { message: 'Internal server error' } } },
  serviceUnavailable: { type: 'status', status: 503, body: { error: { message: 'Service unavailable' } } },
} as const satisfies Record<string, Fault | ((...args: never[]) => Fault)>;
