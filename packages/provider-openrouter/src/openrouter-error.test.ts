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

  it('reads a 400 that says the prompt is too long as context_length (the upstream phrasings are provider-custom’s)', () => {
    const body = { message: "This model's maximum context length is 8192 tokens. However, you requested 9000 tokens." };
    expect(openRouterErrorKind(400, body)).toBe('context_length');
  });

  it('leaves other 400s, and long-prompt words on other statuses, alone', () => {
    expect(openRouterErrorKind(400, { code: 'invalid_request', message: 'temperature must be ≥ 0' })).toBe(
      'bad_request',
    );
    expect(openRouterErrorKind(400, undefined)).toBe('bad_request');
    expect(openRouterErrorKind(500, { message: 'maximum context length' })).toBe('unavailable');
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

  it('names OpenRouter in every message, from aborts to bodies that are not JSON', () => {
    const messages = [
      classifyOpenRouterError(new APIUserAbortError(), context),
      classifyOpenRouterError(httpError(500, {}), { ...context, signal: AbortSignal.abort() }),
      classifyOpenRouterError(new APIConnectionTimeoutError(), context),
      classifyOpenRouterError(new APIConnectionError({ cause: new TypeError('fetch failed') }), context),
      classifyOpenRouterError(
        new APIError(undefined, { message: 'Something broke upstream' }, undefined, undefined),
        context,
      ),
      classifyOpenRouterError(new SyntaxError('Unexpected token < in JSON'), context),
    ].map((error) => `${error.kind}: ${error.message}`);
    expect(messages).toEqual([
      'aborted: The OpenRouter call was aborted',
      'aborted: The OpenRouter call was aborted',
      'timeout: OpenRouter did not answer in time',
      'unavailable: OpenRouter: fetch failed',
      'unavailable: OpenRouter reported an error during the stream: Something broke upstream',
      'invalid_response: OpenRouter sent a body that is not JSON: Unexpected token < in JSON',
    ]);
  });

  it('reads an error event inside a stream by the upstream status OpenRouter puts in its code', () => {
    const event = new APIError(undefined, { code: 402, message: 'Insufficient credits' }, undefined, undefined);
    expect(classifyOpenRouterError(event, context)).toMatchObject({ kind: 'auth', statusCode: 402 });
    expect(classifyOpenRouterError(event, context).message).toBe(
      'OpenRouter answered 402 (insufficient credits: add credits or use a free model: Insufficient credits)',
    );
  });

  it('never lets the API key through, even when the server echoes it', () => {
    const echo = httpError(401, { error: { message: `Incorrect API key provided: ${KEY}` } });
    const error = classifyOpenRouterError(echo, context);
    for (const rendering of [error.message, JSON.stringify(error), inspect(error), String(error.stack)]) {
      expect(rendering).not.toContain(KEY);
    }
  });
});
