// Echo's model listing → core ModelInfo.
import {
  type Capability,
  describeZodIssue,
  LONG_CONTEXT_TOKENS,
  type ModelInfo,
  modelInfoSchema,
} from '@modelyard/core';
import { type EchoModel, readEchoModelList } from './echo-api';
import type { EchoClient } from './echo-client';
import { invalidEchoResponse } from './echo-error';

/** The provider kind every Echo instance reports (`ModelInfo.providerKind`). */
export const ECHO_PROVIDER_KIND = 'echo';

/** The listing endpoint: free to call, so health checks use it too. */
export const ECHO_MODELS_PATH = '/v1/echo/models';

/** USD per million tokens → USD per token (core's unit); unknown stays unknown. */
function perToken(pricePerMillion: number | null): number | null {
  return pricePerMillion === null ? null : pricePerMillion / 1_000_000;
}

/**
 * One Echo model as a core {@link ModelInfo}: remote, chat + streaming (+ `long_context` from
 * 100,000 tokens), prices converted to USD per token. The result is checked with core's
 * `modelInfoSchema` (which also fills its defaults); a listing that breaks it (a free model with
 * a price, more output than context) is an `invalid_response` naming the field.
 */
export function echoModelToInfo(model: EchoModel, providerId: string): ModelInfo {
  const capabilities: Capability[] = ['chat', 'streaming'];
  if (model.contextTokens !== null && model.contextTokens >= LONG_CONTEXT_TOKENS) capabilities.push('long_context');
  const parsed = modelInfoSchema.safeParse(
    {
      providerId,
      modelId: model.id,
      providerKind: ECHO_PROVIDER_KIND,
      ...(model.name === null ? {} : { displayName: model.name }),
      locality: 'remote',
      contextLength: model.contextTokens,
      maxOutputTokens: model.maxOutputTokens,
      pricing: {
        inputPerToken: perToken(model.pricePerMillion.input),
        outputPerToken: perToken(model.pricePerMillion.output),
        perRequest: 0,
      },
      isFree: model.isFree,
      capabilities,
      modalities: { input: ['text'], output: ['text'] },
    },
    { reportInput: true },
  );
  if (!parsed.success) {
    const issues = parsed.error.issues
      .map(describeZodIssue)
      .map((issue) => `${issue.path}: expected ${issue.expected}, received ${issue.received}`);
    throw invalidEchoResponse(`model "${model.id}" in the listing: ${issues.join('; ')}`, { providerId });
  }
  return parsed.data;
}

/** `GET /v1/echo/models` → every model as a {@link ModelInfo}. Rejects with a ModelyardError. */
export async function listEchoModels(client: EchoClient, signal: AbortSignal | undefined): Promise<ModelInfo[]> {
  const response = await client.send({ method: 'GET', path: ECHO_MODELS_PATH, signal });
  const list = readEchoModelList(await client.readJson(response, { signal }));
  if (!list.success) throw invalidEchoResponse(`the model list: ${list.issue}`, client.scope());
  return list.data.map((model) => echoModelToInfo(model, client.providerId));
}
