import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ModelyardError } from './modelyard-error';
import { parseResponseWithSchema } from './response-error';

const listingSchema = z.object({ data: z.array(z.object({ id: z.string(), size: z.number().optional() })) });

function errorOf(run: () => unknown): ModelyardError {
  try {
    run();
  } catch (error) {
    if (ModelyardError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a ModelyardError, nothing was thrown');
}

describe('parseResponseWithSchema', () => {
  it('returns the parsed value, without the fields the schema does not read', () => {
    const raw = { data: [{ id: 'a', size: 0, extra: true }], object: 'list' };
    expect(parseResponseWithSchema(listingSchema, raw, { providerId: 'p', what: 'a model listing' })).toEqual({
      data: [{ id: 'a', size: 0 }],
    });
  });

  it('throws a retryable invalid_response naming every failed field, after the provider id', () => {
    const error = errorOf(() =>
      parseResponseWithSchema(
        listingSchema,
        { data: [{ id: 7 }, { id: 'b', size: 'big' }] },
        {
          providerId: 'lab.vllm',
          what: 'a model listing',
        },
      ),
    );
    expect(error.kind).toBe('invalid_response');
    expect(error.retryable).toBe(true);
    expect(error.providerId).toBe('lab.vllm');
    expect(error.modelId).toBeNull();
    expect(error.message).toBe(
      'lab.vllm sent a model listing that cannot be read: ' +
        'data.0.id: Invalid input: expected string, received number; ' +
        'data.1.size: Invalid input: expected number, received string',
    );
    expect(error.cause).toBeInstanceOf(z.ZodError);
  });

  it('names the server by its source when given, and attaches the model', () => {
    const error = errorOf(() =>
      parseResponseWithSchema(
        listingSchema,
        {},
        {
          providerId: 'openrouter',
          modelId: 'meta/llama',
          what: 'a chat completion',
          source: 'OpenRouter',
        },
      ),
    );
    expect(error.message).toBe(
      'OpenRouter sent a chat completion that cannot be read: data: Invalid input: expected array, received undefined',
    );
    expect(error.modelId).toBe('meta/llama');
  });

  it('calls a value that is not an object at all (root)', () => {
    const error = errorOf(() => parseResponseWithSchema(listingSchema, 'oops', { providerId: 'p', what: 'a body' }));
    expect(error.message).toBe(
      'p sent a body that cannot be read: (root): Invalid input: expected object, received string',
    );
  });
});
