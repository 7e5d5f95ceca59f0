import { describe, expect, it } from 'vitest';
import { isAbortError, parseRetryAfter, toModelyardError } from './classify';
import { ConfigError } from './config-error';
import { ModelyardError } from './modelyard-error';

function withCode(code: string, message = `connect ${code} 127.0.0.1:11434`) {
  return Object.assign(new Error(message), { code });
}

describe('isAbortError', () => {
  it('is true for what an aborted signal throws, false otherwise', () => {
    const controller = new AbortController();
    controller.abort();
    expect(isAbortError(controller.signal.reason)).toBe(true);
    expect(isAbortError({ name: 'AbortError' })).toBe(true);
    expect(isAbortError(new Error('AbortError'))).toBe(false);
    expect(isAbortError(null)).toBe(false);
    expect(isAbortError('AbortError')).toBe(false);
  });
});

describe('toModelyardError', () => {
  it('returns a Modelyard error as the same object', () => {
    const error = new ModelyardError({ kind: 'rate_limit', message: 'x' });
    expect(toModelyardError(error, { providerId: 'other' })).toBe(error);
    const configError = new ConfigError('thing', []);
    expect(toModelyardError(configError)).toBe(configError);
  });

  it('aborted: the AbortError of an aborted signal', () => {
    const controller = new AbortController();
    controller.abort();
    const error = toModelyardError(controller.signal.reason, { providerId: 'ollama', modelId: 'llama3.1:8b' });
    expect(error.toJSON()).toEqual({
      name: 'ModelyardError',
      kind: 'aborted',
      message: 'The operation was aborted',
      retryable: false,
      retryAfterMs: null,
      statusCode: null,
      providerId: 'ollama',
      modelId: 'llama3.1:8b',
      cause: { name: 'AbortError', message: 'This operation was aborted' },
    });
    expect(error.cause).toBe(controller.signal.reason);
  });

  it('timeout: the TimeoutError of AbortSignal.timeout', () => {
    const error = toModelyardError(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
    expect([error.kind, error.retryable, error.message]).toEqual([
      'timeout',
      true,
      'Timed out: The operation was aborted due to timeout',
    ]);
  });

  it.each([
    ['ECONNREFUSED', 'unavailable', 'Cannot reach the server (ECONNREFUSED): connect ECONNREFUSED 127.0.0.1:11434'],
    ['ECONNRESET', 'unavailable', 'Cannot reach the server (ECONNRESET): connect ECONNRESET 127.0.0.1:11434'],
    ['ENOTFOUND', 'unavailable', 'Cannot reach the server (ENOTFOUND): connect ENOTFOUND 127.0.0.1:11434'],
    ['EAI_AGAIN', 'unavailable', 'Cannot reach the server (EAI_AGAIN): connect EAI_AGAIN 127.0.0.1:11434'],
    [
      'UND_ERR_SOCKET',
      'unavailable',
      'Cannot reach the server (UND_ERR_SOCKET): connect UND_ERR_SOCKET 127.0.0.1:11434',
    ],
    ['ETIMEDOUT', 'timeout', 'Timed out (ETIMEDOUT): connect ETIMEDOUT 127.0.0.1:11434'],
    [
      'UND_ERR_HEADERS_TIMEOUT',
      'timeout',
      'Timed out (UND_ERR_HEADERS_TIMEOUT): connect UND_ERR_HEADERS_TIMEOUT 127.0.0.1:11434',
    ],
  ])('%s directly on the error → %s', (code, kind, message) => {
    const error = toModelyardError(withCode(code));
    expect([error.kind, error.message, error.statusCode]).toEqual([kind, message, null]);
  });

  it('finds a connection code nested in `cause` (what fetch throws)', () => {
    const thrown = new TypeError('fetch failed', { cause: withCode('ECONNREFUSED') });
    const error = toModelyardError(thrown, { providerId: 'ollama' });
    expect([error.kind, error.retryable, error.providerId]).toEqual(['unavailable', true, 'ollama']);
    expect(error.message).toBe('Cannot reach the server (ECONNREFUSED): fetch failed');
  });

  it("finds a connection code inside an AggregateError's `errors`", () => {
    const thrown = new TypeError('fetch failed', {
      cause: new AggregateError([new Error('no code here'), withCode('ECONNREFUSED')], 'all attempts failed'),
    });
    expect(toModelyardError(thrown).kind).toBe('unavailable');
  });

  it('stops looking after a few levels of nesting', () => {
    let deep: unknown = withCode('ECONNREFUSED');
    for (let level = 0; level < 6; level++) deep = { cause: deep };
    expect(toModelyardError(deep).kind).toBe('unknown');
  });

  it('an unknown code is not a connection failure', () => {
    expect(toModelyardError(withCode('ERR_SOMETHING', 'odd')).kind).toBe('unknown');
  });

  it.each([
    [429, 'rate_limit', true],
    [401, 'auth', false],
    [404, 'not_found', false],
    [503, 'unavailable', true],
    [400, 'bad_request', false],
  ])('an object with status %i → %s with the status code', (status, kind, retryable) => {
    const error = toModelyardError(Object.assign(new Error('HTTP failure'), { status }));
    expect([error.kind, error.retryable, error.statusCode, error.message]).toEqual([
      kind,
      retryable,
      status,
      'HTTP failure',
    ]);
  });

  it('reads the message of a plain `{ status, message }` object', () => {
    const error = toModelyardError({ status: 429, message: 'slow down' }, { modelId: 'gpt-x' });
    expect(error.toJSON()).toMatchObject({
      kind: 'rate_limit',
      statusCode: 429,
      message: 'slow down',
      modelId: 'gpt-x',
    });
  });

  it('ignores a status that is not an error or not a number', () => {
    expect(toModelyardError({ status: 429 }).toJSON()).toMatchObject({
      kind: 'rate_limit',
      message: '[object Object]',
    });
    expect(toModelyardError({ status: 200 }).kind).toBe('unknown');
    expect(toModelyardError({ status: '429' }).kind).toBe('unknown');
  });

  it.each([
    [new Error('weird'), 'weird'],
    ['a thrown string', 'a thrown string'],
    [42, '42'],
    [undefined, 'undefined'],
    [null, 'null'],
    [{ code: 42 }, '[object Object]'],
  ])('anything else is unknown: %j', (value, message) => {
    const error = toModelyardError(value);
    expect([error.kind, error.retryable, error.message]).toEqual(['unknown', false, message]);
  });

  it('redacts the given secrets and known key shapes from the message and the cause', () => {
    const thrown = new Error('401 for key my-own-key-42 (Bearer abc123xyz)');
    const error = toModelyardError(Object.assign(thrown, { status: 401 }), { secrets: ['my-own-key-42'] });
    expect(error.message).toBe('401 for key [REDACTED] (Bearer [REDACTED])');
    expect(JSON.stringify(error)).not.toMatch(/my-own-key-42|abc123xyz/);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.UTC(2015, 9, 21, 7, 28, 0);

  it.each<[string | null | undefined, number | null]>([
    ['2', 2000],
    ['0', 0],
    ['1.5', 1500],
    [' 120 ', 120_000],
    ['0.0004', 0],
    ['Wed, 21 Oct 2015 07:28:30 GMT', 30_000],
    ['Wednesday, 21-Oct-15 07:29:00 GMT', 60_000],
    ['Wed Oct 21 07:28:05 2015', 5_000],
    ['Wed, 21 Oct 2015 07:27:00 GMT', 0],
    ['Wed, 21 Oct 2015 07:28:00 GMT', 0],
    ['', null],
    ['   ', null],
    [null, null],
    [undefined, null],
    ['soon', null],
    ['soon 5', null],
    ['-1', null],
    ['+2', null],
    ['1e3', null],
    ['2.', null],
    ['.5', null],
    ['5s', null],
    ['2015-10-21T07:28:30Z', null],
    ['Wed, 99 Foo 2015 07:28:30 GMT', null],
  ])('%j → %j', (header, expected) => {
    expect(parseRetryAfter(header, now)).toBe(expected);
  });

  it("defaults `now` to the system clock's", () => {
    expect(parseRetryAfter('Thu, 01 Jan 1970 00:00:01 GMT')).toBe(0);
    expect(parseRetryAfter('3')).toBe(3000);
  });

  it("reads OpenAI-style `retry-after-ms` values with unit 'ms'", () => {
    expect(parseRetryAfter('250', now, 'ms')).toBe(250);
    expect(parseRetryAfter('1.6', now, 'ms')).toBe(2);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:30 GMT', now, 'ms')).toBeNull();
    expect(parseRetryAfter('', now, 'ms')).toBeNull();
  });
});
