import { errorFromJSON, ModelyardError } from '@modelyard/core';
import { describe, expect, it } from 'vitest';
import { FallbackError } from './fallback-error';
import type { AttemptRecord } from './fallback-events';

function attempt(fields: Partial<AttemptRecord> = {}): AttemptRecord {
  return {
    model: { providerId: 'openrouter', modelId: 'meta-llama/llama-3.1-8b-instruct:free' },
    attempt: 1,
    attemptOnModel: 1,
    outcome: 'unavailable',
    errorKind: 'unavailable',
    statusCode: 503,
    message: 'Service Unavailable',
    startedAt: 1_000,
    durationMs: 120,
    timeToFirstTokenMs: null,
    retried: true,
    isStreaming: false,
    ...fields,
  };
}

const twoAttempts = [
  attempt(),
  attempt({
    model: { providerId: 'ollama', modelId: 'llama3.1:8b' },
    attempt: 2,
    outcome: 'auth',
    errorKind: 'auth',
    statusCode: 401,
    durationMs: 5,
    retried: false,
  }),
];

describe('FallbackError', () => {
  it('lists every attempt and skipped candidate in its message, and takes identity from the last attempt', () => {
    const cause = new ModelyardError({ kind: 'auth', message: 'bad key' });
    const error = new FallbackError({
      kind: 'auth',
      reason: 'exhausted',
      attempts: twoAttempts,
      skipped: [{ model: { providerId: 'p', modelId: 'c' }, reason: 'breaker-open' }],
      deliveredCharacters: 0,
      cause,
    });
    expect(error.message).toBe(
      'Every candidate failed (2 attempts, 1 candidate skipped): ' +
        '#1 openrouter/meta-llama/llama-3.1-8b-instruct:free unavailable 503 (120 ms, retried); ' +
        '#2 ollama/llama3.1:8b auth 401 (5 ms); p/c skipped (breaker-open)',
    );
    expect(error).toMatchObject({
      name: 'FallbackError',
      kind: 'auth',
      retryable: false,
      retryAfterMs: null,
      statusCode: 401,
      providerId: 'ollama',
      modelId: 'llama3.1:8b',
      reason: 'exhausted',
      deliveredCharacters: 0,
    });
    expect(error.cause).toBe(cause);
    expect(ModelyardError.isInstance(error)).toBe(true);
    expect(FallbackError.isInstance(error)).toBe(true);
    expect(FallbackError.isInstance(cause)).toBe(false);
    expect(FallbackError.isInstance(null)).toBe(false);
    expect(FallbackError.isInstance(undefined)).toBe(false);
    // another install of the package marks its errors with the same registered symbol
    expect(FallbackError.isInstance({ [Symbol.for('@modelyard/fallback.error')]: true })).toBe(true);
    expect(Object.getOwnPropertyDescriptor(error, Symbol.for('@modelyard/fallback.error'))?.enumerable).toBe(false);
    expect(FallbackError.isInstance('FallbackError')).toBe(false);
  });

  it.each([
    ['no-candidates', 'not_found', 0, 'No candidate model to try'],
    ['exhausted', 'unavailable', 0, 'Every candidate failed (0 attempts, 0 candidates skipped)'],
    ['aborted', 'aborted', 1, 'Aborted by the caller after 1 attempt'],
    ['deadline', 'timeout', 2, 'The deadline passed after 2 attempts'],
    ['stopped', 'content_filter', 1, 'Stopped by a content_filter error after 1 attempt'],
    [
      'interrupted',
      'timeout',
      1,
      'The stream failed after 1 character had been delivered; the text received is incomplete',
    ],
  ] as const)('headline for %s', (reason, kind, count, headline) => {
    const error = new FallbackError({
      kind,
      reason,
      attempts: [],
      skipped: [],
      deliveredCharacters: count,
      ...(reason === 'aborted' || reason === 'deadline' || reason === 'stopped'
        ? { attempts: twoAttempts.slice(0, count) }
        : {}),
    });
    expect(error.message.split(': #')[0]).toBe(headline);
    expect(error.deliveredCharacters).toBe(count);
  });

  it('leaves out a status the attempt did not have', () => {
    const error = new FallbackError({
      kind: 'timeout',
      reason: 'exhausted',
      attempts: [attempt({ statusCode: null, outcome: 'timeout', errorKind: 'timeout', retried: false })],
      skipped: [],
      deliveredCharacters: 0,
    });
    expect(error.message).toBe(
      'Every candidate failed (1 attempt, 0 candidates skipped): #1 openrouter/meta-llama/llama-3.1-8b-instruct:free timeout (120 ms)',
    );
  });

  it('without attempts has no identity or status', () => {
    const error = new FallbackError({
      kind: 'not_found',
      reason: 'no-candidates',
      attempts: [],
      skipped: [],
      deliveredCharacters: 0,
    });
    expect(error).toMatchObject({ statusCode: null, providerId: null, modelId: null, retryAfterMs: null });
    expect(error.message).toBe('No candidate model to try');
  });

  it('keeps its own copies of the attempts', () => {
    const attempts = [attempt()];
    const error = new FallbackError({
      kind: 'unavailable',
      reason: 'exhausted',
      attempts,
      skipped: [],
      deliveredCharacters: 0,
      retryAfterMs: 2_000,
    });
    attempts[0] = attempt({ durationMs: 1 });
    (twoAttempts[0] as AttemptRecord).model.modelId = 'meta-llama/llama-3.1-8b-instruct:free';
    expect(error.attempts[0]?.durationMs).toBe(120);
    expect(error.retryAfterMs).toBe(2_000);
  });

  it('serializes every attempt without secrets and survives errorFromJSON', () => {
    const cause = new ModelyardError({ kind: 'auth', message: 'rejected key sk-or-v1-abcdefghijklmnop' });
    const error = new FallbackError({
      kind: 'auth',
      reason: 'exhausted',
      attempts: [attempt({ message: cause.message })],
      skipped: [],
      deliveredCharacters: 0,
      cause,
    });
    const json = JSON.parse(JSON.stringify(error));
    expect(json).toEqual({
      name: 'FallbackError',
      kind: 'auth',
      message: error.message,
      retryable: false,
      retryAfterMs: null,
      statusCode: 503,
      providerId: 'openrouter',
      modelId: 'meta-llama/llama-3.1-8b-instruct:free',
      cause: { name: 'ModelyardError', message: 'rejected key [REDACTED]' },
      reason: 'exhausted',
      attempts: [{ ...attempt(), message: 'rejected key [REDACTED]' }],
      skipped: [],
      deliveredCharacters: 0,
    });
    expect(JSON.stringify(error)).not.toContain('sk-or-v1');
    const rebuilt = errorFromJSON(json);
    expect(rebuilt).toMatchObject({ name: 'FallbackError', kind: 'auth', message: error.message });
  });

  it('toJSON gives copies, not the error’s own arrays', () => {
    const error = new FallbackError({
      kind: 'unavailable',
      reason: 'exhausted',
      attempts: [attempt()],
      skipped: [{ model: { providerId: 'p', modelId: 'c' }, reason: 'attempt-limit' }],
      deliveredCharacters: 0,
    });
    const json = error.toJSON();
    json.attempts[0] = attempt({ durationMs: 1 });
    (json.skipped[0] as { model: { modelId: string } }).model.modelId = 'x';
    expect(error.attempts[0]?.durationMs).toBe(120);
    expect(error.skipped[0]?.model.modelId).toBe('c');
  });
});
