import { ConfigError, type GenerateRequest } from '@modelyard/core';
import { describe, expect, it } from 'vitest';
import {
  chatCompletionBody,
  chatMessagesOf,
  finishReasonOf,
  openRouterRequestExtras,
  responseFormatBody,
  usageOf,
} from './openrouter-chat';

const hello: GenerateRequest = { messages: [{ role: 'user', content: 'Hello' }] };

describe('chatMessagesOf', () => {
  it('puts the system prompt first, then the messages in order', () => {
    expect(
      chatMessagesOf({
        system: 'Be brief.',
        messages: [
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: 'Hello!' },
          { role: 'user', content: 'Bye' },
        ],
      }),
    ).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Hello!' },
      { role: 'user', content: 'Bye' },
    ]);
  });

  it('keeps an empty system prompt (a value, not unset)', () => {
    expect(chatMessagesOf({ ...hello, system: '' })[0]).toEqual({ role: 'system', content: '' });
  });

  it('turns text and image parts into OpenAI content parts, base64 images as data URLs', () => {
    const [message] = chatMessagesOf({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image', url: 'https://example.com/cat.png' },
            { type: 'image', data: 'iVBORw0KGgo=', mediaType: 'image/png' },
          ],
        },
      ],
    });
    expect(message).toEqual({
      role: 'user',
      content: [
        { type: 'text', text: 'What is this?' },
        { type: 'image_url', image_url: { url: 'https://example.com/cat.png' } },
        { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
      ],
    });
  });
});

describe('responseFormatBody', () => {
  it('maps text, any JSON and schema-bound JSON', () => {
    expect(responseFormatBody({ type: 'text' })).toEqual({ type: 'text' });
    expect(responseFormatBody({ type: 'json' })).toEqual({ type: 'json_object' });
    const schema = { type: 'object', properties: { answer: { type: 'string' } } };
    expect(responseFormatBody({ type: 'json', schema, name: 'answer' })).toEqual({
      type: 'json_schema',
      json_schema: { name: 'answer', schema, strict: true },
    });
    expect(responseFormatBody({ type: 'json', schema })).toEqual({
      type: 'json_schema',
      json_schema: { name: 'response', schema, strict: true },
    });
  });
});

describe('chatCompletionBody', () => {
  it('sends only the model and messages when no option is set', () => {
    expect(chatCompletionBody(hello, 'vendor/model', {})).toStrictEqual({
      model: 'vendor/model',
      messages: [{ role: 'user', content: 'Hello' }],
    });
  });

  it('sends every option in OpenAI names, zeros included', () => {
    const body = chatCompletionBody(
      {
        ...hello,
        maxOutputTokens: 0,
        temperature: 0,
        topP: 0,
        topK: 0,
        stop: ['END'],
        seed: 0,
        presencePenalty: 0,
        frequencyPenalty: -0.5,
        responseFormat: { type: 'json' },
      },
      'vendor/model',
      {},
    );
    expect(body).toEqual({
      model: 'vendor/model',
      messages: [{ role: 'user', content: 'Hello' }],
      max_tokens: 0,
      temperature: 0,
      top_p: 0,
      top_k: 0,
      stop: ['END'],
      seed: 0,
      presence_penalty: 0,
      frequency_penalty: -0.5,
      response_format: { type: 'json_object' },
    });
  });

  it("adds OpenRouter's extras after the request's own fields", () => {
    const body = chatCompletionBody(hello, 'a', { models: ['a', 'b'], provider: { sort: 'price' } });
    expect(body).toMatchObject({ model: 'a', models: ['a', 'b'], provider: { sort: 'price' } });
  });
});

describe('openRouterRequestExtras', () => {
  it('is empty without OpenRouter options, and ignores other providers’ options', () => {
    expect(openRouterRequestExtras(undefined)).toEqual({});
    expect(openRouterRequestExtras({ ollama: { keep_alive: '5m' } })).toEqual({});
  });

  it('passes the fallback list, routing preferences and other OpenRouter fields through', () => {
    const extras = {
      models: ['anthropic/claude-3.5-sonnet', 'openai/gpt-4o'],
      provider: { order: ['Anthropic'], allow_fallbacks: false },
      transforms: ['middle-out'],
    };
    expect(openRouterRequestExtras({ openrouter: extras })).toEqual(extras);
  });

  it('rejects a malformed fallback list with a ConfigError naming the field', () => {
    const failure = () => openRouterRequestExtras({ openrouter: { models: [] } });
    expect(failure).toThrow(ConfigError);
    expect(failure).toThrow(/^Invalid providerOptions\.openrouter:/);
    expect(failure).toThrow(/models: expected ≥ 1 items/);
    expect(() => openRouterRequestExtras({ openrouter: { models: ['a', ''] } })).toThrow(/models\[1\]/);
    expect(() => openRouterRequestExtras({ openrouter: { provider: 'fast' } })).toThrow(/provider: expected/);
  });

  it.each(['model', 'messages', 'stream', 'max_tokens', 'temperature', 'response_format'])(
    'rejects %s, which the request itself sets',
    (field) => {
      expect(() => openRouterRequestExtras({ openrouter: { [field]: 1 } })).toThrow(
        new RegExp(`${field}: expected no such field here`),
      );
    },
  );
});

describe('finishReasonOf', () => {
  it.each([
    ['stop', 'stop'],
    ['length', 'length'],
    ['content_filter', 'content_filter'],
    ['tool_calls', 'tool_calls'],
    ['function_call', 'tool_calls'],
    ['error', 'other'],
    ['eos', 'other'],
    [null, 'unknown'],
    [undefined, 'unknown'],
  ] as const)('%s → %s', (reason, expected) => {
    expect(finishReasonOf(reason)).toBe(expected);
  });
});

describe('usageOf', () => {
  it('maps counts, keeping 0 and leaving what is missing unknown', () => {
    expect(usageOf({ prompt_tokens: 12, completion_tokens: 0, total_tokens: 12 })).toEqual({
      inputTokens: 12,
      outputTokens: 0,
      totalTokens: 12,
    });
    expect(usageOf({ prompt_tokens: 3 })).toEqual({ inputTokens: 3, outputTokens: null, totalTokens: null });
    expect(usageOf(null)).toEqual({ inputTokens: null, outputTokens: null, totalTokens: null });
    expect(usageOf(undefined)).toEqual({ inputTokens: null, outputTokens: null, totalTokens: null });
  });

  it('leaves impossible counts unknown', () => {
    expect(usageOf({ prompt_tokens: -1, completion_tokens: 2.5, total_tokens: null })).toEqual({
      inputTokens: null,
      outputTokens: null,
      totalTokens: null,
    });
  });
});
