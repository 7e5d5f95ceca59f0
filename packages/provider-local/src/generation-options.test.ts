import { GENERATION_OPTIONS, providerSupportsSchema } from '@modelyard/core';
import type { Llama } from 'node-llama-cpp';
import { describe, expect, it } from 'vitest';
import { grammarFor, LOCAL_SUPPORTS, SUPPORTED_GENERATION_OPTIONS, toSamplingOptions } from './generation-options';

const messages = [{ role: 'user' as const, content: 'hi' }];

describe('LOCAL_SUPPORTS', () => {
  it('declares streaming and load/unload, no pull, tools or embeddings, and every generation option', () => {
    expect(providerSupportsSchema.parse(LOCAL_SUPPORTS)).toEqual({
      streaming: true,
      pull: false,
      loadUnload: true,
      tools: false,
      embeddings: false,
      generationOptions: [...GENERATION_OPTIONS],
    });
    expect(SUPPORTED_GENERATION_OPTIONS).toEqual(GENERATION_OPTIONS);
  });
});

describe('toSamplingOptions', () => {
  it('leaves unset options out, so node-llama-cpp defaults apply (greedy)', () => {
    expect(toSamplingOptions({ messages })).toStrictEqual({});
    expect(toSamplingOptions({ messages, presencePenalty: 1 }).repeatPenalty).toStrictEqual({
      penalty: 1,
      presencePenalty: 1,
    });
    expect(toSamplingOptions({ messages, frequencyPenalty: 1 }).repeatPenalty).toStrictEqual({
      penalty: 1,
      frequencyPenalty: 1,
    });
  });

  it('passes every value as given, 0 included', () => {
    expect(
      toSamplingOptions({
        messages,
        temperature: 0,
        topP: 0,
        topK: 0,
        seed: 0,
        stop: ['END', '\n\n'],
        maxOutputTokens: 5,
      }),
    ).toEqual({ temperature: 0, topP: 0, topK: 0, seed: 0, customStopTriggers: ['END', '\n\n'] });
  });

  it('applies penalties without llama.cpp default repeat penalty', () => {
    expect(toSamplingOptions({ messages, presencePenalty: 0.25 })).toEqual({
      repeatPenalty: { penalty: 1, presencePenalty: 0.25 },
    });
    expect(toSamplingOptions({ messages, frequencyPenalty: -0.5 })).toEqual({
      repeatPenalty: { penalty: 1, frequencyPenalty: -0.5 },
    });
    expect(toSamplingOptions({ messages, presencePenalty: 0, frequencyPenalty: 0 })).toEqual({
      repeatPenalty: { penalty: 1, presencePenalty: 0, frequencyPenalty: 0 },
    });
  });
});

describe('grammarFor', () => {
  const calls: string[] = [];
  const llama = {
    getGrammarFor: async (type: string) => {
      calls.push(`grammar ${type}`);
      return 'json grammar';
    },
    createGrammarForJsonSchema: async (schema: { type?: string }) => {
      calls.push(`schema ${JSON.stringify(schema)}`);
      if (schema.type === 'bad') throw new Error('unsupported schema');
      if (schema.type === 'worse') throw 'not an error';
      return 'schema grammar';
    },
  } as unknown as Llama;

  it('uses no grammar for text', async () => {
    expect(await grammarFor({ messages }, llama, 'local')).toBeUndefined();
    expect(await grammarFor({ messages, responseFormat: { type: 'text' } }, llama, 'local')).toBeUndefined();
  });

  it('uses the JSON grammar without a schema, and the schema grammar with one', async () => {
    calls.length = 0;
    expect(await grammarFor({ messages, responseFormat: { type: 'json' } }, llama, 'local')).toBe('json grammar');
    const schema = { type: 'object', properties: { a: { type: 'string' } } };
    expect(await grammarFor({ messages, responseFormat: { type: 'json', schema } }, llama, 'local')).toBe(
      'schema grammar',
    );
    expect(calls).toEqual(['grammar json', `schema ${JSON.stringify(schema)}`]);
  });

  it('turns a schema llama.cpp cannot use into a bad_request', async () => {
    await expect(
      grammarFor({ messages, responseFormat: { type: 'json', schema: { type: 'bad' } } }, llama, 'local'),
    ).rejects.toMatchObject({
      kind: 'bad_request',
      providerId: 'local',
      message: 'responseFormat.schema cannot be turned into a llama.cpp grammar: unsupported schema',
    });
    await expect(
      grammarFor({ messages, responseFormat: { type: 'json', schema: { type: 'worse' } } }, llama, 'local'),
    ).rejects.toMatchObject({ message: expect.stringContaining(': not an error') });
  });
});
