import { ModelyardError } from '@modelyard/core';
import { describe, expect, test } from 'vitest';
import type { EchoModel } from './echo-api';
import { echoModelToInfo } from './echo-models';

function model(overrides: Partial<EchoModel> = {}): EchoModel {
  return {
    id: 'echo/small:v1',
    name: null,
    contextTokens: null,
    maxOutputTokens: null,
    pricePerMillion: { input: null, output: null },
    isFree: false,
    ...overrides,
  };
}

function failureOf(action: () => unknown): ModelyardError {
  try {
    action();
  } catch (error) {
    if (ModelyardError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a ModelyardError');
}

describe('echoModelToInfo', () => {
  test('a model with every fact known', () => {
    const info = echoModelToInfo(
      model({
        name: 'Echo Small',
        contextTokens: 8192,
        maxOutputTokens: 1024,
        pricePerMillion: { input: 0.5, output: 1.5 },
      }),
      'echo',
    );
    expect(info).toMatchObject({
      providerId: 'echo',
      modelId: 'echo/small:v1',
      providerKind: 'echo',
      displayName: 'Echo Small',
      locality: 'remote',
      contextLength: 8192,
      maxOutputTokens: 1024,
      pricing: { inputPerToken: 0.0000005, outputPerToken: 0.0000015, perRequest: 0 },
      isFree: false,
      capabilities: ['chat', 'streaming'],
      modalities: { input: ['text'], output: ['text'] },
      description: null,
      weights: null,
    });
  });

  test('unknown facts stay unknown: no display name, null context and prices', () => {
    const info = echoModelToInfo(model(), 'echo-2');
    expect(info.providerId).toBe('echo-2');
    expect(info.displayName).toBeUndefined();
    expect(info.contextLength).toBeNull();
    expect(info.pricing).toEqual({ inputPerToken: null, outputPerToken: null, perRequest: 0 });
  });

  test.each([
    [99_999, false],
    [100_000, true],
    [100_001, true],
  ])('a context of %i tokens is long_context: %s', (contextTokens, isLong) => {
    const info = echoModelToInfo(model({ contextTokens }), 'echo');
    expect(info.capabilities.includes('long_context')).toBe(isLong);
  });

  test('a free model with zero prices', () => {
    const info = echoModelToInfo(model({ isFree: true, pricePerMillion: { input: 0, output: 0 } }), 'echo');
    expect(info.isFree).toBe(true);
    expect(info.pricing).toEqual({ inputPerToken: 0, outputPerToken: 0, perRequest: 0 });
  });

  test('a free model with a price is an invalid response naming the field', () => {
    const error = failureOf(() =>
      echoModelToInfo(model({ isFree: true, pricePerMillion: { input: 2, output: 0 } }), 'echo'),
    );
    expect(error.kind).toBe('invalid_response');
    expect(error.providerId).toBe('echo');
    expect(error.message).toBe(
      'Echo\'s answer is not valid: model "echo/small:v1" in the listing: pricing.inputPerToken: expected a price of 0 or null, because isFree is true, received 0.000002',
    );
  });

  test('more output than context is an invalid response', () => {
    const error = failureOf(() => echoModelToInfo(model({ contextTokens: 10, maxOutputTokens: 11 }), 'echo'));
    expect(error.message).toBe(
      'Echo\'s answer is not valid: model "echo/small:v1" in the listing: maxOutputTokens: expected at most contextLength (10), received 11',
    );
  });

  test('a context of 0 tokens is refused (a model holds at least one)', () => {
    expect(failureOf(() => echoModelToInfo(model({ contextTokens: 0 }), 'echo')).message).toBe(
      'Echo\'s answer is not valid: model "echo/small:v1" in the listing: contextLength: expected a number ≥ 1, received 0',
    );
  });

  test('an empty model id is refused', () => {
    expect(failureOf(() => echoModelToInfo(model({ id: '' }), 'echo')).message).toBe(
      'Echo\'s answer is not valid: model "" in the listing: modelId: expected a string of ≥ 1 characters, received ""',
    );
  });
});
