import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { composeFakeAnswer, countPromptTokens, defaultFakeAnswer, textOfContent, tokenize } from './fake-answer';

describe('fake answers', () => {
  test('tokenize keeps trailing whitespace so tokens join back exactly', () => {
    expect(tokenize('a  b\nc ')).toEqual(['a  ', 'b\n', 'c ']);
    expect(tokenize('  lead')).toEqual(['  ', 'lead']);
    expect(tokenize('')).toEqual([]);
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(tokenize(text).join('')).toBe(text);
      }),
    );
  });

  test('text of content: strings, text parts only, nothing else', () => {
    expect(textOfContent('hi')).toBe('hi');
    expect(
      textOfContent([
        { type: 'text', text: 'a' },
        { type: 'image', url: 'x' },
        { type: 'text', text: 'b' },
      ]),
    ).toBe('ab');
    expect(textOfContent(42)).toBe('');
    expect(
      countPromptTokens([
        { role: 'user', content: '12345' },
        { role: 'assistant', content: '123' },
      ]),
    ).toBe(2);
    expect(countPromptTokens([])).toBe(0);
  });

  test('the default answer names the model and repeats the last user message', () => {
    expect(
      defaultFakeAnswer({
        modelId: 'm',
        messages: [
          { role: 'user', content: ' first ' },
          { role: 'assistant', content: 'x' },
          { role: 'user', content: 'second' },
        ],
      }),
    ).toBe('m heard: second');
    expect(defaultFakeAnswer({ modelId: 'm', messages: [{ role: 'system', content: 's' }] })).toBe(
      'm heard: (nothing)',
    );
  });

  test('compose cuts at the first stop sequence, then at maxTokens', () => {
    const base = { modelId: 'm', messages: [{ role: 'user', content: 'a b c d' }], answer: defaultFakeAnswer };
    expect(composeFakeAnswer({ ...base, maxTokens: undefined, stop: [] })).toEqual({
      tokens: ['m ', 'heard: ', 'a ', 'b ', 'c ', 'd'],
      text: 'm heard: a b c d',
      finishReason: 'stop',
      promptTokens: 2,
      completionTokens: 6,
    });
    expect(composeFakeAnswer({ ...base, maxTokens: 6, stop: [] }).finishReason).toBe('stop');
    expect(composeFakeAnswer({ ...base, maxTokens: 5, stop: [] })).toMatchObject({
      text: 'm heard: a b c ',
      finishReason: 'length',
      completionTokens: 5,
    });
    expect(composeFakeAnswer({ ...base, maxTokens: 0, stop: [] })).toMatchObject({
      text: '',
      finishReason: 'length',
      completionTokens: 0,
    });
    expect(composeFakeAnswer({ ...base, maxTokens: undefined, stop: ['c', 'b'] })).toMatchObject({
      text: 'm heard: a ',
      finishReason: 'stop',
    });
  });
});
