import { z } from 'zod';

/**
 * The capability vocabulary. A model lists what it can do; requirements list what a request
 * needs; the selector matches the two exactly.
 *
 * | capability          | the model can…                                                         |
 * |---------------------|------------------------------------------------------------------------|
 * | `chat`              | answer a list of chat messages (every generative model here)           |
 * | `streaming`         | stream its answer token by token                                       |
 * | `tools`             | call tools/functions the request declares                              |
 * | `json`              | be constrained to emit valid JSON (JSON mode)                          |
 * | `structured_output` | be constrained to a given JSON Schema                                  |
 * | `vision`            | read images in the input                                               |
 * | `audio`             | read audio in the input                                                |
 * | `embeddings`        | produce embedding vectors                                              |
 * | `reasoning`         | think before answering (reasoning tokens / thinking mode)              |
 * | `code`              | is tuned for source code                                               |
 * | `long_context`      | holds 100,000 tokens or more (derived from `contextLength` when known) |
 */
export const CAPABILITIES = [
  'chat',
  'streaming',
  'tools',
  'json',
  'structured_output',
  'vision',
  'audio',
  'embeddings',
  'reasoning',
  'code',
  'long_context',
] as const;

/** One of {@link CAPABILITIES}. */
export type Capability = (typeof CAPABILITIES)[number];

/** Schema of {@link Capability}. */
export const capabilitySchema = z.enum(CAPABILITIES);

/** The context length from which a model counts as `long_context`, in tokens. */
export const LONG_CONTEXT_TOKENS = 100_000;

/** Kinds of content a model reads or writes. */
export const MODALITIES = ['text', 'image', 'audio', 'video', 'file', 'embedding'] as const;

/** One of {@link MODALITIES}. */
export type Modality = (typeof MODALITIES)[number];

/** Schema of {@link Modality}. */
export const modalitySchema = z.enum(MODALITIES);
