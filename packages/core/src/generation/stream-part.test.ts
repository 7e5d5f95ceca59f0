import { describe, expect, it } from 'vitest';
import { ModelyardError } from '../errors/modelyard-error';
import { checkStreamSequence, STREAM_PART_TYPES, type StreamPart } from './stream-part';

const start: StreamPart = { type: 'start', model: { providerId: 'ollama', modelId: 'llama3.1:8b' }, warnings: [] };
const usage = { inputTokens: 3, outputTokens: 2, totalTokens: 5 };
const finish: StreamPart = {
  type: 'finish',
  finishReason: 'stop',
  usage,
  timings: { totalMs: 10, timeToFirstTokenMs: 4, tokensPerSecond: 200, loadMs: null },
  costUsd: 0,
  providerMetadata: {},
};
const failure: StreamPart = {
  type: 'error',
  error: new ModelyardError({ kind: 'unavailable', message: 'connection reset' }),
  deliveredCharacters: 5,
};
const text = (value: string): StreamPart => ({ type: 'text-delta', text: value });

describe('STREAM_PART_TYPES', () => {
  it('lists the five part types', () => {
    expect(STREAM_PART_TYPES).toEqual(['start', 'text-delta', 'usage', 'finish', 'error']);
  });
});

describe('checkStreamSequence', () => {
  it('accepts start, deltas and usage in any number, then finish', () => {
    expect(checkStreamSequence([start, text('Hel'), { type: 'usage', usage }, text('lo'), text(''), finish])).toEqual({
      isWellFormed: true,
      isComplete: true,
      problems: [],
      text: 'Hello',
    });
  });

  it('accepts a stream that ends in an error part', () => {
    expect(checkStreamSequence([start, text('Hello'), failure])).toEqual({
      isWellFormed: true,
      isComplete: true,
      problems: [],
      text: 'Hello',
    });
  });

  it('accepts start then finish with no text', () => {
    expect(checkStreamSequence([start, finish])).toEqual({
      isWellFormed: true,
      isComplete: true,
      problems: [],
      text: '',
    });
  });

  it('reports a missing start', () => {
    expect(checkStreamSequence([text('Hi'), finish])).toEqual({
      isWellFormed: false,
      isComplete: true,
      problems: ['part 0 is "text-delta", expected "start"'],
      text: 'Hi',
    });
  });

  it('reports a second start', () => {
    expect(checkStreamSequence([start, text('a'), start, finish]).problems).toEqual(['part 2 is a second "start"']);
  });

  it('reports every part after the terminal one', () => {
    expect(checkStreamSequence([start, finish, text('late'), failure])).toEqual({
      isWellFormed: false,
      isComplete: true,
      problems: [
        'part 2 ("text-delta") comes after the terminal part 1',
        'part 3 ("error") comes after the terminal part 1',
      ],
      text: 'late',
    });
    expect(checkStreamSequence([start, failure, start]).problems).toEqual([
      'part 2 is a second "start"',
      'part 2 ("start") comes after the terminal part 1',
    ]);
  });

  it('reports an empty stream', () => {
    expect(checkStreamSequence([])).toEqual({
      isWellFormed: false,
      isComplete: false,
      problems: ['the stream yielded no part'],
      text: '',
    });
  });

  it('an incomplete stream is well-formed so far, but not complete', () => {
    expect(checkStreamSequence([start, text('Hel')])).toEqual({
      isWellFormed: true,
      isComplete: false,
      problems: [],
      text: 'Hel',
    });
    expect(checkStreamSequence([start]).isComplete).toBe(false);
  });

  it('a part after the terminal one leaves the stream incomplete', () => {
    expect(checkStreamSequence([start, finish, { type: 'usage', usage }]).isComplete).toBe(false);
  });
});
