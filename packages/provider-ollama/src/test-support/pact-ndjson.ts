import { MatchersV3, type PactV4 } from '@pact-foundation/pact';

// Pact does not export its V4 response builder type; this is the one willRespondWith() hands over.
type Responding = ReturnType<ReturnType<PactV4['addInteraction']>['withRequest']>['willRespondWith'];
type V4ResponseBuilder = Parameters<NonNullable<Parameters<Responding>[1]>>[0];

// The V4 builder offers non-JSON bodies only as binary; the interaction underneath takes a text
// body with its content type, matched below by a regex.
interface TextBodyInteraction {
  withResponseBody(body: string, contentType: string): void;
}

/** NDJSON lines as a body: one JSON object per line. */
export function ndjson(lines: readonly unknown[]): string {
  return lines.map((line) => `${JSON.stringify(line)}\n`).join('');
}

/**
 * An `application/x-ndjson` response body, matched by `pattern` (what our stream reader needs to
 * see: typically, a last line that ends the stream). The verifier's regex engine is Oniguruma:
 * no flags, no lookarounds.
 */
export function ndjsonBody(builder: V4ResponseBuilder, example: string, pattern: string): void {
  (builder as unknown as { interaction: TextBodyInteraction }).interaction.withResponseBody(
    example,
    'application/x-ndjson',
  );
  builder.matchingRules({ body: [{ path: '$', rules: [MatchersV3.regex(pattern, example)] }] });
}
