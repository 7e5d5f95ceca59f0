import { inspect } from 'node:util';
import { ModelyardError } from '@modelyard/core';
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { describe, expect, it } from 'vitest';
import { classifyOpenRouterError, openRouterErrorKind, openRouterHttpError } from './openrouter-error';

const NOW = Date.parse('2026-01-01T00:00:00Z');
const KEY = 'sk-or-v1-0123456789abcdef';
const context = { providerId: 'openrouter', modelId: 'vendor/model', secrets: [KEY], nowMs: NOW };

function httpError(status: number, body: unknown, headers: Record<string, string> = {}) {
  return APIError.generate(status, body as object, undefined, new Headers(headers));
}

describe('openRouterErrorKind', () => {
  it.each([
    [400, 'bad_request'],
    [401, 'auth'],
    [402, 'auth'],
    [403, 'auth'],
    [404, 'not_found'],
    [408, 'timeout'],
    [413, 'context_length'],
    [422, 'bad_request'],
    [429, 'rate_limit'],
    [500, 'unavailable'],
    [502, 'unavailable'],
    [503, 'unavailable'],
    [504, 'timeout'],
  ] as const)('%i → %s', (status, kind) => {
    expect(openRouterErrorKind(status, { message: 'something went wrong' })).toBe(kind);
  });

  it('reads a 403 with moderation metadata as content_filter', () => {
    const moderation = {
      code: 403,
      message: 'Input flagged',
      metadata: { reasons: ['harassment'], flagged_input: 'x' },
    };
    expect(openRouterErrorKind(403, moderation)).toBe('content_filter');
    expect(openRouterErrorKind(403, { metadata: { flagged_input: 'x' } })).toBe('content_filter');
    expect(openRouterErrorKind(403, { metadata: { provider_name: 'x' } })).toBe('auth');
    expect(openRouterErrorKind(403, { metadata: null })).toBe('auth');
    expect(openRouterErrorKind(403, undefined)).toBe('auth');
  });

  it('reads moderation metadata on a 403 only', () => {
    expect(openRouterErrorKind(400, { metadata: { reasons: ['x'] } })).toBe('bad_request');
  });

  it.each([
    [{ code: 'context_length_exceeded' }],
    [{ type: 'exceed_context_size_error' }],
    [{ message: "This model's maximum context length is 8192 tokens. However, you requested 9000 tokens." }],
    [{ message: 'Prompt too long: context length exceeded' }],
    [{ message: 'Input is longer than the context window' }],
    [{ message: 'the request exceeds the available context size, try increasing it' }],
  ])('reads a 400 that says the prompt is too long (%j) as context_length', (body) => {
    expect(openRouterErrorKind(400, body)).toBe('context_length');
  });

  it('leaves other 400s, and long-prompt words on other statuses, alone', () => {
    expect(openRouterErrorKind(400, { code: 'invalid_request', message: 'temperature must be ≥ 0' })).toBe(
      'bad_request',
    );
    expect(openRouterErrorKind(400, undefined)).toBe('bad_request');
    expect(openRouterErrorKind(500, { message: 'maximum context length' })).toBe('unavailable');
  });

  it('falls back to unknown below 400', () => {
    expect(openRouterErrorKind(302, undefined)).toBe('unknown');
  });
});

