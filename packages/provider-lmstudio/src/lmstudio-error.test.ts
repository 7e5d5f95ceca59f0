import type { LLMPredictionStopReason } from '@lmstudio/sdk';
import { ModelyardError } from '@modelyard/core';
import { describe, expect, test } from 'vitest';
import {
  abortedError,
  classifyLMStudioError,
  disposedError,
  invalidResponseError,
  isReportedByLMStudio,
  lmstudioErrorKind,
  modelNotFoundError,
  notALanguageModelError,
  stopReasonError,
  timeoutError,
  unreachableError,
} from './lmstudio-error';

const CONTEXT = { providerId: 'lmstudio', modelId: 'qwen', baseUrl: 'ws://127.0.0.1:1234' };

/** An error as the SDK rebuilds one LM Studio sent: a message plus the serialized fields. */
function serverError(title: string, fields: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(`pretty printed ${title}`), { title, ...fields });
}

describe('lmstudioErrorKind', () => {
  test.each([
    ['generic.pathNotFound', 'not_found'],
    ['generic.identifierNotFound', 'not_found'],
    ['generic.noModelMatchingQuery', 'not_found'],
    ['generic.specificModelUnloaded', 'not_found'],
    ['generic.domainMismatch', 'bad_request'],
    ['generic.engineDoesNotSupportFeature', 'bad_request'],
    ['generic.presetNotFound', 'bad_request'],
    ['generic.somethingNew', 'unavailable'],
    [undefined, 'unavailable'],
  ])('%s → %s', (code, kind) => {
    expect(lmstudioErrorKind(code)).toBe(kind);
  });
});

describe('classifyLMStudioError', () => {
  test('an error LM Studio sent is read from its code, with its title and cause in the message', () => {
    const error = classifyLMStudioError(
      serverError('Cannot find a model with path "nope"', {
        cause: 'not downloaded',
        displayData: { code: 'generic.pathNotFound', path: 'nope' },
      }),
      CONTEXT,
    );
    expect(error.toJSON()).toMatchObject({
      kind: 'not_found',
      retryable: false,
      providerId: 'lmstudio',
      modelId: 'qwen',
      message: 'LM Studio (lmstudio) answered: Cannot find a model with path "nope" (not downloaded)',
    });
  });

  test('a server error without a code is the server failing the request: unavailable, retryable', () => {
    const error = classifyLMStudioError(serverError('GPU out of memory'), CONTEXT);
    expect(error.kind).toBe('unavailable');
    expect(error.retryable).toBe(true);
    expect(error.message).toBe('LM Studio (lmstudio) answered: GPU out of memory');
  });

  test('a refused connection (ECONNREFUSED from ws) → unavailable, naming the address', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1234'), { code: 'ECONNREFUSED' });
    const error = classifyLMStudioError(refused, CONTEXT);
    expect(error.kind).toBe('unavailable');
    expect(error.message).toContain('ws://127.0.0.1:1234');
    expect(error.message).toContain('lms server start');
  });

  test('a closed WebSocket (no code, no server title) → unavailable', () => {
    expect(classifyLMStudioError(new Error('WebSocket connection closed'), CONTEXT).kind).toBe('unavailable');
  });

  test('a socket time-out → timeout', () => {
    const timedOut = Object.assign(new Error('connect ETIMEDOUT'), { code: 'ETIMEDOUT' });
    expect(classifyLMStudioError(timedOut, CONTEXT).kind).toBe('timeout');
  });

  test('anything after the caller aborted is aborted; an AbortError too', () => {
    const signal = AbortSignal.abort();
    expect(classifyLMStudioError(serverError('whatever'), { ...CONTEXT, signal }).kind).toBe('aborted');
    expect(classifyLMStudioError(new DOMException('stop', 'AbortError'), CONTEXT).kind).toBe('aborted');
  });

  test('a Modelyard error passes through unchanged', () => {
    const original = new ModelyardError({ kind: 'rate_limit', message: 'slow down' });
    expect(classifyLMStudioError(original, CONTEXT)).toBe(original);
  });
});

describe('stopReasonError', () => {
  test.each<[LLMPredictionStopReason, string | null, boolean | null]>([
    ['userStopped', 'aborted', false],
    ['modelUnloaded', 'unavailable', true],
    ['failed', 'unknown', false],
    ['eosFound', null, null],
    ['stopStringFound', null, null],
    ['maxPredictedTokensReached', null, null],
    ['contextLengthReached', null, null],
    ['toolCalls', null, null],
  ])('%s → %s', (stopReason, kind, retryable) => {
    const error = stopReasonError(stopReason, CONTEXT);
    expect(error?.kind ?? null).toBe(kind);
    expect(error?.retryable ?? null).toBe(retryable);
    if (error) expect(error.message).toBe(`lmstudio ended the answer early (stop reason "${stopReason}")`);
  });
});

describe('error builders', () => {
  test('aborted, timeout, unreachable and invalid_response carry the identity', () => {
    expect(abortedError(CONTEXT).toJSON()).toMatchObject({ kind: 'aborted', modelId: 'qwen', retryable: false });
    expect(timeoutError(CONTEXT, 'the generation', 250).toJSON()).toMatchObject({
      kind: 'timeout',
      retryable: true,
      message: 'lmstudio: the generation did not finish within 250 ms',
    });
    expect(unreachableError(CONTEXT, 'no answer').message).toBe(
      'Cannot talk to LM Studio (lmstudio) at ws://127.0.0.1:1234: no answer. Is LM Studio running with its server on (lms server start)?',
    );
    expect(invalidResponseError(CONTEXT, 'a model listing', new Error('modelId: too short')).toJSON()).toMatchObject({
      kind: 'invalid_response',
      message: 'lmstudio sent a model listing that cannot be read: modelId: too short',
    });
    expect(invalidResponseError(CONTEXT, 'x', 'text').message).toBe('lmstudio sent x that cannot be read: text');
    expect(disposedError(CONTEXT).toJSON()).toMatchObject({
      kind: 'unavailable',
      message: 'lmstudio was disposed while the call was running',
    });
  });
});

describe('facts checked by the provider', () => {
  test('isReportedByLMStudio: an error with the serialized title came from LM Studio', () => {
    expect(isReportedByLMStudio(serverError('x'))).toBe(true);
    expect(isReportedByLMStudio(new Error('WebSocket connection closed'))).toBe(false);
    expect(isReportedByLMStudio('text')).toBe(false);
    expect(isReportedByLMStudio(null)).toBe(false);
  });

  test('a model LM Studio does not list → not_found; a model of another type → bad_request', () => {
    expect(modelNotFoundError(CONTEXT).toJSON()).toMatchObject({
      kind: 'not_found',
      retryable: false,
      message: 'lmstudio has no model "qwen" (it is not among LM Studio\'s downloaded models; see `lms ls`)',
    });
    expect(notALanguageModelError(CONTEXT, 'embedding').message).toBe(
      'lmstudio: "qwen" is an embedding model, not a language model',
    );
    expect(notALanguageModelError(CONTEXT, 'tts').message).toBe(
      'lmstudio: "qwen" is a model of type "tts", not a language model',
    );
  });
});
