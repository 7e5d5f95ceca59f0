// @modelyard/provider-ollama: a running Ollama server as a Modelyard provider, on the `ollama` client.

export { type OllamaRequestOptions, ollamaRequestOptionsSchema } from './ollama-chat';
export {
  classifyOllamaError,
  isOutOfMemoryMessage,
  type OllamaErrorContext,
  ollamaErrorKind,
  ollamaStreamErrorKind,
} from './ollama-error';
export { OLLAMA_KIND, parseParameterSize } from './ollama-models';
export { createOllama, OLLAMA_SUPPORTS, type OllamaProvider, ollama } from './ollama-provider';
export {
  DEFAULT_OLLAMA_HOST,
  OLLAMA_HOST_ENV,
  type OllamaSettings,
  ollamaSettingsSchema,
} from './ollama-settings';