describe('openRouterHttpError', () => {
  it('says 402 is a lack of credits, not retryable', () => {
    const error = openRouterHttpError(
      402,
      { error: { code: 402, message: 'Insufficient credits' } },
      undefined,
      context,
    );
    expect(error.kind).toBe('auth');
    expect(error.retryable).toBe(false);
    expect(error.statusCode).toBe(402);
    expect(error.message).toBe(
      'OpenRouter answered 402 (insufficient credits: add credits or use a free model: Insufficient credits)',
    );
  });

  it('says what 403 and 408 mean, and adds no empty detail', () => {
    expect(openRouterHttpError(403, {}, undefined, context).message).toBe('OpenRouter answered 403 (forbidden)');
    expect(openRouterHttpError(408, {}, undefined, context).message).toBe(
      'OpenRouter answered 408 (the request timed out on OpenRouter)',
    );
    expect(openRouterHttpError(401, { message: '' }, undefined, context).message).toBe(
      'OpenRouter answered 401 (the API key was rejected)',
    );
    expect(openRouterHttpError(500, { message: 'down' }, undefined, context).message).toBe(
      'OpenRouter answered 500 (down)',
    );
    expect(openRouterHttpError(500, { error: null, message: 'flat' }, undefined, context).message).toBe(
      'OpenRouter answered 500 (flat)',
    );
  });

  it('reads the body whether or not it is wrapped in { error }', () => {
    expect(openRouterHttpError(401, { message: 'No auth' }, undefined, context).message).toBe(
      'OpenRouter answered 401 (the API key was rejected: No auth)',
    );
    expect(openRouterHttpError(418, 'not an object', undefined, context).message).toBe('OpenRouter answered 418');
  });

  it('names moderation in a 403 content_filter error', () => {
    const error = openRouterHttpError(
      403,
      { message: 'Flagged', metadata: { reasons: ['violence'] } },
      undefined,
      context,
    );
    expect(error.kind).toBe('content_filter');
    expect(error.message).toBe('OpenRouter answered 403 (the input was flagged by moderation: Flagged)');
  });

  it('reads Retry-After in seconds or as a date, and retry-after-ms', () => {
    const inSeconds = openRouterHttpError(429, {}, new Headers({ 'retry-after': '2' }), context);
    expect(inSeconds).toMatchObject({ kind: 'rate_limit', retryable: true, retryAfterMs: 2000 });
    const asDate = openRouterHttpError(
      503,
      {},
      new Headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:30 GMT' }),
      context,
    );
    expect(asDate).toMatchObject({ kind: 'unavailable', retryAfterMs: 30_000 });
    const inMs = openRouterHttpError(429, {}, new Headers({ 'retry-after-ms': '1500' }), context);
    expect(inMs.retryAfterMs).toBe(1500);
    expect(openRouterHttpError(429, {}, new Headers({ 'retry-after': 'soon' }), context).retryAfterMs).toBeNull();
    expect(openRouterHttpError(429, {}, undefined, context).retryAfterMs).toBeNull();
  });

  it('attaches provider and model identity', () => {
    expect(openRouterHttpError(500, {}, undefined, context)).toMatchObject({
      providerId: 'openrouter',
      modelId: 'vendor/model',
    });
    expect(openRouterHttpError(500, {}, undefined, { ...context, modelId: undefined }).modelId).toBeNull();
  });
});

