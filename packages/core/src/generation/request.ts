import { z } from 'zod';

/** A piece of text in a message. */
export const textPartSchema = z.strictObject({ type: z.literal('text'), text: z.string() });

/** An image in a message: a URL (http:, https: or data:) or base64 data with its media type. */
export const imagePartSchema = z.union([
  z.strictObject({ type: z.literal('image'), url: z.url({ protocol: /^(https?|data)$/ }) }),
  z.strictObject({
    type: z.literal('image'),
    data: z.base64(),
    mediaType: z.string().regex(/^image\/[\w.+-]+$/, 'an image media type such as "image/png"'),
  }),
]);

/** A message part: text or image. */
export const messagePartSchema = z.union([textPartSchema, imagePartSchema]);

/** A message part; see {@link messagePartSchema}. */
export type MessagePart = z.output<typeof messagePartSchema>;

/** One chat message. Content is plain text, or parts when it mixes text and images. */
export const chatMessageSchema = z.strictObject({
  role: z.enum(['system', 'user', 'assistant']),
  content: z.union([z.string(), z.array(messagePartSchema).min(1)]),
});

/** One chat message; see {@link chatMessageSchema}. */
export type ChatMessage = z.output<typeof chatMessageSchema>;

/** How the answer must be shaped: free text (default), any JSON, or JSON matching a schema. */
export const responseFormatSchema = z.union([
  z.strictObject({ type: z.literal('text') }),
  z.strictObject({
    type: z.literal('json'),
    /** JSON Schema the answer must match; absent means "any valid JSON". */
    schema: z.record(z.string(), z.unknown()).optional(),
    /** Schema name, for providers that want one. */
    name: z.string().min(1).optional(),
  }),
]);

/** See {@link responseFormatSchema}. */
export type ResponseFormat = z.output<typeof responseFormatSchema>;

/**
 * The names of generation options, as used in a provider's manifest
 * (`supports.generationOptions`) to say which ones it passes to the server.
 */
export const GENERATION_OPTIONS = [
  'maxOutputTokens',
  'temperature',
  'topP',
  'topK',
  'stop',
  'seed',
  'presencePenalty',
  'frequencyPenalty',
  'responseFormat',
] as const;

/** One of {@link GENERATION_OPTIONS}. */
export type GenerationOptionName = (typeof GENERATION_OPTIONS)[number];

/**
 * One chat request. For every generation option, `undefined` means "the provider's default" and
 * any number, including `0`, is sent as given (`temperature: 0` is greedy decoding, not "unset").
 * Ranges are only checked where every provider agrees (no negative temperature, top-p in 0–1);
 * the server judges the rest.
 *
 * Unknown fields are rejected, so `max_tokens` or `maxTokens` is an error, not silently ignored.
 */
export const generateRequestSchema = z.strictObject({
  /** The conversation, oldest first; at least one message. */
  messages: z.array(chatMessageSchema).min(1),
  /** A system prompt, sent before the messages. */
  system: z.string().optional(),
  /** Maximum tokens to generate. */
  maxOutputTokens: z.int().min(0).optional(),
  /** Sampling temperature (≥ 0). `0` is greedy. */
  temperature: z.number().finite().min(0).optional(),
  /** Nucleus sampling mass, 0–1. */
  topP: z.number().min(0).max(1).optional(),
  /** Sample from the K most likely tokens (≥ 0). */
  topK: z.int().min(0).optional(),
  /** Sequences that end generation. */
  stop: z.array(z.string().min(1)).optional(),
  /** Random seed for reproducible sampling, where the provider supports it. */
  seed: z.int().optional(),
  /** Penalty for tokens already present (typically −2 to 2). */
  presencePenalty: z.number().finite().optional(),
  /** Penalty proportional to token frequency (typically −2 to 2). */
  frequencyPenalty: z.number().finite().optional(),
  /** Shape of the answer; default free text. */
  responseFormat: responseFormatSchema.optional(),
  /**
   * Options only one kind of provider understands, keyed by provider kind
   * (`{ openrouter: { models: [...], provider: { sort: 'price' } } }`). Others ignore them.
   */
  providerOptions: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
  /** Extra HTTP headers for this request (remote providers). */
  headers: z.record(z.string(), z.string()).optional(),
});

/** One chat request; see {@link generateRequestSchema}. */
export type GenerateRequest = z.output<typeof generateRequestSchema>;

/** Options every call accepts. */
export interface CallOptions {
  /** Cancels the call. Aborting rejects with a ModelyardError of kind `aborted`. */
  signal?: AbortSignal;
}
