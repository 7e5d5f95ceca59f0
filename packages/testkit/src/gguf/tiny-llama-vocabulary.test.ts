import { describe, expect, it } from 'vitest';
import {
  FIRST_PRINTABLE_TOKEN_ID,
  SENTENCE_PIECE_SPACE,
  TINY_LLAMA_SPECIAL_TOKENS,
  TOKEN_TYPES,
  tinyLlamaVocabulary,
} from './tiny-llama-vocabulary';

describe('tinyLlamaVocabulary', () => {
  const vocabulary = tinyLlamaVocabulary();

  it('has 5 special tokens, 256 byte tokens and 95 printable ASCII tokens', () => {
    expect(vocabulary).toHaveLength(5 + 256 + 95);
    expect(FIRST_PRINTABLE_TOKEN_ID).toBe(261);
  });

  it('starts with the special tokens at their documented ids', () => {
    expect(vocabulary.slice(0, 5)).toEqual([
      { text: '<unk>', score: 0, type: TOKEN_TYPES.unknown },
      { text: '<s>', score: 0, type: TOKEN_TYPES.control },
      { text: '</s>', score: 0, type: TOKEN_TYPES.control },
      { text: '<|im_start|>', score: 0, type: TOKEN_TYPES.control },
      { text: '<|im_end|>', score: 0, type: TOKEN_TYPES.control },
    ]);
    expect(TINY_LLAMA_SPECIAL_TOKENS).toEqual({ unknown: 0, beginOfText: 1, endOfText: 2, turnStart: 3, turnEnd: 4 });
    expect(TOKEN_TYPES).toEqual({ normal: 1, unknown: 2, control: 3, byte: 6 });
  });

  it('names byte tokens <0xXX> in upper-case hex, as llama.cpp looks them up', () => {
    expect(vocabulary[5]).toEqual({ text: '<0x00>', score: 0, type: TOKEN_TYPES.byte });
    expect(vocabulary[5 + 0x0a]?.text).toBe('<0x0A>');
    expect(vocabulary[260]).toEqual({ text: '<0xFF>', score: 0, type: TOKEN_TYPES.byte });
  });

  it('writes space as ▁ and gives printable characters decreasing scores', () => {
    expect(SENTENCE_PIECE_SPACE).toBe('▁');
    expect(vocabulary[261]).toEqual({ text: '▁', score: -0, type: TOKEN_TYPES.normal });
    expect(vocabulary[262]).toEqual({ text: '!', score: -1, type: TOKEN_TYPES.normal });
    expect(vocabulary[261 + ('A'.charCodeAt(0) - 32)]?.text).toBe('A');
    expect(vocabulary.at(-1)).toEqual({ text: '~', score: -94, type: TOKEN_TYPES.normal });
  });

  it('has no duplicate pieces', () => {
    expect(new Set(vocabulary.map((token) => token.text)).size).toBe(vocabulary.length);
  });
});
