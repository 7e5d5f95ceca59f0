// @modelyard/provider-openrouter: OpenRouter as a Modelyard provider, on the `openai` client.

export type { OpenRouterModel } from './openrouter-api';
export { openRouterRequestOptionsSchema } from './openrouter-chat';
export { OPENROUTER_API_KEY_ENV } from './openrouter-client';
export { classifyOpenRouterError, type OpenRouterErrorContext, openRouterErrorKind } from './openrouter-error';
export type { OpenRouterKeyInfo, OpenRouterKeyValidation } from './openrouter-key';
export { filterModels, type OpenRouterModelFilter, openRouterModelToInfo } from './openrouter-models';
export { parsePriceString } from './openrouter-price';
export {
  createOpenRouter,
  OPENROUTER_SUPPORTS,
  type OpenRouterProvider,
  openrouter,
  validateOpenRouterKey,
} from './openrouter-provider';
export { OPENROUTER_BASE_URL, type OpenRouterSettings, openRouterSettingsSchema } from './openrouter-settings';
