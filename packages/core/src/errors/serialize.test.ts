import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error';
import { ModelyardError } from './modelyard-error';
import { errorFromJSON } from './serialize';

const transports = [
  ['structuredClone', (value: unknown) => structuredClone(value)],
  ['JSON', (value: unknown) => JSON.parse(JSON.stringify(value))],
] as const;

describe('errorFromJSON', () => {
  it.each(transports)('rebuilds every field of a ModelyardError sent through %s', (_name, send) => {
    const original = new ModelyardError({
      kind: 'rate_limit',
      message: 'slow down',
      retryable: false,
      retryAfterMs: 1500,
      statusCode: 429,
      providerId: 'openrouter',
      modelId: 'meta-llama/llama-3.1-8b-instruct:free',
      cause: new TypeError('upstream 429'),
    });
    const rebuilt = errorFromJSON(send(original.toJSON()));
    expect(ModelyardError.isInstance(rebuilt)).toBe(true);
    expect(rebuilt.toJSON()).toEqual(original.toJSON());
    expect(rebuilt).toMatchObject({
      name: 'ModelyardError',
      kind: 'rate_limit',
      message: 'slow down',
      retryable: false,
      retryAfterMs: 1500,
      statusCode: 429,
      providerId: 'openrouter',
      modelId: 'meta-llama/llama-3.1-8b-instruct:free',
      causeSummary: { name: 'TypeError', message: 'upstream 429' },
    });
    expect(rebuilt.cause).toBeInstanceOf(Error);
    expect((rebuilt.cause as Error).name).toBe('TypeError');
  });

  it.each(transports)('rebuilds a ConfigError with its subject and issues through %s', (_name, send) => {
    const original = new ConfigError('ModelRequirements', [
      { path: 'maxLatencyMs', expected: 'a number ≥ 0', received: '-5' },
    ]);
    const rebuilt = errorFromJSON(send(original.toJSON()));
    expect(ConfigError.isInstance(rebuilt)).toBe(true);
    if (!ConfigError.isInstance(rebuilt)) return;
    expect(rebuilt.subject).toBe('ModelRequirements');
    expect(rebuilt.issues).toEqual([{ path: 'maxLatencyMs', expected: 'a number ≥ 0', received: '-5' }]);
    expect(rebuilt.message).toBe(original.message);
    expect(rebuilt.toJSON()).toEqual(original.toJSON());
  });

  it('keeps the name of a subclass it does not know', () => {
    const rebuilt = errorFromJSON({ name: 'OllamaError', kind: 'not_found', message: 'no such model' });
    expect(rebuilt.name).toBe('OllamaError');
    expect(rebuilt.kind).toBe('not_found');
  });

  it('fills what is missing or malformed with the defaults', () => {
    const rebuilt = errorFromJSON({
      kind: 'timeout',
      message: 'late',
      retryable: 'yes',
      retryAfterMs: Number.NaN,
      statusCode: '504',
      providerId: 7,
      modelId: null,
      cause: { name: 3, message: 'inner' },
    });
    expect(rebuilt.toJSON()).toEqual({
      name: 'ModelyardError',
      kind: 'timeout',
      message: 'late',
      retryable: true,
      retryAfterMs: null,
      statusCode: null,
      providerId: null,
      modelId: null,
      cause: { name: 'Error', message: 'inner' },
    });
  });

  it.each([[{ name: 'NoMessage' }], ['a string cause'], [null]])('drops a cause it cannot read: %j', (cause) => {
    expect(errorFromJSON({ kind: 'unknown', message: 'x', cause }).causeSummary).toBeUndefined();
  });

  it.each([[[{}]], [[null]], [['a string']], [[{ path: 'a', expected: 'b', received: 3 }]], ['not an array']])(
    'reads a ConfigError with the issues %j as a plain error of its kind',
    (issues) => {
      const rebuilt = errorFromJSON({ name: 'ConfigError', kind: 'bad_request', message: 'bad', subject: 's', issues });
      expect(ConfigError.isInstance(rebuilt)).toBe(false);
      expect([rebuilt.name, rebuilt.kind, rebuilt.message]).toEqual(['ConfigError', 'bad_request', 'bad']);
    },
  );

  it.each<[unknown, string]>([
    [null, 'errorFromJSON: expected an object, received null'],
    [undefined, 'errorFromJSON: expected an object, received undefined'],
    ['ModelyardError', 'errorFromJSON: expected an object, received string'],
    [42, 'errorFromJSON: expected an object, received number'],
  ])('throws a TypeError for the non-object %j', (value, message) => {
    expect(() => errorFromJSON(value)).toThrow(new TypeError(message));
  });

  it.each([
    [{ kind: 'network', message: 'x' }],
    [{ kind: 'Timeout', message: 'x' }],
    [{ message: 'x' }],
    [{ kind: 'timeout' }],
    [{ kind: 'timeout', message: 42 }],
  ])('throws a TypeError for an unknown kind or a missing message: %j', (value) => {
    expect(() => errorFromJSON(value)).toThrow(
      new TypeError('errorFromJSON: expected an object with a known `kind` and a string `message`'),
    );
  });

  it('structuredClone of the error itself loses the fields, which is why toJSON exists', () => {
    const cloned = structuredClone(new ModelyardError({ kind: 'rate_limit', message: 'x', statusCode: 429 }));
    expect(ModelyardError.isInstance(cloned)).toBe(false);
    expect((cloned as unknown as Record<string, unknown>).statusCode).toBeUndefined();
  });
});
