// Pact helpers for response bodies that are not JSON: Server-Sent Events (the OpenAI-compatible
// streams) and NDJSON (Ollama's streams). Pact's V4 builder offers such bodies only as binary
// (base64, matched by a sniffed content type that reads SSE as text/plain); the interaction under
// the builder takes a plain text body with its content type, which a regex rule then matches.
// The verifier's regex engine is Oniguruma: patterns use no flags and no lookarounds.
import { MatchersV3, type PactV4 } from '@pact-foundation/pact';

// Pact does not export its V4 response builder type; this is the one willRespondWith() hands over.
type Responding = ReturnType<ReturnType<PactV4['addInteraction']>['withRequest']>['willRespondWith'];
/** The builder `willRespondWith(status, (builder) => …)` hands over. */
export type V4ResponseBuilder = Parameters<NonNullable<Parameters<Responding>[1]>>[0];

interface TextBodyInteraction {
  withResponseBody(body: string, contentType: string): void;
}

/**
 * A text response body of `contentType`, `example` as the example, matched by `pattern` over the
 * whole body (say what your reader needs to see, not every byte).
 */
export function textResponseBody(
  builder: V4ResponseBuilder,
  example: string,
  contentType: string,
  pattern: string,
): void {
  (builder as unknown as { interaction: TextBodyInteraction }).interaction.withResponseBody(example, contentType);
  builder.matchingRules({ body: [{ path: '$', rules: [MatchersV3.regex(pattern, example)] }] });
}

/**
 * What an OpenAI-compatible stream must hold for a reader to see a complete answer: a chunk with a
 * finish reason, and `data: [DONE]` at the end.
 */
export const OPENAI_STREAM_PATTERN = '^[\\s\\S]*"finish_reason":"(stop|length)"[\\s\\S]*data: \\[DONE\\]\\s*$';

/** A `text/event-stream` body matched by `pattern` (default {@link OPENAI_STREAM_PATTERN}). */
export function eventStreamBody(builder: V4ResponseBuilder, example: string, pattern = OPENAI_STREAM_PATTERN): void {
  textResponseBody(builder, example, 'text/event-stream', pattern);
}

/** An `application/x-ndjson` body matched by `pattern`. */
export function ndjsonBody(builder: V4ResponseBuilder, example: string, pattern: string): void {
  textResponseBody(builder, example, 'application/x-ndjson', pattern);
}

/** One SSE event carrying `chunk` as JSON. */
export function sseEvent(chunk: unknown): string {
  return `data: ${JSON.stringify(chunk)}\n\n`;
}

/** NDJSON lines: one JSON object per line. */
export function ndjson(lines: readonly unknown[]): string {
  return lines.map((line) => `${JSON.stringify(line)}\n`).join('');
}
