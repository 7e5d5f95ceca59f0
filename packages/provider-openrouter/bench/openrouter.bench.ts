// The listing path: OpenRouter lists some 400 models, each normalized into ModelInfo whenever the
// cache is refreshed, so normalization must stay well under a millisecond per hundred models.
import { filterModels, openRouterModelToInfo, parsePriceString } from '@modelyard/provider-openrouter';
import type { Bench } from 'tinybench';

const entry = {
  id: 'anthropic/claude-3.5-sonnet',
  name: 'Anthropic: Claude 3.5 Sonnet',
  description: 'A fast, capable model.',
  context_length: 200_000,
  architecture: { input_modalities: ['text', 'image'], output_modalities: ['text'] },
  pricing: { prompt: '0.000003', completion: '0.000015', request: '0' },
  top_provider: { context_length: 200_000, max_completion_tokens: 8192, is_moderated: true },
  supported_parameters: ['max_tokens', 'temperature', 'tools', 'response_format', 'structured_outputs'],
};
const listing = Array.from({ length: 400 }, (_, index) => ({
  ...entry,
  id: index % 4 === 0 ? `vendor/model-${index}:free` : `vendor/model-${index}`,
  pricing: index % 4 === 0 ? { prompt: '0', completion: '0', request: '0' } : entry.pricing,
}));
const models = listing.map((model) => openRouterModelToInfo(model, 'openrouter'));

export default function register(bench: Bench): void {
  bench
    .add('parsePriceString', () => {
      parsePriceString('0.000003');
    })
    .add('openRouterModelToInfo (one entry)', () => {
      openRouterModelToInfo(entry, 'openrouter');
    })
    .add('openRouterModelToInfo (400-model listing)', () => {
      for (const model of listing) openRouterModelToInfo(model, 'openrouter');
    })
    .add('filterModels (400 models, price cap)', () => {
      filterModels(models, { maxInputPricePerToken: 0.000001 });
    });
}
