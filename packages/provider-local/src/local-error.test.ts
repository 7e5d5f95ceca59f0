import { inspect } from 'node:util';
import { ModelyardError } from '@modelyard/core';
import { InsufficientMemoryError } from 'node-llama-cpp';
import { describe, expect, it } from 'vitest';
import {
  abortedError,
  classifyLocalError,
  LOCAL_MODEL_PROBLEMS,
  LocalModelError,
  localModelError,
  problemOf,
} from './local-error';

const context = { providerId: 'local', modelId: 'm', path: '/models/m.gguf' };
const withCode = (code: string) => Object.assign(new Error(code), { code });

describe('LocalModelError', () => {
  it.each([
    ['missing', 'not_found'],
    ['unreadable', 'bad_request'],
    ['not_gguf', 'bad_request'],
    ['unsupported', 'bad_request'],
    ['too_large', 'unavailable'],
    ['load_failed', 'bad_request'],
  ] as const)('%s has kind %s and is never retryable', (problem, kind) => {
    const error = localModelError(problem, context);
    expect(error.kind).toBe(kind);
    expect(error.retryable).toBe(false);
    expect(error.problem).toBe(problem);
    expect(error.path).toBe('/models/m.gguf');
    expect(error.providerId).toBe('local');
    expect(error.modelId).toBe('m');
    expect(error.name).toBe('LocalModelError');
  });

  it('lists every problem', () => {
    expect(LOCAL_MODEL_PROBLEMS).toEqual([
      'missing',
      'unreadable',
      'not_gguf',
      'unsupported',
      'too_large',
      'load_failed',
    ]);
  });

  it('says which file and what is wrong, with the detail', () => {
    expect(localModelError('missing', context).message).toBe('Model file /models/m.gguf: no such file');
    expect(localModelError('too_large', { ...context, detail: 'needs 9 GB' }).message).toBe(
      'Model file /models/m.gguf: the model needs more memory than is available (needs 9 GB)',
    );
    expect(localModelError('unreadable', context).message).toContain('the file cannot be read');
    expect(localModelError('not_gguf', context).message).toContain('not a GGUF model file (or a truncated one)');
    expect(localModelError('unsupported', context).message).toContain('a GGUF model this llama.cpp build cannot run');
    expect(localModelError('load_failed', context).message).toContain('llama.cpp could not load the model');
    expect(localModelError('missing', { providerId: 'local', modelId: 'x' }).message).toBe('Model x: no such file');
    expect(localModelError('missing', { providerId: 'local' }).message).toBe('Model: no such file');
    expect(localModelError('missing', { providerId: 'local' }).path).toBeNull();
    expect(localModelError('missing', { providerId: 'local' }).modelId).toBeNull();
  });

  it('is recognised by its marker, and serializes its problem and path', () => {
    const error = localModelError('not_gguf', context);
    // The marker is what another install of this package checks: a shared Symbol.for key, hidden.
    const marker = Symbol.for('@modelyard/provider-local.model-error');
    expect((error as unknown as Record<symbol, unknown>)[marker]).toBe(true);
    expect(Object.getOwnPropertyDescriptor(error, marker)?.enumerable).toBe(false);
    expect(LocalModelError.isInstance(Object.assign(() => {}, { [marker]: true }))).toBe(false);
    expect(LocalModelError.isInstance({ [marker]: true })).toBe(true);
    expect(LocalModelError.isInstance({ [marker]: 'yes' })).toBe(false);
    expect(LocalModelError.isInstance(error)).toBe(true);
    expect(ModelyardError.isInstance(error)).toBe(true);
    expect(LocalModelError.isInstance(new ModelyardError({ kind: 'unknown', message: 'x' }))).toBe(false);
    expect(LocalModelError.isInstance(null)).toBe(false);
    expect(LocalModelError.isInstance('x')).toBe(false);
    expect(error.toJSON()).toMatchObject({ kind: 'bad_request', problem: 'not_gguf', path: '/models/m.gguf' });
    expect(inspect(error)).toContain('not_gguf');
  });
});

describe('problemOf', () => {
  it.each([
    [withCode('ENOENT'), 'missing'],
    [withCode('ENOTDIR'), 'missing'],
    [withCode('EACCES'), 'unreadable'],
    [withCode('EPERM'), 'unreadable'],
    [withCode('EISDIR'), 'unreadable'],
    [new InsufficientMemoryError(), 'too_large'],
    [new (class InvalidGgufMagicError extends Error {})(), 'not_gguf'],
    [new (class UnsupportedGgufValueTypeError extends Error {})(), 'not_gguf'],
    [withCode('ECONNRESET'), undefined],
    [new Error('x'), undefined],
    [{ code: 3 }, undefined],
    ['ENOENT', undefined],
    [null, undefined],
  ])('%o → %s', (error, problem) => {
    expect(problemOf(error)).toBe(problem);
  });
});

describe('classifyLocalError', () => {
  it('passes Modelyard errors through', () => {
    const error = new ModelyardError({ kind: 'rate_limit', message: 'x' });
    expect(classifyLocalError(error, context)).toBe(error);
  });

  it('turns aborts into "aborted" with the identity', () => {
    const error = classifyLocalError(new DOMException('stop', 'AbortError'), context);
    expect(error).toMatchObject({ kind: 'aborted', providerId: 'local', modelId: 'm', retryable: false });
    expect(abortedError({ providerId: 'local' })).toMatchObject({
      kind: 'aborted',
      modelId: null,
      message: 'The operation was aborted',
    });
    expect(abortedError(context).modelId).toBe('m');
    const whileLoading = classifyLocalError(new DOMException('stop', 'AbortError'), { ...context, whileLoading: true });
    expect(whileLoading.kind).toBe('aborted');
    expect(LocalModelError.isInstance(whileLoading)).toBe(false);
  });

  it('turns file and llama.cpp errors into LocalModelErrors', () => {
    const error = classifyLocalError(withCode('ENOENT'), context);
    expect(LocalModelError.isInstance(error) && error.problem).toBe('missing');
    expect((error as LocalModelError).path).toBe('/models/m.gguf');
  });

  it('calls any other failure of a load "load_failed", and leaves the rest to core', () => {
    const loading = classifyLocalError(new Error('Failed to load model'), { ...context, whileLoading: true });
    expect(LocalModelError.isInstance(loading) && loading.problem).toBe('load_failed');
    const other = classifyLocalError(new Error('boom'), context);
    expect(LocalModelError.isInstance(other)).toBe(false);
    expect(other).toMatchObject({ kind: 'unknown', providerId: 'local', modelId: 'm' });
    expect(classifyLocalError(new Error('boom'), { providerId: 'local' }).modelId).toBeNull();
  });
});
