import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { errorKindArbitrary, modelIdArbitrary, providerIdArbitrary } from '../test-support/arbitraries';
import { ConfigError } from './config-error';
import { ModelyardError, type ModelyardErrorOptions } from './modelyard-error';
import { REDACTED } from './redact';
import { errorFromJSON } from './serialize';

const errorOptionsArbitrary: fc.Arbitrary<ModelyardErrorOptions> = fc.record(
  {
    kind: errorKindArbitrary,
    message: fc.string(),
    retryable: fc.boolean(),
    retryAfterMs: fc.option(fc.nat(), { nil: null }),
    statusCode: fc.option(fc.integer({ min: 100, max: 599 }), { nil: null }),
    providerId: fc.option(providerIdArbitrary, { nil: null }),
    modelId: fc.option(modelIdArbitrary, { nil: null }),
    cause: fc.oneof(
      fc.string().map((message) => new Error(message)),
      fc.record({ name: fc.string(), message: fc.string() }),
      fc.string(),
    ),
  },
  { requiredKeys: ['kind', 'message'] },
);

const configErrorArbitrary = fc
  .tuple(
    fc.string(),
    fc.array(fc.record({ path: fc.string(), expected: fc.string(), received: fc.string() }), { maxLength: 3 }),
  )
  .map(([subject, issues]) => new ConfigError(subject, issues));

const errorArbitrary = fc.oneof(
  errorOptionsArbitrary.map((options) => new ModelyardError(options)),
  configErrorArbitrary,
);

// What a key looks like: long enough to be redacted, from the characters keys use.
const secretArbitrary = fc.stringMatching(/^[A-Za-z0-9_-]{8,40}$/).filter((secret) => !REDACTED.includes(secret));

function comparable(error: ModelyardError) {
  return {
    name: error.name,
    kind: error.kind,
    message: error.message,
    retryable: error.retryable,
    retryAfterMs: error.retryAfterMs,
    statusCode: error.statusCode,
    providerId: error.providerId,
    modelId: error.modelId,
    causeSummary: error.causeSummary,
    subject: ConfigError.isInstance(error) ? error.subject : undefined,
    issues: ConfigError.isInstance(error) ? error.issues : undefined,
  };
}

describe('errorFromJSON (properties)', () => {
  it('an error survives toJSON → structuredClone → errorFromJSON', () => {
    fc.assert(
      fc.property(errorArbitrary, (error) => {
        const rebuilt = errorFromJSON(structuredClone(error.toJSON()));
        expect(comparable(rebuilt)).toEqual(comparable(error));
        expect(ConfigError.isInstance(rebuilt)).toBe(ConfigError.isInstance(error));
      }),
    );
  });

  it('an error survives JSON.stringify → JSON.parse → errorFromJSON', () => {
    fc.assert(
      fc.property(errorArbitrary, (error) => {
        const rebuilt = errorFromJSON(JSON.parse(JSON.stringify(error)));
        expect(comparable(rebuilt)).toEqual(comparable(error));
      }),
    );
  });
});

describe('secret redaction (properties)', () => {
  it('a secret passed in `secrets` appears in neither the message nor the JSON, wherever it was', () => {
    fc.assert(
      fc.property(
        errorOptionsArbitrary,
        secretArbitrary,
        fc.tuple(fc.string(), fc.string(), fc.string(), fc.string()),
        fc.array(fc.option(fc.string(), { nil: undefined }), { maxLength: 3 }),
        (options, secret, [before, after, causeBefore, causeAfter], otherSecrets) => {
          // Identity and kind are not redacted: a secret that happens to spell one of them is not
          // a leak of this test's making.
          const withoutSecret = JSON.stringify(new ModelyardError({ ...options, message: '', cause: undefined }));
          fc.pre(!withoutSecret.includes(secret));
          const error = new ModelyardError({
            ...options,
            message: `${before}${secret}${after}`,
            cause: new Error(`${causeBefore}${secret}${causeAfter}`),
            secrets: [...otherSecrets, secret],
          });
          expect(error.message).not.toContain(secret);
          expect(JSON.stringify(error)).not.toContain(secret);
          expect(JSON.stringify(errorFromJSON(JSON.parse(JSON.stringify(error))))).not.toContain(secret);
        },
      ),
    );
  });
});
