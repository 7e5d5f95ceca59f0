import { describe, expect, test } from 'vitest';
import type { RecordedRequest } from './fake-server';
import { readOllamaRequestOptions, readOpenAIRequestOptions } from './request-options';

function recorded(body: unknown): RecordedRequest {
  return {
    method: 'POST',
    path: '/',
    query: {},
    headers: {},
    body,
    rawBody: '',
    receivedAt: 0,
    fault: null,
    clientClosed: false,
  };
}

describe('readOpenAIRequestOptions', () => {
  test('reads every option in core names, 0 kept as a value', () => {
    const body = {
      max_tokens: 5,
      temperature: 0,
      top_p: 0.5,
      top_k: 3,
      stop: ['x'],
      seed: 0,
      presence_penalty: 0,
      frequency_penalty: -1,
      response_format: { type: 'json_object' },
    };
    expect(readOpenAIRequestOptions(recorded(body))).toEqual({
      maxOutputTokens: 5,
      temperature: 0,
      topP: 0.5,
      topK: 3,
      stop: ['x'],
      seed: 0,
      presencePenalty: 0,
      frequencyPenalty: -1,
      responseFormat: { type: 'json' },
    });
  });

  test('max_completion_tokens wins; a stop string is a list; json_schema and text formats', () => {
    expect(readOpenAIRequestOptions(recorded({ max_tokens: 5, max_completion_tokens: 7, stop: 'end' }))).toEqual({
      maxOutputTokens: 7,
      stop: ['end'],
    });
    expect(
      readOpenAIRequestOptions(
        recorded({ response_format: { type: 'json_schema', json_schema: { name: 'n', schema: { type: 'object' } } } }),
      ),
    ).toEqual({
      responseFormat: { type: 'json', schema: { type: 'object' }, name: 'n' },
    });
    expect(readOpenAIRequestOptions(recorded({ response_format: { type: 'json_schema', json_schema: {} } }))).toEqual({
      responseFormat: { type: 'json' },
    });
    expect(readOpenAIRequestOptions(recorded({ response_format: { type: 'text' } }))).toEqual({
      responseFormat: { type: 'text' },
    });
    expect(readOpenAIRequestOptions(recorded({ response_format: { type: 'other' } }))).toEqual({
      responseFormat: { type: 'other' },
    });
    expect(readOpenAIRequestOptions(recorded({ response_format: 'json' }))).toEqual({});
  });

  test('no body, or a non-object body, reads as no options', () => {
    expect(readOpenAIRequestOptions(recorded(undefined))).toEqual({});
    expect(readOpenAIRequestOptions(recorded('text'))).toEqual({});
  });
});

describe('readOllamaRequestOptions', () => {
  test('reads options.* and format', () => {
    const body = {
      format: 'json',
      options: {
        num_predict: 9,
        temperature: 0,
        top_p: 0.9,
        top_k: 40,
        stop: ['s'],
        seed: 1,
        presence_penalty: 0.1,
        frequency_penalty: 0.2,
      },
    };
    expect(readOllamaRequestOptions(recorded(body))).toEqual({
      maxOutputTokens: 9,
      temperature: 0,
      topP: 0.9,
      topK: 40,
      stop: ['s'],
      seed: 1,
      presencePenalty: 0.1,
      frequencyPenalty: 0.2,
      responseFormat: { type: 'json' },
    });
  });

  test('a schema format is JSON with that schema; no options means none', () => {
    expect(readOllamaRequestOptions(recorded({ format: { type: 'object' } }))).toEqual({
      responseFormat: { type: 'json', schema: { type: 'object' } },
    });
    expect(readOllamaRequestOptions(recorded({ options: null }))).toEqual({});
  });
});
