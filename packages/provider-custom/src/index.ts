// @modelyard/provider-custom: any OpenAI-compatible server as a Modelyard provider, on the `openai` client.

export { customRequestOptionsSchema } from './custom-chat';
export { type CustomErrorContext, classifyCustomError, customErrorKind } from './custom-error';
export { CUSTOM_KIND, type DeclaredModel, declaredModelSchema } from './custom-models';
export { createCustomProvider } from './custom-provider';
export { type CustomProviderSettings, customProviderSettingsSchema } from './custom-settings';
