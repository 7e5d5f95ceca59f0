import { describe, expect, it } from 'vitest';
import { ConfigError, parseWithSchema } from '../errors/config-error';
import {
  chatMessageSchema,
  GENERATION_OPTIONS,
  generateRequestSchema,
  imagePartSchema,
  messagePartSchema,
  responseFormatSchema,
  textPartSchema,
} from './request';

const hello = [{ role: 'user', content: 'Hello' }] as const;

function messageOf(input: unknown): string {
  try {
    parseWithSchema(generateRequestSchema, input, 'GenerateRequest');
  } catch (error) {
    if (ConfigError.isInstance(error)) return error.message;
    throw error;
  }
  throw new Error('expected a ConfigError, nothing was thrown');
}

describe('message parts', () => {
  it('text parts, image URLs and base64 images', () => {
    expect(textPartSchema.parse({ type: 'text', text: '' })).toEqual({ type: 'text', text: '' });
    for (const url of ['https://example.com/cat.png', 'data:image/png;base64,iVBORw0KGgo=']) {
      expect(imagePartSchema.parse({ type: 'image', url })).toEqual({ type: 'image', url });
    }
    const data = { type: 'image', data: 'iVBORw0KGgo=', mediaType: 'image/svg+xml' };
    expect(messagePartSchema.parse(data)).toEqual(data);
  });

  it.each([
    [{ type: 'image', url: 'not a url' }],
    [{ type: 'image', url: 'javascript:alert(1)' }],
    [{ type: 'image', url: 'file:///etc/passwd' }],
    [{ type: 'image', url: 'xhttps://example.com/a.png' }],
    [{ type: 'image', url: 'datax://example.com/a.png' }],
    [{ type: 'image', data: 'iVBORw0KGgo=', mediaType: 'ximage/png' }],
    [{ type: 'image', data: 'iVBORw0KGgo=', mediaType: 'image/png; x' }],
    [{ type: 'image', data: 'not base64!', mediaType: 'image/png' }],
    [{ type: 'image', data: 'iVBORw0KGgo=', mediaType: 'application/pdf' }],
    [{ type: 'image', url: 'https://example.com/a.png', data: 'iVBORw0KGgo=' }],
    [{ type: 'text', text: 'x', extra: 1 }],
    [{ type: 'audio', data: 'x' }],
  ])('rejects the part %j', (part) => {
    expect(messagePartSchema.safeParse(part).success).toBe(false);
  });

  it('chat messages hold text or at least one part', () => {
    expect(chatMessageSchema.safeParse({ role: 'system', content: '' }).success).toBe(true);
    expect(chatMessageSchema.safeParse({ role: 'user', content: [{ type: 'text', text: 'a' }] }).success).toBe(true);
    expect(chatMessageSchema.safeParse({ role: 'user', content: [] }).success).toBe(false);
    expect(chatMessageSchema.safeParse({ role: 'tool', content: 'x' }).success).toBe(false);
  });

  it('response formats: text, any JSON, or JSON with a schema and a name', () => {
    for (const format of [
      { type: 'text' },
      { type: 'json' },
      { type: 'json', schema: { type: 'object' }, name: 'answer' },
    ]) {
      expect(responseFormatSchema.parse(format)).toEqual(format);
    }
    expect(responseFormatSchema.safeParse({ type: 'json', name: '' }).success).toBe(false);
    expect(responseFormatSchema.safeParse({ type: 'xml' }).success).toBe(false);
  });
});

describe('generateRequestSchema', () => {
  it('lists the generation options a manifest can name', () => {
    expect(GENERATION_OPTIONS).toEqual([
      'maxOutputTokens',
      'temperature',
      'topP',
      'topK',
      'stop',
      'seed',
      'presencePenalty',
      'frequencyPenalty',
      'responseFormat',
    ]);
  });

  it('adds nothing to a request with messages only: every option stays "provider default"', () => {
    expect(generateRequestSchema.parse({ messages: hello })).toStrictEqual({ messages: hello });
  });

  it('passes every number through as given, 0 included', () => {
    const request = {
      messages: hello,
      maxOutputTokens: 0,
      temperature: 0,
      topP: 0,
      topK: 0,
      seed: 0,
      presencePenalty: 0,
      frequencyPenalty: 0,
    };
    expect(generateRequestSchema.parse(request)).toStrictEqual(request);
  });

  it('keeps every field given', () => {
    const request = {
      messages: [
        { role: 'system', content: 'Be brief.' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image', url: 'https://x.test/a.png' },
          ],
        },
      ],
      system: 'You are a narrator.',
      maxOutputTokens: 256,
      temperature: 1.2,
      topP: 1,
      topK: 40,
      stop: ['\n\n'],
      seed: -7,
      presencePenalty: -2,
      frequencyPenalty: 2,
      responseFormat: { type: 'json', name: 'answer' },
      providerOptions: { openrouter: { models: ['a/b'], provider: { sort: 'price' } } },
      headers: { 'X-Title': 'Modelyard' },
    };
    expect(generateRequestSchema.parse(request)).toStrictEqual(request);
  });

  it('rejects a misspelled option, naming it', () => {
    expect(messageOf({ messages: hello, max_tokens: 10, maxTokens: 10 })).toBe(
      'Invalid GenerateRequest:\n  - (root): expected only known fields, received unknown fields "max_tokens", "maxTokens"',
    );
  });

  it('checks only the ranges every provider agrees on', () => {
    expect(
      messageOf({
        messages: [],
        maxOutputTokens: -1,
        temperature: -0.1,
        topP: 1.5,
        topK: 2.5,
        stop: [''],
        seed: 0.5,
        presencePenalty: Number.NaN,
      }),
    ).toBe(
      [
        'Invalid GenerateRequest:',
        '  - messages: expected ≥ 1 items, received an array of 0',
        '  - maxOutputTokens: expected a number ≥ 0, received -1',
        '  - temperature: expected a number ≥ 0, received -0.1',
        '  - topP: expected a number ≤ 1, received 1.5',
        '  - topK: expected an integer, received 2.5',
        '  - stop[0]: expected a string of ≥ 1 characters, received ""',
        '  - seed: expected an integer, received 0.5',
        '  - presencePenalty: expected a number, received NaN',
      ].join('\n'),
    );
  });

  it('describes a message content of the wrong type', () => {
    expect(messageOf({ messages: [{ role: 'user', content: 5 }] })).toBe(
      'Invalid GenerateRequest:\n  - messages[0].content: expected a string or an array, received 5',
    );
  });

  it('rejects a header value that is not a string', () => {
    expect(messageOf({ messages: hello, headers: { 'X-Retries': 3 } })).toBe(
      'Invalid GenerateRequest:\n  - headers.X-Retries: expected a string, received 3',
    );
  });
});

describe('image media type errors', () => {
  it('say which media type is expected', () => {
    expect(() =>
      parseWithSchema(
        messagePartSchema,
        { type: 'image', data: 'iVBORw0KGgo=', mediaType: 'text/plain' },
        'message part',
      ),
    ).toThrow('an image media type such as "image/png"');
  });
});
