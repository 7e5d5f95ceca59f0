import { inspect } from 'node:util';
import { ModelyardError } from '@modelyard/core';
import { describe, expect, test } from 'vitest';
import {
  BODY_EXCERPT_LENGTH,
  echoAborted,
  echoErrorFromResponse,
  echoErrorFromThrown,
  invalidEchoResponse,
  missingEchoApiKey,
  truncatedEchoStream,
} from './echo-error';

const KEY = 'echo-unit-key-0a1b2c3d';
const SCOPE = { providerId: 'echo', modelId: 'echo/small:v1', apiKey: KEY };
const NOW = Date.parse('2026-01-01T00:00:00Z');

function failure(status: number, body: unknown = '', headers: Record<string, string> = {}) {
  return { status, body: typeof body === 'string' ? body : JSON.stringify(body), headers: new Headers(headers) };
}

describe('echoErrorFromResponse', () => {
  test.each([
    [400, 'bad_request', false],
    [401, 'auth', false],
    [402, 'auth', false],
    [403, 'auth', false],
    [404, 'not_found', false],
    [408, 'timeout', true],
    [413, 'context_length', false],
    [422, 'bad_request', false],
    [429, 'rate_limit', true],
    [499, 'bad_request', false],
    [500, 'unavailable', true],
    [503, 'unavailable', true],
    [504, 'timeout', true],
  ] as const)('HTTP %i → %s (retryable: %s)', (status, kind, retryable) => {
    const error = echoErrorFromResponse(failure(status), SCOPE, NOW);
    expect(error.kind).toBe(kind);
    expect(error.retryable).toBe(retryable);
    expect(error.statusCode).toBe(status);
    expect(error.providerId).toBe('echo');
    expect(error.modelId).toBe('echo/small:v1');
    expect(error.retryAfterMs).toBeNull();
  });

  test.each([
    ['context_length_exceeded', 'context_length'],
    ['content_filtered', 'content_filter'],
    ['model_not_found', 'not_found'],
    ['invalid_request', 'bad_request'],
  ] as const)('a 400 with code %s → %s (the code refines the status)', (code, kind) => {
    const error = echoErrorFromResponse(failure(400, { error: { code, message: 'no' } }), SCOPE, NOW);
    expect(error.kind).toBe(kind);
    expect(error.message).toBe(`Echo answered HTTP 400 (${code}): no`);
  });

  test('a known code wins over any status; an unknown code leaves the status kind', () => {
    const error = echoErrorFromResponse(failure(503, { error: { code: 'context_length_exceeded' } }), SCOPE, NOW);
    expect(error.kind).toBe('context_length');
    expect(echoErrorFromResponse(failure(503, { error: { code: 'warming_up' } }), SCOPE, NOW).kind).toBe('unavailable');
  });

  test('a status below 400 that still failed is "unknown"', () => {
    expect(echoErrorFromResponse(failure(302), SCOPE, NOW).kind).toBe('unknown');
  });

  test('Retry-After in seconds → retryAfterMs', () => {
    const error = echoErrorFromResponse(failure(429, '', { 'retry-after': '2' }), SCOPE, NOW);
    expect(error.retryAfterMs).toBe(2000);
    expect(echoErrorFromResponse(failure(429, '', { 'retry-after': '0' }), SCOPE, NOW).retryAfterMs).toBe(0);
  });

  test('Retry-After as an HTTP date is measured from nowMs', () => {
    const header = { 'retry-after': 'Thu, 01 Jan 2026 00:00:30 GMT' };
    expect(echoErrorFromResponse(failure(503, '', header), SCOPE, NOW).retryAfterMs).toBe(30_000);
    expect(echoErrorFromResponse(failure(503, '', header), SCOPE, NOW + 10_000).retryAfterMs).toBe(20_000);
  });

  test('an unreadable Retry-After is ignored', () => {
    expect(echoErrorFromResponse(failure(429, '', { 'retry-after': 'soon' }), SCOPE, NOW).retryAfterMs).toBeNull();
  });

  test('a body that is not Echo JSON is quoted, cut at BODY_EXCERPT_LENGTH characters', () => {
    const page = `<html>${'x'.repeat(500)}</html>`;
    const error = echoErrorFromResponse(failure(502, page), SCOPE, NOW);
    expect(error.message).toBe(`Echo answered HTTP 502: ${page.slice(0, BODY_EXCERPT_LENGTH)}`);
    expect(BODY_EXCERPT_LENGTH).toBe(200);
  });

  test('an empty body says so', () => {
    expect(echoErrorFromResponse(failure(500, '  '), SCOPE, NOW).message).toBe('Echo answered HTTP 500: (empty body)');
  });

  test('the key never survives, even when the server echoes it', () => {
    const body = { error: { code: 'unauthorized', message: `Invalid API key: ${KEY}` } };
    const error = echoErrorFromResponse(failure(401, body), SCOPE, NOW);
    for (const rendering of [error.message, JSON.stringify(error), inspect(error), String(error.stack)]) {
      expect(rendering).not.toContain(KEY);
    }
    expect(error.message).toBe('Echo answered HTTP 401 (unauthorized): Invalid API key: [REDACTED]');
  });

  test('without a resolved key there is nothing of ours to redact', () => {
    const error = echoErrorFromResponse(failure(500, { error: { message: 'boom' } }), { providerId: 'echo' }, NOW);
    expect(error.message).toBe('Echo answered HTTP 500: boom');
    expect(error.modelId).toBeNull();
  });
});

