import type { FileHandle } from '@lmstudio/sdk';
import { ConfigError, type GenerateRequest } from '@modelyard/core';
import { describe, expect, test } from 'vitest';
import { chatOf, imageDataOf, predictionConfigOf } from './lmstudio-chat';

const USER = [{ role: 'user' as const, content: 'hi' }];

function configError(action: () => unknown): ConfigError {
  try {
    action();
  } catch (error) {
    if (ConfigError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('predictionConfigOf', () => {
  test('every supported option, under the SDK names; 0 is a temperature', () => {
    expect(
      predictionConfigOf({
        messages: USER,
        maxOutputTokens: 48,
        temperature: 0,
        topP: 0.5,
        topK: 7,
        stop: ['STOP'],
        responseFormat: { type: 'json', schema: { type: 'object' } },
        seed: 42,
        presencePenalty: 0.25,
      }),
    ).toEqual({
      maxTokens: 48,
      temperature: 0,
      topPSampling: 0.5,
      topKSampling: 7,
      stopStrings: ['STOP'],
      structured: { type: 'json', jsonSchema: { type: 'object' } },
    });
  });

  test('nothing set, nothing sent; JSON without a schema is the empty schema; text is the default', () => {
    expect(predictionConfigOf({ messages: USER })).toEqual({});
    expect(predictionConfigOf({ messages: USER, responseFormat: { type: 'json' } })).toEqual({
      structured: { type: 'json', jsonSchema: {} },
    });
    expect(predictionConfigOf({ messages: USER, responseFormat: { type: 'text' } })).toEqual({});
  });

  test('LM Studio limits: at least 1 token, top-k at most 500 (500 and 1 themselves pass)', () => {
    expect(predictionConfigOf({ messages: USER, maxOutputTokens: 1, topK: 500 })).toEqual({
      maxTokens: 1,
      topKSampling: 500,
    });
    const error = configError(() => predictionConfigOf({ messages: USER, maxOutputTokens: 0, topK: 501 }));
    expect(error.issues).toEqual([
      { path: 'maxOutputTokens', expected: 'a number ≥ 1 (LM Studio generates at least one token)', received: '0' },
      { path: 'topK', expected: "a number ≤ 500 (LM Studio's top-k range)", received: '501' },
    ]);
  });
});

describe('imageDataOf', () => {
  test('data with its media type, or a base64 data: URL', () => {
    expect(imageDataOf({ type: 'image', data: 'AAEC', mediaType: 'image/png' }, 'p')).toEqual({
      base64: 'AAEC',
      mediaType: 'image/png',
    });
    expect(imageDataOf({ type: 'image', url: 'data:image/jpeg;base64,/9j/4A==' }, 'p')).toEqual({
      base64: '/9j/4A==',
      mediaType: 'image/jpeg',
    });
    expect(imageDataOf({ type: 'image', url: 'data:;base64,AA==' }, 'p')).toEqual({
      base64: 'AA==',
      mediaType: 'application/octet-stream',
    });
  });

  test('an http(s) URL is a ConfigError naming the part', () => {
    const error = configError(() =>
      imageDataOf({ type: 'image', url: 'https://example.com/cat.png' }, 'messages[0].content[1]'),
    );
    expect(error.issues[0]?.path).toBe('messages[0].content[1].url');
    expect(error.kind).toBe('bad_request');
  });
});

describe('chatOf', () => {
  test('the system prompt first, text parts joined by line breaks, images uploaded in order', async () => {
    const uploads: string[] = [];
    const upload = async (fileName: string, image: { base64: string; mediaType: string }) => {
      uploads.push(`${fileName}:${image.mediaType}:${image.base64}`);
      return { identifier: `file-${uploads.length}` } as unknown as FileHandle;
    };
    const request: GenerateRequest = {
      system: 'Be brief',
      messages: [
        { role: 'user', content: 'first' },
        { role: 'assistant', content: 'ok' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'look' },
            { type: 'image', data: 'AAEC', mediaType: 'image/png' },
            { type: 'text', text: 'at this' },
            { type: 'image', url: 'data:image/webp;base64,UklG' },
          ],
        },
      ],
    };
    const chat = await chatOf(request, upload);
    expect(uploads).toEqual(['image-2-1.png:image/png:AAEC', 'image-2-3.webp:image/webp:UklG']);
    expect(chat).toEqual([
      { role: 'system', content: 'Be brief' },
      { role: 'user', content: 'first' },
      { role: 'assistant', content: 'ok' },
      { role: 'user', content: 'look\nat this', images: [{ identifier: 'file-1' }, { identifier: 'file-2' }] },
    ]);
  });

  test('a bad image fails before anything is uploaded', async () => {
    let uploads = 0;
    const upload = async () => {
      uploads++;
      return {} as FileHandle;
    };
    const request: GenerateRequest = {
      messages: [
        { role: 'user', content: [{ type: 'image', data: 'AAEC', mediaType: 'image/png' }] },
        { role: 'user', content: [{ type: 'image', url: 'http://example.com/a.png' }] },
      ],
    };
    await expect(chatOf(request, upload)).rejects.toMatchObject({ kind: 'bad_request' });
    expect(uploads).toBe(0);
  });
});
