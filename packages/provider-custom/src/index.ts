// @modelyard/provider-custom: any OpenAI-compatible server as a Modelyard provider, on the `openai` client.
// Besides createCustomProvider and its settings, the OpenAI-compatible layer other providers build on
// (OpenRouter): see "Building on this package" in the README.

export {
  chatCompletionChunkSchema,
  chatCompletionSchema,
  type ServerErrorBody,
  type ServerUsage,
  serverErrorBodySchema,
  serverUsageSchema,
} from './custom-api';
export { createModelCatalogue, type ModelCatalogue, type ModelCatalogueOptions } from './custom-catalogue';
export {
  type ChatMessageBody,
  chatCompletionBody,
  chatMessagesOf,
  customRequestOptionsSchema,
  finishReasonOf,
  RESERVED_BODY_FIELDS,
  rejectReservedBodyFields,
  responseFormatBody,
  usageOf,
} from './custom-chat';
export { createOpenAIClient, type OpenAIClientOptions } from './custom-client';
export {
  type CustomErrorContext,
  classifyCustomError,
  classifyOpenAICompatibleError,
  customErrorKind,
  isContextLengthError,
  type OpenAICompatibleErrorRules,
  openAICompatibleHttpError,
} from './custom-error';
export { checkListingHealth, type ListingHealthOptions } from './custom-health';
export {
  type ChatAnswerFacts,
  type ChatAnswerReading,
  type ChatCompletionChunkOf,
  type ChatCompletionOf,
  createOpenAICompatibleModel,
  type OpenAICompatibleModelOptions,
} from './custom-language-model';
export { CUSTOM_KIND, type DeclaredModel, declaredModelSchema } from './custom-models';
export { createCustomProvider } from './custom-provider';
export { type CustomProviderSettings, customProviderSettingsSchema } from './custom-settings';
