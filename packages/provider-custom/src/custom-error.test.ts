import { inspect } from 'node:util';
import { ModelyardError } from '@modelyard/core';
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { describe, expect, it } from 'vitest';
import { classifyCustomError, customErrorKind, customHttpError } from './custom-error';

const NOW = Date.parse('2026-01-01T00:00:00Z');
const KEY = 'sk-local-0123456789abcdef';
const context = { providerId: 'my-vllm', modelId: 'qwen', secrets: [KEY], nowMs: NOW };

function httpError(status: number, body: unknown, headers: Record<string, string> = {}) {
  return APIError.generate(status, body as object, undefined, new Headers(headers));
}

describe('customErrorKind', () => {
  it.each([
    [400, 'bad_request'],
    [401, 'auth'],
    [403, 'auth'],
    [404, 'not_found'],
    [408, 'timeout'],
    [413, 'context_length'],
    [422, 'bad_request'],
    [429, 'rate_limit'],
    [500, 'unavailable'],
    [503, 'unavailable'],
    [504, 'timeout'],
  ] as const)('%i → %s', (status, kind) => {
    expect(customErrorKind(status, { message: 'failed' })).toBe(kind);
  });

  it.each([
    [{ code: 'context_length_exceeded', message: 'x' }],
    [{ type: 'exceed_context_size_error', code: 400 }],
    [{ message: "This model's maximum context length is 4096 tokens. However, you requested 5000 tokens" }],
    [{ message: 'the request exceeds the available context size, try increasing it' }],
  ])('reads a 400 about an over-long prompt (%j) as context_length', (body) => {
    expect(customErrorKind(400, body)).toBe('context_length');
  });

  it('leaves other 400s alone, reads long-prompt words on a 400 only, and falls back to unknown', () => {
    expect(customErrorKind(400, { code: 'invalid_value', type: 'invalid_request_error', message: 'bad top_p' })).toBe(
      'bad_request',
    );
    expect(customErrorKind(400, undefined)).toBe('bad_request');
    expect(customErrorKind(422, { code: 'context_length_exceeded' })).toBe('bad_request');
    expect(customErrorKind(200, undefined)).toBe('unknown');
  });
});

describe('customHttpError', () => {
  it('names the server by its provider id, with the body message', () => {
    const error = customHttpError(503, { error: { message: 'Overloaded' } }, undefined, context);
    expect(error).toMatchObject({
      kind: 'unavailable',
      statusCode: 503,
      retryable: true,
      providerId: 'my-vllm',
      modelId: 'qwen',
    });
    expect(error.message).toBe('my-vllm answered 503 (Overloaded)');
    expect(customHttpError(500, 'text body', undefined, context).message).toBe('my-vllm answered 500');
    expect(customHttpError(500, { message: 'flat' }, undefined, context).message).toBe('my-vllm answered 500 (flat)');
    expect(customHttpError(500, { error: null, message: 'flat' }, undefined, context).message).toBe(
      'my-vllm answered 500 (flat)',
    );
    expect(customHttpError(500, { message: '' }, undefined, { ...context, modelId: undefined })).toMatchObject({
      message: 'my-vllm answered 500',
      modelId: null,
    });
  });

  it('reads Retry-After in seconds or as a date, and retry-after-ms', () => {
    expect(customHttpError(429, {}, new Headers({ 'retry-after': '2' }), context).retryAfterMs).toBe(2000);
    expect(
      customHttpError(503, {}, new Headers({ 'retry-after': 'Thu, 01 Jan 2026 00:01:00 GMT' }), context).retryAfterMs,
    ).toBe(60_000);
    expect(customHttpError(429, {}, new Headers({ 'retry-after-ms': '250' }), context).retryAfterMs).toBe(250);
    expect(customHttpError(429, {}, new Headers({}), context).retryAfterMs).toBeNull();
    expect(customHttpError(429, {}, undefined, context).retryAfterMs).toBeNull();
  });
});

