// @modelyard/provider-local: GGUF models run in-process by llama.cpp (node-llama-cpp), sized to
// the machine. Models are files you provide; nothing is downloaded.

export { LOCAL_SUPPORTS, SUPPORTED_GENERATION_OPTIONS } from './generation-options';
export {
  classifyLocalError,
  LOCAL_MODEL_PROBLEMS,
  LocalModelError,
  type LocalModelProblem,
} from './local-error';
export { type LoadConfiguration, LocalLanguageModel } from './local-language-model';
export { LOCAL_PROVIDER_KIND } from './local-models';
export { createLocalProvider, type LocalProvider, local } from './local-provider';
export {
  DEFAULT_CONTEXT_SIZE,
  DEFAULT_MAX_LOADED_MODELS,
  type LocalProviderSettings,
  type ResolvedLocalSettings,
  resolveLocalSettings,
} from './local-settings';
export { defaultModelsDirectory, MODELS_DIRECTORY_VARIABLE, resolveModelsDirectories } from './models-directory';
