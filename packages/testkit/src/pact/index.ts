// `@modelyard/testkit/pact`: helpers for Pact consumer tests of providers (needs
// `@pact-foundation/pact`, an optional peer dependency of the testkit).
export {
  eventStreamBody,
  ndjson,
  ndjsonBody,
  OPENAI_STREAM_PATTERN,
  sseEvent,
  textResponseBody,
  type V4ResponseBuilder,
} from './text-bodies';
