import { MatchersV3, type PactV4 } from '@pact-foundation/pact';

// Pact does not export its V4 response builder type; this is the one willRespondWith() hands over.
type Responding = ReturnType<ReturnType<PactV4['addInteraction']>['withRequest']>['willRespondWith'];
type V4ResponseBuilder = Parameters<NonNullable<Parameters<Responding>[1]>>[0];

// Pact's V4 builder offers text bodies only as binary (base64, matched by sniffed content type,
// which reads SSE as text/plain). The interaction underneath takes a plain text body with its
// content type, which Pact then matches with the regex below.
interface TextBodyInteraction {
  withResponseBody(body: string, contentType: string): void;
}

/**
 * A `text/event-stream` response body matched loosely: any events, as long as a chunk carries a
 * finish reason and the stream ends with `data: [DONE]` (what our stream reader needs to see a
 * complete answer). The regex avoids flags and lookarounds: the verifier's engine is Oniguruma.
 */
export function eventStreamBody(builder: V4ResponseBuilder, example: string): void {
  (builder as unknown as { interaction: TextBodyInteraction }).interaction.withResponseBody(
    example,
    'text/event-stream',
  );
  builder.matchingRules({
    body: [
      {
        path: '$',
        rules: [MatchersV3.regex('^[\\s\\S]*"finish_reason":"(stop|length)"[\\s\\S]*data: \\[DONE\\]\\s*$', example)],
      },
    ],
  });
}

/** One SSE event carrying `chunk` as JSON. */
export function sseEvent(chunk: unknown): string {
  return `data: ${JSON.stringify(chunk)}\n\n`;
}
