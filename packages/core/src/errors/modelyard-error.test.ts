import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { RETRYABLE_BY_KIND } from '../test-support/retryable-by-kind';
import { ConfigError } from './config-error';
import { ERROR_KINDS } from './error-kind';
import { isErrorOfKind, ModelyardError } from './modelyard-error';

describe('ModelyardError', () => {
  it.each(RETRYABLE_BY_KIND)('kind %s is retryable by default: %s', (kind, retryable) => {
    expect(new ModelyardError({ kind, message: 'x' }).retryable).toBe(retryable);
  });

  it('covers every kind in the table above', () => {
    expect(ERROR_KINDS).toHaveLength(11);
  });

  it('takes an explicit retryable over the default of the kind', () => {
    expect(new ModelyardError({ kind: 'rate_limit', message: 'x', retryable: false }).retryable).toBe(false);
    expect(new ModelyardError({ kind: 'bad_request', message: 'x', retryable: true }).retryable).toBe(true);
  });

  it('defaults retryAfterMs, statusCode, providerId and modelId to null', () => {
    const error = new ModelyardError({ kind: 'unknown', message: 'boom' });
    expect(error).toMatchObject({
      name: 'ModelyardError',
      kind: 'unknown',
      message: 'boom',
      retryable: false,
      retryAfterMs: null,
      statusCode: null,
      providerId: null,
      modelId: null,
      causeSummary: undefined,
      cause: undefined,
    });
    expect(error).toBeInstanceOf(Error);
  });

  it('keeps 0 as a retry delay and the identity as given', () => {
    const error = new ModelyardError({
      kind: 'rate_limit',
      message: 'slow down',
      retryAfterMs: 0,
      statusCode: 429,
      providerId: 'openrouter',
      modelId: 'meta-llama/llama-3.1-8b-instruct:free',
    });
    expect([error.retryAfterMs, error.statusCode, error.providerId, error.modelId]).toEqual([
      0,
      429,
      'openrouter',
      'meta-llama/llama-3.1-8b-instruct:free',
    ]);
  });

  it('redacts the secrets it is given and well-known key shapes from the message', () => {
    const error = new ModelyardError({
      kind: 'auth',
      message:
        'key my-own-key-42 refused; sent Bearer abc123xyz to https://x.test/?api_key=abcd1234 with sk-or-v1-0123456789',
      secrets: ['my-own-key-42', undefined, null],
    });
    expect(error.message).toBe(
      'key [REDACTED] refused; sent Bearer [REDACTED] to https://x.test/?api_key=[REDACTED] with [REDACTED]',
    );
  });

  it('does not store the secrets it was given', () => {
    const error = new ModelyardError({ kind: 'auth', message: 'x', secrets: ['my-own-key-42'] });
    expect(JSON.stringify(Object.getOwnPropertyDescriptors(error))).not.toContain('my-own-key-42');
  });

  it('keeps the raw cause, hidden from enumeration, and a redacted summary of it', () => {
    const cause = new TypeError('fetch failed for key my-own-key-42');
    const error = new ModelyardError({ kind: 'unavailable', message: 'down', cause, secrets: ['my-own-key-42'] });
    expect(error.cause).toBe(cause);
    expect(error.causeSummary).toEqual({ name: 'TypeError', message: 'fetch failed for key [REDACTED]' });
    expect(Object.keys(error)).toEqual([
      'kind',
      'retryable',
      'retryAfterMs',
      'statusCode',
      'providerId',
      'modelId',
      'name',
    ]);
  });

  it.each([
    [
      { name: 'HttpError', message: 'teapot' },
      { name: 'HttpError', message: 'teapot' },
    ],
    [{ message: 'nameless' }, { name: 'Error', message: 'nameless' }],
    ['socket hang up', { name: 'string', message: 'socket hang up' }],
    [42, { name: 'number', message: '42' }],
    [null, { name: 'object', message: 'null' }],
  ])('summarises a non-Error cause %j as %j', (cause, summary) => {
    expect(new ModelyardError({ kind: 'unknown', message: 'x', cause }).causeSummary).toEqual(summary);
  });

  describe('toJSON', () => {
    it('writes every field and the cause summary, never the raw cause or a secret', () => {
      const cause = Object.assign(new Error('upstream said Bearer abc123xyz for my-own-key-42'), {
        config: { headers: { authorization: 'my-own-key-42' } },
      });
      const error = new ModelyardError({
        kind: 'rate_limit',
        message: 'slow down, my-own-key-42',
        retryAfterMs: 2000,
        statusCode: 429,
        providerId: 'openrouter',
        modelId: 'meta-llama/llama-3.1-8b-instruct:free',
        cause,
        secrets: ['my-own-key-42'],
      });
      expect(error.toJSON()).toEqual({
        name: 'ModelyardError',
        kind: 'rate_limit',
        message: 'slow down, [REDACTED]',
        retryable: true,
        retryAfterMs: 2000,
        statusCode: 429,
        providerId: 'openrouter',
        modelId: 'meta-llama/llama-3.1-8b-instruct:free',
        cause: { name: 'Error', message: 'upstream said Bearer [REDACTED] for [REDACTED]' },
      });
      expect(JSON.stringify(error)).toBe(JSON.stringify(error.toJSON()));
      expect(JSON.stringify(error)).not.toContain('my-own-key-42');
      expect(JSON.stringify(error)).not.toContain('abc123xyz');
    });

    it('leaves out the cause when there is none', () => {
      expect(new ModelyardError({ kind: 'timeout', message: 'late' }).toJSON()).not.toHaveProperty('cause');
    });
  });

  describe('util.inspect', () => {
    it('shows the redacted message, the fields and the cause summary, no secret', () => {
      const cause = Object.assign(new Error('upstream said my-own-key-42'), { apiKey: 'my-own-key-42' });
      const error = new ModelyardError({
        kind: 'auth',
        message: 'refused my-own-key-42',
        statusCode: 401,
        providerId: 'openrouter',
        cause,
        secrets: ['my-own-key-42'],
      });
      const shown = inspect(error, { depth: 10 });
      expect(shown).not.toContain('my-own-key-42');
      expect(shown.split('\n')[0]).toBe('ModelyardError: refused [REDACTED]');
      expect(shown).toContain(
        '\n  {"kind":"auth","retryable":false,"retryAfterMs":null,"statusCode":401,"providerId":"openrouter","modelId":null}',
      );
      expect(shown.endsWith('\n  [cause]: Error: upstream said [REDACTED]')).toBe(true);
    });

    it('falls back to name and message when the stack is gone', () => {
      const error = new ModelyardError({ kind: 'timeout', message: 'late' });
      Object.defineProperty(error, 'stack', { value: undefined });
      expect(inspect(error)).toBe(
        'ModelyardError: late\n  {"kind":"timeout","retryable":true,"retryAfterMs":null,"statusCode":null,"providerId":null,"modelId":null}',
      );
    });

    it('has no cause line without a cause', () => {
      expect(inspect(new ModelyardError({ kind: 'timeout', message: 'late' }))).not.toContain('[cause]');
    });
  });

  describe('isInstance', () => {
    it('recognises errors of this class and its subclasses', () => {
      expect(ModelyardError.isInstance(new ModelyardError({ kind: 'unknown', message: 'x' }))).toBe(true);
      expect(ModelyardError.isInstance(new ConfigError('thing', []))).toBe(true);
    });

    it('recognises a ModelyardError of another install by its Symbol.for marker', () => {
      // A second copy of @modelyard/core has its own class but the same global symbol.
      class DuplicateInstallError extends Error {
        readonly kind = 'timeout';
        constructor() {
          super('from the other copy');
          Object.defineProperty(this, Symbol.for('@modelyard/core.error'), { value: true });
        }
      }
      const foreign = new DuplicateInstallError();
      expect(foreign instanceof ModelyardError).toBe(false);
      expect(ModelyardError.isInstance(foreign)).toBe(true);
      expect(isErrorOfKind(foreign, 'timeout')).toBe(true);
      expect(ModelyardError.isInstance({ [Symbol.for('@modelyard/core.error')]: true })).toBe(true);
    });

    it.each([
      ['a plain Error', new Error('x')],
      ['an object with a kind', { kind: 'timeout', message: 'x' }],
      ['an object with a look-alike local symbol', { [Symbol('@modelyard/core.error')]: true }],
      ['null', null],
      ['undefined', undefined],
      ['a string', 'ModelyardError'],
      ['a number', 42],
    ])('is false for %s', (_label, value) => {
      expect(ModelyardError.isInstance(value)).toBe(false);
    });
  });

  describe('isErrorOfKind', () => {
    it('checks the marker and the kind', () => {
      const error = new ModelyardError({ kind: 'rate_limit', message: 'x' });
      expect(isErrorOfKind(error, 'rate_limit')).toBe(true);
      expect(isErrorOfKind(error, 'timeout')).toBe(false);
      expect(isErrorOfKind({ kind: 'rate_limit' }, 'rate_limit')).toBe(false);
      expect(isErrorOfKind(null, 'rate_limit')).toBe(false);
    });
  });
});

