// @modelyard/provider-lmstudio: LM Studio as a Modelyard provider, on @lmstudio/sdk.

export { classifyLMStudioError, type LMStudioErrorContext, lmstudioErrorKind } from './lmstudio-error';
export { LMSTUDIO_KIND } from './lmstudio-models';
export { createLMStudio, LMSTUDIO_SUPPORTS, lmstudio } from './lmstudio-provider';
export { DEFAULT_LMSTUDIO_BASE_URL, type LMStudioSettings, lmstudioSettingsSchema } from './lmstudio-settings';
