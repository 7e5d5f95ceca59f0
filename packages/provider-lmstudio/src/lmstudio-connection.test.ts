import { LMStudioClient } from '@lmstudio/sdk';
import { describe, expect, test } from 'vitest';
import { keepLMStudioErrorCodes, readLMStudioError } from './lmstudio-connection';

describe('readLMStudioError', () => {
  test('keeps the title as the message and every field LM Studio sent', () => {
    const error = readLMStudioError({
      title: 'Cannot find a model with path "x"',
      rootTitle: 'Cannot find a model with path "x"',
      cause: 'not downloaded',
      suggestion: 'run lms ls',
      displayData: { code: 'generic.pathNotFound', path: 'x' },
      errorData: { detail: 1 },
    });
    expect(error.message).toBe('Cannot find a model with path "x"');
    expect({ ...error }).toEqual({
      title: 'Cannot find a model with path "x"',
      cause: 'not downloaded',
      suggestion: 'run lms ls',
      displayData: { code: 'generic.pathNotFound', path: 'x' },
      errorData: { detail: 1 },
    });
  });

  test('a malformed error still becomes an Error with a title', () => {
    expect({ ...readLMStudioError(null) }).toEqual({ title: 'Unknown error' });
    expect({ ...readLMStudioError({ title: 3, cause: {}, displayData: 'x' }) }).toEqual({ title: 'Unknown error' });
  });
});

describe('keepLMStudioErrorCodes', () => {
  test('replaces the deserializer of the llm, system and files connections of SDK 1.5', async () => {
    const client = new LMStudioClient({
      baseUrl: 'ws://127.0.0.1:9',
      logger: { debug() {}, info() {}, warn() {}, error() {} },
    });
    expect(keepLMStudioErrorCodes(client)).toBe(3);
    const ports = client as unknown as Record<string, { errorDeserializer: unknown }>;
    expect(ports.llmPort?.errorDeserializer).toBe(readLMStudioError);
    expect(ports.systemPort?.errorDeserializer).toBe(readLMStudioError);
    expect(ports.filesPort?.errorDeserializer).toBe(readLMStudioError);
    await client[Symbol.asyncDispose]();
  });
});
