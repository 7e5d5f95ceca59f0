import { ConfigError, GENERATION_OPTIONS, type GenerateRequest } from '@modelyard/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  chatCompletionBody,
  chatMessagesOf,
  customRequestExtras,
  finishReasonOf,
  RESERVED_BODY_FIELDS,
  rejectReservedBodyFields,
  responseFormatBody,
  usageOf,
} from './custom-chat';

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

const ALL = [...GENERATION_OPTIONS];

describe('chatCompletionBody', () => {
  it('sends only the model and messages when no option is set', () => {
    expect(chatCompletionBody(hello, 'vendor/model', ALL, {})).toStrictEqual({
      model: 'vendor/model',
      messages: [{ role: 'user', content: 'Hello' }],
    });
  });

  const everyOption: GenerateRequest = {
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
  };

  it('sends every supported option in OpenAI names, zeros included', () => {
    expect(chatCompletionBody(everyOption, 'vendor/model', ALL, {})).toEqual({
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

  it('leaves out the options the server does not accept', () => {
    expect(chatCompletionBody(everyOption, 'm', ['temperature', 'responseFormat'], {})).toEqual({
      model: 'm',
      messages: [{ role: 'user', content: 'Hello' }],
      temperature: 0,
      response_format: { type: 'json_object' },
    });
    expect(chatCompletionBody(everyOption, 'm', [], {})).toEqual({
      model: 'm',
      messages: [{ role: 'user', content: 'Hello' }],
    });
  });

  it('adds the extras after the request fields', () => {
    expect(chatCompletionBody(hello, 'm', ALL, { min_p: 0.1 })).toEqual({
      model: 'm',
      messages: [{ role: 'user', content: 'Hello' }],
      min_p: 0.1,
    });
  });
});

describe('customRequestExtras', () => {
  it('is empty without custom options, and ignores other providers’ options', () => {
    expect(customRequestExtras(undefined)).toEqual({});
    expect(customRequestExtras({ openrouter: { models: ['a'] } })).toEqual({});
  });

  it('passes server-specific fields through', () => {
    expect(customRequestExtras({ custom: { repetition_penalty: 1.1, min_p: 0 } })).toEqual({
      repetition_penalty: 1.1,
      min_p: 0,
    });
  });

  it.each([
    'model',
    'messages',
    'stream',
    'stream_options',
    'max_tokens',
    'max_completion_tokens',
    'top_k',
    'response_format',
  ])('rejects %s, which the request itself sets', (field) => {
    const failure = () => customRequestExtras({ custom: { [field]: 1 } });
    expect(failure).toThrow(ConfigError);
    expect(failure).toThrow(/^Invalid providerOptions\.custom:/);
    expect(failure).toThrow(new RegExp(`${field}: expected no such field here`));
  });
});

describe('rejectReservedBodyFields', () => {
  it('reserves the fields the request sets: model, messages, streaming and every option', () => {
    expect([...RESERVED_BODY_FIELDS].sort()).toEqual([
      'frequency_penalty',
      'max_completion_tokens',
      'max_tokens',
      'messages',
      'model',
      'presence_penalty',
      'response_format',
      'seed',
      'stop',
      'stream',
      'stream_options',
      'temperature',
      'top_k',
      'top_p',
    ]);
  });

  it('refines another provider’s options schema, one issue per reserved field', () => {
    const schema = z
      .object({ route: z.string().optional() })
      .catchall(z.unknown())
      .superRefine(rejectReservedBodyFields);
    expect(schema.safeParse({ route: 'fast', extra: 1 }).success).toBe(true);
    const result = schema.safeParse({ route: 'fast', seed: 0, model: 'x' });
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['model', 'seed']);
  });
});

describe('finishReasonOf', () => {
  it.each([
    ['stop', 'stop'],
    ['length', 'length'],
    ['content_filter', 'content_filter'],
    ['tool_calls', 'tool_calls'],
    ['function_call', 'tool_calls'],
    ['eos_token', 'stop'],
    ['error', 'other'],
    ['abort', 'other'],
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
