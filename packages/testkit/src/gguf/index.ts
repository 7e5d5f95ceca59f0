// @modelyard/testkit/gguf: tiny llama-architecture GGUF models with deterministic random weights,
// so tests and demos run real in-process inference without downloading a model. Dependency-free.

export { float16BitsToNumber, float32ToFloat16Bits } from './float16';
export { type DecodedGguf, decodeGguf } from './gguf-decoder';
export { encodeGguf, GGUF_VERSION, type GgufContents } from './gguf-encoder';
export {
  GGUF_DEFAULT_ALIGNMENT,
  type GgufBigIntType,
  type GgufMetadataEntry,
  type GgufNumberType,
  type GgufScalarType,
  type GgufTensor,
  type GgufTensorType,
  type GgufValue,
} from './gguf-types';
export { createSeededRandom, type SeededRandom } from './seeded-random';
export {
  type ResolvedTinyLlamaOptions,
  resolveTinyLlamaOptions,
  TINY_LLAMA_CHAT_TEMPLATE,
  type TinyLlamaGgufOptions,
  tinyLlamaGgufBytes,
  tinyLlamaParameterCount,
  type WriteTinyLlamaGgufOptions,
  type WrittenTinyLlama,
  writeTinyLlamaGguf,
} from './tiny-llama-gguf';
export { TINY_LLAMA_SPECIAL_TOKENS, tinyLlamaVocabulary, type VocabularyToken } from './tiny-llama-vocabulary';
export {
  createTinyModelsDirectory,
  type TinyModelFile,
  type TinyModelsDirectory,
  type TinyModelsDirectoryOptions,
} from './tiny-models-directory';
