import type { FakeChatModel } from './openai-compatible-fake';

/** A USD amount as OpenRouter writes it: a plain decimal string, never exponent notation. */
export function formatPriceString(usd: number): string {
  if (usd === 0) return '0';
  return usd.toFixed(12).replace(/0+$/, '').replace(/\.$/, '');
}

/** One model in OpenRouter's `/api/v1/models` schema. */
export function openRouterModelOf(model: FakeChatModel, created: number, defaultParameters: readonly string[]) {
  const pricing = model.pricing ?? { prompt: 0, completion: 0 };
  const input = model.inputModalities ?? ['text'];
  const output = model.outputModalities ?? ['text'];
  return {
    id: model.id,
    canonical_slug: model.id,
    name: model.name ?? model.id,
    created,
    description: model.description ?? `Fake model ${model.id}`,
    context_length: model.contextLength ?? null,
    architecture: {
      modality: `${input.join('+')}->${output.join('+')}`,
      input_modalities: input,
      output_modalities: output,
      tokenizer: 'Other',
      instruct_type: null,
    },
    pricing: {
      prompt: formatPriceString(pricing.prompt),
      completion: formatPriceString(pricing.completion),
      request: formatPriceString(pricing.request ?? 0),
      image: '0',
      web_search: '0',
      internal_reasoning: '0',
    },
    top_provider: {
      context_length: model.contextLength ?? null,
      max_completion_tokens: model.maxCompletionTokens ?? null,
      is_moderated: false,
    },
    per_request_limits: null,
    supported_parameters: model.supportedParameters ?? [...defaultParameters],
    default_parameters: null,
  };
}