describe('ModelyardError own properties', () => {
  it('keeps the raw cause reachable but out of enumeration and spreading', () => {
    const cause = new Error('socket hang up');
    const error = new ModelyardError({ kind: 'unavailable', message: 'down', cause });
    expect(error.cause).toBe(cause);
    expect(Object.keys(error)).not.toContain('cause');
    expect(Object.keys(error)).not.toContain('causeSummary');
    expect({ ...error }).not.toHaveProperty('cause');
  });

  it('is not recognised once spread into a plain object (the marker is not enumerable)', () => {
    const error = new ModelyardError({ kind: 'timeout', message: 'slow' });
    expect(ModelyardError.isInstance({ ...error })).toBe(false);
    const configError = new ConfigError('settings', [{ path: 'x', expected: 'a number', received: '"a"' }]);
    expect(ConfigError.isInstance({ ...configError })).toBe(false);
  });

  it('requires the marker to be true, not merely present', () => {
    expect(ModelyardError.isInstance({ [Symbol.for('@modelyard/core.error')]: false })).toBe(false);
    expect(ModelyardError.isInstance({ [Symbol.for('@modelyard/core.error')]: true })).toBe(true);
    expect(ConfigError.isInstance({ [Symbol.for('@modelyard/core.config-error')]: 1 })).toBe(false);
  });
});
