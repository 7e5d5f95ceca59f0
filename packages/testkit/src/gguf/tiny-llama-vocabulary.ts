/** llama.cpp's token types (`tokenizer.ggml.token_type`). */
export const TOKEN_TYPES = { normal: 1, unknown: 2, control: 3, byte: 6 } as const;

/** One token of the tiny vocabulary. */
export interface VocabularyToken {
  /** The piece as SentencePiece writes it: `▁` for a space, `<0x0A>` for a raw byte. */
  text: string;
  /** SentencePiece score (higher merges first); only ordering matters. */
  score: number;
  type: (typeof TOKEN_TYPES)[keyof typeof TOKEN_TYPES];
}

/** SentencePiece's stand-in for a space. */
export const SENTENCE_PIECE_SPACE = '\u2581';

/** Ids of the special tokens of the tiny vocabulary. */
export const TINY_LLAMA_SPECIAL_TOKENS = {
  unknown: 0,
  beginOfText: 1,
  endOfText: 2,
  turnStart: 3,
  turnEnd: 4,
} as const;

/** The first id of a printable ASCII token (after the 5 special and 256 byte tokens). */
export const FIRST_PRINTABLE_TOKEN_ID = 5 + 256;

const PRINTABLE_ASCII_FIRST = 0x20;
const PRINTABLE_ASCII_LAST = 0x7e;

/**
 * The vocabulary of the tiny test models, SentencePiece-style (`tokenizer.ggml.model = llama`):
 * `<unk>`, `<s>`, `</s>`, the ChatML markers `<|im_start|>` and `<|im_end|>` (control tokens, so
 * the chat template tokenizes), the 256 byte-fallback tokens `<0x00>`…`<0xFF>`, then one token
 * per printable ASCII character (space written `▁`). 356 tokens in all; any text tokenizes,
 * through the byte tokens when nothing else fits.
 */
export function tinyLlamaVocabulary(): VocabularyToken[] {
  const tokens: VocabularyToken[] = [
    { text: '<unk>', score: 0, type: TOKEN_TYPES.unknown },
    { text: '<s>', score: 0, type: TOKEN_TYPES.control },
    { text: '</s>', score: 0, type: TOKEN_TYPES.control },
    { text: '<|im_start|>', score: 0, type: TOKEN_TYPES.control },
    { text: '<|im_end|>', score: 0, type: TOKEN_TYPES.control },
  ];
  for (let byte = 0; byte < 256; byte++) {
    const text = `<0x${byte.toString(16).toUpperCase().padStart(2, '0')}>`;
    tokens.push({ text, score: 0, type: TOKEN_TYPES.byte });
  }
  for (let code = PRINTABLE_ASCII_FIRST; code <= PRINTABLE_ASCII_LAST; code++) {
    const text = code === PRINTABLE_ASCII_FIRST ? SENTENCE_PIECE_SPACE : String.fromCharCode(code);
    // Negative, distinct scores, as SentencePiece writes them; no merges exist, so order is all.
    tokens.push({ text, score: -(code - PRINTABLE_ASCII_FIRST), type: TOKEN_TYPES.normal });
  }
  return tokens;
}