describe('classifyCustomError', () => {
  it('returns a ModelyardError as it is', () => {
    const original = new ModelyardError({ kind: 'not_found', message: 'gone' });
    expect(classifyCustomError(original, context)).toBe(original);
  });

  it('reads HTTP errors of the openai client', () => {
    expect(
      classifyCustomError(httpError(429, { error: { message: 'busy' } }, { 'retry-after': '1' }), context),
    ).toMatchObject({
      kind: 'rate_limit',
      retryAfterMs: 1000,
      message: 'my-vllm answered 429 (busy)',
    });
    const context400 = httpError(400, { error: { message: 'too long', code: 'context_length_exceeded' } });
    expect(classifyCustomError(context400, context).kind).toBe('context_length');
  });

  it('reads aborts, timeouts and connection failures', () => {
    expect(classifyCustomError(new APIUserAbortError(), context)).toMatchObject({
      kind: 'aborted',
      message: 'The call to my-vllm was aborted',
    });
    expect(classifyCustomError(httpError(500, {}), { ...context, signal: AbortSignal.abort() }).kind).toBe('aborted');
    expect(classifyCustomError(new APIConnectionTimeoutError(), context)).toMatchObject({
      kind: 'timeout',
      message: 'my-vllm did not answer in time',
    });
    const refused = new TypeError('fetch failed', {
      cause: Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }),
    });
    expect(classifyCustomError(new APIConnectionError({ cause: refused }), context)).toMatchObject({
      kind: 'unavailable',
      message: 'my-vllm: Cannot reach the server (ECONNREFUSED): fetch failed',
    });
    const slow = Object.assign(new Error('slow'), { code: 'UND_ERR_HEADERS_TIMEOUT' });
    expect(classifyCustomError(new APIConnectionError({ cause: slow }), context).kind).toBe('timeout');
    expect(classifyCustomError(new APIConnectionError({ cause: new Error('odd') }), context).kind).toBe('unavailable');
  });

  it('reads error events inside a stream', () => {
    const withCode = new APIError(undefined, { code: 503, message: 'engine dead' }, undefined, undefined);
    expect(classifyCustomError(withCode, context)).toMatchObject({ kind: 'unavailable', statusCode: 503 });
    const withoutCode = new APIError(undefined, { message: 'engine dead' }, undefined, undefined);
    expect(classifyCustomError(withoutCode, context)).toMatchObject({
      kind: 'unavailable',
      statusCode: null,
      message: 'my-vllm reported an error during the stream: engine dead',
    });
    const invalid = new APIError(undefined, { code: 400, message: 'bad' }, undefined, undefined);
    expect(classifyCustomError(invalid, context)).toMatchObject({ kind: 'bad_request', statusCode: 400 });
    const low = new APIError(undefined, { code: 399, message: 'odd' }, undefined, undefined);
    expect(classifyCustomError(low, context)).toMatchObject({ kind: 'unavailable', statusCode: null });
    const okCode = new APIError(undefined, { code: 200 }, 'raw', undefined);
    expect(classifyCustomError(okCode, context).message).toBe(
      'my-vllm reported an error during the stream: {"code":200}',
    );
  });

  it('reads non-JSON as invalid_response, and leaves the rest to core', () => {
    expect(classifyCustomError(new SyntaxError('Unexpected end of JSON input'), context)).toMatchObject({
      kind: 'invalid_response',
      message: 'my-vllm sent a body that is not JSON: Unexpected end of JSON input',
    });
    const cut = new TypeError('terminated', { cause: Object.assign(new Error('closed'), { code: 'UND_ERR_SOCKET' }) });
    expect(classifyCustomError(cut, context).kind).toBe('unavailable');
    expect(classifyCustomError(new RangeError('a bug'), context).kind).toBe('unknown');
  });

  it('never lets the API key through, even when the server echoes it', () => {
    const error = classifyCustomError(
      httpError(401, { error: { message: `Incorrect API key provided: ${KEY}` } }),
      context,
    );
    for (const rendering of [error.message, JSON.stringify(error), inspect(error), String(error.stack)]) {
      expect(rendering).not.toContain(KEY);
    }
  });
});