describe('echoErrorFromThrown', () => {
  test('fetch failing with ECONNREFUSED → unavailable, retryable', () => {
    const thrown = new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }),
    });
    const error = echoErrorFromThrown(thrown, SCOPE);
    expect(error.kind).toBe('unavailable');
    expect(error.retryable).toBe(true);
    expect(error.providerId).toBe('echo');
  });

  test('an AbortError → aborted', () => {
    expect(echoErrorFromThrown(new DOMException('stop', 'AbortError'), SCOPE).kind).toBe('aborted');
  });

  test('whatever fetch throws after the signal aborted (a custom reason) → aborted', () => {
    const controller = new AbortController();
    controller.abort(new Error('user left'));
    expect(echoErrorFromThrown(controller.signal.reason, SCOPE, controller.signal).kind).toBe('aborted');
    expect(echoErrorFromThrown(new Error('user left'), SCOPE, new AbortController().signal).kind).toBe('unknown');
  });

  test('a ModelyardError passes through unchanged, even after an abort', () => {
    const original = new ModelyardError({ kind: 'rate_limit', message: 'busy' });
    expect(echoErrorFromThrown(original, SCOPE, AbortSignal.abort())).toBe(original);
  });

  test('the key is redacted from a thrown message', () => {
    const error = echoErrorFromThrown(new Error(`proxy refused ${KEY}`), SCOPE);
    expect(error.kind).toBe('unknown');
    expect(JSON.stringify(error)).not.toContain(KEY);
  });
});

describe('the errors made here', () => {
  test('aborted: not retryable, names the model', () => {
    expect(echoAborted(SCOPE).toJSON()).toMatchObject({
      kind: 'aborted',
      retryable: false,
      providerId: 'echo',
      modelId: 'echo/small:v1',
    });
  });

  test('invalid response: retryable, redacted', () => {
    const error = invalidEchoResponse(`text near ${KEY}`, SCOPE);
    expect(error.kind).toBe('invalid_response');
    expect(error.retryable).toBe(true);
    expect(error.message).toBe("Echo's answer is not valid: text near [REDACTED]");
  });

  test('truncated stream: unavailable, retryable', () => {
    const error = truncatedEchoStream('cut', SCOPE);
    expect(error.kind).toBe('unavailable');
    expect(error.retryable).toBe(true);
    expect(error.message).toBe('The Echo stream was cut before its end: cut');
  });

  test('missing key: auth, naming both ways to give one', () => {
    const error = missingEchoApiKey({ providerId: 'echo-2' });
    expect(error.kind).toBe('auth');
    expect(error.retryable).toBe(false);
    expect(error.message).toBe('No Echo API key: pass apiKey to createEcho() or set ECHO_API_KEY');
    expect(error.providerId).toBe('echo-2');
  });
});
