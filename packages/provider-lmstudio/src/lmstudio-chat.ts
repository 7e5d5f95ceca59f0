// A core GenerateRequest as what the SDK's respond() takes: a chat (text, and images uploaded to
// LM Studio as files) and a prediction config.

import type { ChatMessageInput, FileHandle, LLMPredictionConfigInput } from '@lmstudio/sdk';
import {
  ConfigError,
  type GenerateRequest,
  type GenerationOptionName,
  type MessagePart,
  parseWithSchema,
} from '@modelyard/core';
import { z } from 'zod';

/**
 * The generation options this provider sends, through the SDK's typed prediction config
 * (`maxTokens`, `temperature`, `topPSampling`, `topKSampling`, `stopStrings`, `structured`).
 * `seed`, `presencePenalty` and `frequencyPenalty` have no place in it in SDK 1.5: they are not
 * sent and come back as warnings.
 */
export const LMSTUDIO_GENERATION_OPTIONS = [
  'maxOutputTokens',
  'temperature',
  'topP',
  'topK',
  'stop',
  'responseFormat',
] as const satisfies readonly GenerationOptionName[];

/** What LM Studio accepts beyond core's own checks: at least one token, top-k at most 500. */
export const lmstudioRequestLimitsSchema = z.object({
  maxOutputTokens: z
    .int()
    .refine((value) => value >= 1, 'a number ≥ 1 (LM Studio generates at least one token)')
    .optional(),
  topK: z
    .int()
    .refine((value) => value <= 500, "a number ≤ 500 (LM Studio's top-k range)")
    .optional(),
});

/** The SDK's prediction config of a (parsed) request: only what the request sets. */
export function predictionConfigOf(request: GenerateRequest): LLMPredictionConfigInput {
  parseWithSchema(lmstudioRequestLimitsSchema, request, 'GenerateRequest for LM Studio');
  const config: LLMPredictionConfigInput = {};
  if (request.maxOutputTokens !== undefined) config.maxTokens = request.maxOutputTokens;
  if (request.temperature !== undefined) config.temperature = request.temperature;
  if (request.topP !== undefined) config.topPSampling = request.topP;
  if (request.topK !== undefined) config.topKSampling = request.topK;
  if (request.stop !== undefined) config.stopStrings = [...request.stop];
  if (request.responseFormat?.type === 'json') {
    // An empty JSON Schema accepts any JSON value: "JSON mode" without a schema.
    config.structured = { type: 'json', jsonSchema: request.responseFormat.schema ?? {} };
  }
  return config;
}

/** An image part's bytes: base64 data and its media type. */
export interface ImageData {
  base64: string;
  mediaType: string;
}

const DATA_URL = /^data:([^;,]+)?(?:;[^;,]*)*;base64,(.*)$/s;

/**
 * The data of an image part. LM Studio takes images as uploaded files, so an image must come as
 * data (`{ data, mediaType }` or a `data:` URL); an `http(s)` URL is refused with a ConfigError
 * naming the part (this provider does not download images).
 */
export function imageDataOf(part: Extract<MessagePart, { type: 'image' }>, path: string): ImageData {
  if ('data' in part) return { base64: part.data, mediaType: part.mediaType };
  const match = DATA_URL.exec(part.url);
  if (match === null) {
    throw new ConfigError('GenerateRequest for LM Studio', [
      {
        path: `${path}.url`,
        expected: 'image data ({ data, mediaType }) or a base64 data: URL; LM Studio takes images as uploaded files',
        received: 'an http(s) URL',
      },
    ]);
  }
  return { base64: match[2] as string, mediaType: match[1] ?? 'application/octet-stream' };
}

/** Uploads one image to LM Studio and returns its handle (`client.files.prepareImageBase64`). */
export type ImageUploader = (fileName: string, image: ImageData) => Promise<FileHandle>;

/**
 * The chat of a request: the system prompt first (when set), then every message with its text
 * parts joined by line breaks and its images uploaded through `upload`, in order.
 */
export async function chatOf(request: GenerateRequest, upload: ImageUploader): Promise<ChatMessageInput[]> {
  // Every image is checked before the first upload: a bad part fails without touching LM Studio.
  const plan = request.messages.map((message, messageIndex) => {
    if (typeof message.content === 'string') return { role: message.role, text: message.content, images: [] };
    const texts: string[] = [];
    const images: { fileName: string; image: ImageData }[] = [];
    for (const [partIndex, part] of message.content.entries()) {
      if (part.type === 'text') texts.push(part.text);
      else {
        const image = imageDataOf(part, `messages[${messageIndex}].content[${partIndex}]`);
        const extension = image.mediaType.split('/')[1] ?? 'bin';
        images.push({ fileName: `image-${messageIndex}-${partIndex}.${extension}`, image });
      }
    }
    return { role: message.role, text: texts.join('\n'), images };
  });
  const chat: ChatMessageInput[] = [];
  if (request.system !== undefined) chat.push({ role: 'system', content: request.system });
  for (const entry of plan) {
    const images: FileHandle[] = [];
    for (const { fileName, image } of entry.images) images.push(await upload(fileName, image));
    chat.push({ role: entry.role, content: entry.text, ...(images.length > 0 ? { images } : {}) });
  }
  return chat;
}
