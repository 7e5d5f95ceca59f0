import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { encodeGguf } from './gguf-encoder';
import type { GgufMetadataEntry, GgufTensorType } from './gguf-types';
import { tinyLlamaTensors } from './tiny-llama-tensors';
import { TINY_LLAMA_SPECIAL_TOKENS, tinyLlamaVocabulary } from './tiny-llama-vocabulary';

/** A ChatML template (`<|im_start|>role\n…<|im_end|>`), which node-llama-cpp recognises. */
export const TINY_LLAMA_CHAT_TEMPLATE =
  "{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

/** The shape and contents of a tiny llama-architecture model; every field has a default. */
export interface TinyLlamaGgufOptions {
  /** Seed of the random weights (reduced to 32 bits). The same options always give the same bytes. Default 1. */
  seed?: number;
  /** `general.name`. Default `Modelyard tiny llama (seed <seed>)`. */
  name?: string;
  /** Width of the hidden state. Default 64; a multiple of `headCount`. */
  embeddingLength?: number;
  /** Transformer blocks. Default 2. */
  blockCount?: number;
  /** Attention heads. Default 4. */
  headCount?: number;
  /** Key/value heads (grouped-query attention); `headCount` must be a multiple of it. Default `headCount`. */
  headCountKv?: number;
  /** Width of the feed-forward layers. Default 128. */
  feedForwardLength?: number;
  /** The context length the model declares it was trained for (`llama.context_length`), in tokens. Default 512. */
  contextLength?: number;
  /** Element type of the weight matrices (norm weights stay F32, as llama.cpp expects). Default `f32`. */
  tensorType?: GgufTensorType;
  /** Jinja chat template (`tokenizer.chat_template`); `null` writes none. Default {@link TINY_LLAMA_CHAT_TEMPLATE}. */
  chatTemplate?: string | null;
}

/** {@link TinyLlamaGgufOptions} with every default filled in. */
export type ResolvedTinyLlamaOptions = Required<TinyLlamaGgufOptions>;

function positiveInteger(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
}

/** Fills in the defaults and checks that the shape is one llama.cpp can load. */
export function resolveTinyLlamaOptions(options: TinyLlamaGgufOptions = {}): ResolvedTinyLlamaOptions {
  const seed = options.seed ?? 1;
  const headCount = positiveInteger(options.headCount ?? 4, 'headCount');
  const headCountKv = positiveInteger(options.headCountKv ?? headCount, 'headCountKv');
  const embeddingLength = positiveInteger(options.embeddingLength ?? 64, 'embeddingLength');
  if (embeddingLength % headCount !== 0) throw new RangeError('embeddingLength must be a multiple of headCount');
  if (headCount % headCountKv !== 0) throw new RangeError('headCount must be a multiple of headCountKv');
  return {
    seed,
    name: options.name ?? `Modelyard tiny llama (seed ${seed})`,
    embeddingLength,
    blockCount: positiveInteger(options.blockCount ?? 2, 'blockCount'),
    headCount,
    headCountKv,
    feedForwardLength: positiveInteger(options.feedForwardLength ?? 128, 'feedForwardLength'),
    contextLength: positiveInteger(options.contextLength ?? 512, 'contextLength'),
    tensorType: options.tensorType ?? 'f32',
    chatTemplate: options.chatTemplate === undefined ? TINY_LLAMA_CHAT_TEMPLATE : options.chatTemplate,
  };
}

const uint32 = (key: string, value: number): GgufMetadataEntry => ({ key, value: { type: 'uint32', value } });