describe('classifyOpenRouterError', () => {
  it('returns a ModelyardError as it is', () => {
    const original = new ModelyardError({ kind: 'not_found', message: 'gone' });
    expect(classifyOpenRouterError(original, context)).toBe(original);
  });

  it('reads an HTTP error from the openai client by status, body and headers', () => {
    const error = classifyOpenRouterError(
      httpError(429, { error: { code: 429, message: 'Slow down' } }, { 'retry-after': '7' }),
      context,
    );
    expect(error).toMatchObject({ kind: 'rate_limit', statusCode: 429, retryAfterMs: 7000, retryable: true });
    expect(error.message).toBe('OpenRouter answered 429 (rate limited: Slow down)');
  });

  it('reads 408 as a retryable timeout and 5xx as unavailable', () => {
    expect(classifyOpenRouterError(httpError(408, {}), context)).toMatchObject({ kind: 'timeout', retryable: true });
    expect(classifyOpenRouterError(httpError(502, {}), context)).toMatchObject({
      kind: 'unavailable',
      retryable: true,
    });
  });

  it('reads an aborted signal or APIUserAbortError as aborted, whatever was thrown', () => {
    const controller = new AbortController();
    controller.abort();
    expect(classifyOpenRouterError(httpError(500, {}), { ...context, signal: controller.signal }).kind).toBe('aborted');
    const error = classifyOpenRouterError(new APIUserAbortError(), context);
    expect(error).toMatchObject({ kind: 'aborted', retryable: false, message: 'The OpenRouter call was aborted' });
  });

  it('reads a client timeout as timeout', () => {
    expect(classifyOpenRouterError(new APIConnectionTimeoutError(), context)).toMatchObject({
      kind: 'timeout',
      retryable: true,
      message: 'OpenRouter did not answer in time',
    });
  });

  it('reads a connection failure as unavailable, or timeout when the socket timed out', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const error = classifyOpenRouterError(
      new APIConnectionError({ cause: new TypeError('fetch failed', { cause: refused }) }),
      context,
    );
    expect(error).toMatchObject({ kind: 'unavailable', retryable: true });
    expect(error.message).toBe('OpenRouter: Cannot reach the server (ECONNREFUSED): fetch failed');
    const timedOut = Object.assign(new Error('timeout'), { code: 'UND_ERR_CONNECT_TIMEOUT' });
    expect(classifyOpenRouterError(new APIConnectionError({ cause: timedOut }), context).kind).toBe('timeout');
    expect(classifyOpenRouterError(new APIConnectionError({ cause: new Error('odd') }), context).kind).toBe(
      'unavailable',
    );
  });

  it('reads an error event inside a stream by the status in its code', () => {
    const event = new APIError(undefined, { code: 502, message: 'Provider returned error' }, undefined, undefined);
    expect(classifyOpenRouterError(event, context)).toMatchObject({ kind: 'unavailable', statusCode: 502 });
    const limited = new APIError(undefined, { code: 429, message: 'Upstream rate limit' }, undefined, undefined);
    expect(classifyOpenRouterError(limited, context).kind).toBe('rate_limit');
    const invalid = new APIError(undefined, { code: 400, message: 'Bad parameter' }, undefined, undefined);
    expect(classifyOpenRouterError(invalid, context)).toMatchObject({ kind: 'bad_request', statusCode: 400 });
    const low = new APIError(undefined, { code: 399, message: 'odd' }, undefined, undefined);
    expect(classifyOpenRouterError(low, context)).toMatchObject({ kind: 'unavailable', statusCode: null });
  });

  it('reads an error event without a usable code as unavailable', () => {
    const noCode = new APIError(undefined, { message: 'Something broke upstream' }, undefined, undefined);
    const error = classifyOpenRouterError(noCode, context);
    expect(error).toMatchObject({ kind: 'unavailable', statusCode: null, retryable: true });
    expect(error.message).toBe('OpenRouter reported an error during the stream: Something broke upstream');
    const okCode = new APIError(undefined, { code: 200, message: 'odd' }, undefined, undefined);
    expect(classifyOpenRouterError(okCode, context).kind).toBe('unavailable');
    const stringCode = new APIError(undefined, { code: 'server_error' }, 'raw message', undefined);
    expect(classifyOpenRouterError(stringCode, context).message).toContain('during the stream');
  });

  it('reads a body that is not JSON as invalid_response', () => {
    const error = classifyOpenRouterError(new SyntaxError('Unexpected token < in JSON'), context);
    expect(error).toMatchObject({ kind: 'invalid_response', retryable: true });
    expect(error.message).toBe('OpenRouter sent a body that is not JSON: Unexpected token < in JSON');
  });

  it('leaves the rest to core: socket codes → unavailable, anything else → unknown', () => {
    const cut = new TypeError('terminated', {
      cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }),
    });
    expect(classifyOpenRouterError(cut, context).kind).toBe('unavailable');
    expect(classifyOpenRouterError(new RangeError('a bug'), context).kind).toBe('unknown');
  });

  it('never lets the API key through, even when the server echoes it', () => {
    const echo = httpError(401, { error: { message: `Incorrect API key provided: ${KEY}` } });
    const error = classifyOpenRouterError(echo, context);
    for (const rendering of [error.message, JSON.stringify(error), inspect(error), String(error.stack)]) {
      expect(rendering).not.toContain(KEY);
    }
  });
});
