// A core GenerateRequest → the body of `POST /v1/echo/chat`.
import {
  type GenerateRequest,
  type GenerationOptionName,
  ModelyardError,
  type ProviderSupports,
  unsupportedGenerationOptions,
} from '@modelyard/core';
import type { EchoErrorScope } from './echo-error';

/** The chat endpoint (JSON, or NDJSON lines when the body says `stream: true`). */
export const ECHO_CHAT_PATH = '/v1/echo/chat';

/** The generation options Echo understands (its manifest's `generationOptions`); the others are warned about. */
export const ECHO_GENERATION_OPTIONS: readonly GenerationOptionName[] = Object.freeze([
  'maxOutputTokens',
  'temperature',
  'topP',
  'stop',
  'seed',
]);

/** The body Echo's chat endpoint reads. Absent fields mean "Echo's default". */
export interface EchoChatBody {
  model: string;
  system?: string;
  messages: { role: 'system' | 'user' | 'assistant'; content: string }[];
  max_tokens?: number;
  temperature?: number;
  top_p?: number;
  stop?: string[];
  seed?: number;
  stream: boolean;
}

function textOf(content: GenerateRequest['messages'][number]['content'], scope: EchoErrorScope): string {
  if (typeof content === 'string') return content;
  const texts = content.flatMap((part) => (part.type === 'text' ? [part.text] : []));
  // Echo reads text only. Dropping an image would answer a different question, so refuse instead.
  if (texts.length !== content.length) {
    throw new ModelyardError({
      kind: 'bad_request',
      message: 'Echo reads text only; this request has an image part',
      providerId: scope.providerId,
      modelId: scope.modelId ?? null,
    });
  }
  return texts.join('');
}

/**
 * Builds Echo's chat body. Every supported option is copied as given when it is not `undefined`
 * (so `temperature: 0` is sent as 0); options Echo does not know are left out and reported by
 * {@link echoWarnings}. Image parts are refused with `bad_request` before any I/O.
 */
export function echoChatBody(
  request: GenerateRequest,
  modelId: string,
  stream: boolean,
  scope: EchoErrorScope,
): EchoChatBody {
  return {
    model: modelId,
    ...(request.system === undefined ? {} : { system: request.system }),
    messages: request.messages.map((message) => ({ role: message.role, content: textOf(message.content, scope) })),
    ...(request.maxOutputTokens === undefined ? {} : { max_tokens: request.maxOutputTokens }),
    ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
    ...(request.topP === undefined ? {} : { top_p: request.topP }),
    ...(request.stop === undefined ? {} : { stop: request.stop }),
    ...(request.seed === undefined ? {} : { seed: request.seed }),
    stream,
  };
}

/** One warning per option set in `request` that Echo does not support (and that was not sent). */
export function echoWarnings(request: GenerateRequest, supports: ProviderSupports): string[] {
  return unsupportedGenerationOptions(request, supports).map(
    (name) => `${name} is not supported by Echo and was not sent`,
  );
}