function tinyLlamaMetadata(options: ResolvedTinyLlamaOptions): GgufMetadataEntry[] {
  const vocabulary = tinyLlamaVocabulary();
  const metadata: GgufMetadataEntry[] = [
    { key: 'general.architecture', value: { type: 'string', value: 'llama' } },
    { key: 'general.name', value: { type: 'string', value: options.name } },
    // llama.cpp's file types: 0 = all F32, 1 = mostly F16.
    uint32('general.file_type', options.tensorType === 'f32' ? 0 : 1),
    uint32('general.alignment', 32),
    uint32('llama.vocab_size', vocabulary.length),
    uint32('llama.context_length', options.contextLength),
    uint32('llama.embedding_length', options.embeddingLength),
    uint32('llama.block_count', options.blockCount),
    uint32('llama.feed_forward_length', options.feedForwardLength),
    uint32('llama.attention.head_count', options.headCount),
    uint32('llama.attention.head_count_kv', options.headCountKv),
    uint32('llama.rope.dimension_count', options.embeddingLength / options.headCount),
    { key: 'llama.attention.layer_norm_rms_epsilon', value: { type: 'float32', value: 1e-5 } },
    { key: 'llama.rope.freq_base', value: { type: 'float32', value: 10_000 } },
    { key: 'tokenizer.ggml.model', value: { type: 'string', value: 'llama' } },
    {
      key: 'tokenizer.ggml.tokens',
      value: { type: 'array', itemType: 'string', values: vocabulary.map((token) => token.text) },
    },
    {
      key: 'tokenizer.ggml.scores',
      value: { type: 'array', itemType: 'float32', values: vocabulary.map((token) => token.score) },
    },
    {
      key: 'tokenizer.ggml.token_type',
      value: { type: 'array', itemType: 'int32', values: vocabulary.map((token) => token.type) },
    },
    uint32('tokenizer.ggml.unknown_token_id', TINY_LLAMA_SPECIAL_TOKENS.unknown),
    uint32('tokenizer.ggml.bos_token_id', TINY_LLAMA_SPECIAL_TOKENS.beginOfText),
    uint32('tokenizer.ggml.eos_token_id', TINY_LLAMA_SPECIAL_TOKENS.endOfText),
    { key: 'tokenizer.ggml.add_bos_token', value: { type: 'bool', value: true } },
    { key: 'tokenizer.ggml.add_eos_token', value: { type: 'bool', value: false } },
  ];
  if (options.chatTemplate !== null)
    metadata.push({ key: 'tokenizer.chat_template', value: { type: 'string', value: options.chatTemplate } });
  return metadata;
}

/**
 * The bytes of a tiny llama-architecture GGUF v3 model with deterministic random weights: a
 * SentencePiece vocabulary of 356 tokens, a ChatML chat template, and by default 64 dimensions,
 * 2 blocks, 4 heads (~0.5 MB in F32). llama.cpp loads it in milliseconds and generates from it, so
 * tests run real local inference without downloading a model. Its output layer scores only the
 * printable ASCII tokens, so greedy output is readable text that runs to the token limit.
 */
export function tinyLlamaGgufBytes(options: TinyLlamaGgufOptions = {}): Uint8Array {
  const resolved = resolveTinyLlamaOptions(options);
  return encodeGguf({ metadata: tinyLlamaMetadata(resolved), tensors: tinyLlamaTensors(resolved) });
}

/** Number of weights in the tiny model (what a loader reports as its parameter count). */
export function tinyLlamaParameterCount(options: TinyLlamaGgufOptions = {}): number {
  return tinyLlamaTensors(resolveTinyLlamaOptions(options)).reduce((sum, tensor) => sum + tensor.data.length, 0);
}

/** Options of {@link writeTinyLlamaGguf}: where to write, and the model's shape. */
export interface WriteTinyLlamaGgufOptions extends TinyLlamaGgufOptions {
  /** File to write (parent folders are created). Conventionally ends in `.gguf`. */
  path: string;
}

/** What {@link writeTinyLlamaGguf} wrote. */
export interface WrittenTinyLlama {
  path: string;
  /** Size of the file, in bytes. */
  sizeBytes: number;
}

/** Writes {@link tinyLlamaGgufBytes} to `path`. */
export async function writeTinyLlamaGguf(options: WriteTinyLlamaGgufOptions): Promise<WrittenTinyLlama> {
  const { path, ...shape } = options;
  const bytes = tinyLlamaGgufBytes(shape);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, bytes);
  return { path, sizeBytes: bytes.length };
}
