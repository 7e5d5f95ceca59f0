// @modelyard/core: the spec every Modelyard package implements or consumes.
// Types, zod schemas, errors and interfaces; zod is the only dependency.

export { type ErrorContext, isAbortError, parseRetryAfter, toModelyardError } from './errors/classify';
export {
  ConfigError,
  type ConfigIssue,
  describeReceived,
  describeZodIssue,
  formatIssuePath,
  parseWithSchema,
} from './errors/config-error';
export {
  ERROR_KINDS,
  type ErrorKind,
  errorKindFromStatus,
  errorKindSchema,
  isRetryableKind,
} from './errors/error-kind';
export {
  isErrorOfKind,
  ModelyardError,
  type ModelyardErrorOptions,
  type SerializedModelyardError,
} from './errors/modelyard-error';
export { isSecretFieldName, REDACTED, redactSecrets } from './errors/redact';
export { parseResponseWithSchema, type ResponseSource } from './errors/response-error';
export { errorFromJSON } from './errors/serialize';
export {
  type CallOptions,
  type ChatMessage,
  chatMessageSchema,
  GENERATION_OPTIONS,
  type GenerateRequest,
  type GenerationOptionName,
  generateRequestSchema,
  imagePartSchema,
  type MessagePart,
  messagePartSchema,
  type ResponseFormat,
  responseFormatSchema,
  textPartSchema,
} from './generation/request';
export {
  type FinishReason,
  finishReasonSchema,
  type GenerateResult,
  generateResultSchema,
  type Timings,
  timingsSchema,
  UNKNOWN_USAGE,
  type Usage,
  usageSchema,
} from './generation/result';
export {
  checkStreamSequence,
  STREAM_PART_TYPES,
  type StreamErrorPart,
  type StreamFinishPart,
  type StreamPart,
  type StreamSequenceReport,
  type StreamStartPart,
  type StreamTextDeltaPart,
  type StreamUsagePart,
} from './generation/stream-part';
export {
  CAPABILITIES,
  type Capability,
  capabilitySchema,
  LONG_CONTEXT_TOKENS,
  MODALITIES,
  type Modality,
  modalitySchema,
} from './model/capabilities';
export {
  compareModelIdentities,
  fileNameToModelIdentity,
  formatModelKey,
  isSameModel,
  type ModelIdentity,
  modelIdentitySchema,
  modelIdentityToFileName,
  modelIdSchema,
  PROVIDER_ID_PATTERN,
  parseModelKey,
  providerIdSchema,
} from './model/identity';
export {
  type MemoryEstimate,
  type ModelInfo,
  type ModelInfoInput,
  type ModelWeights,
  memoryEstimateSchema,
  modelDisplayName,
  modelInfoSchema,
  modelWeightsSchema,
  type Score,
  scoreSchema,
} from './model/model-info';
export {
  estimateCost,
  FREE_PRICING,
  type Pricing,
  pricePerMillionTokens,
  pricingSchema,
  type TokenCounts,
  UNKNOWN_PRICING,
} from './model/pricing';
export { checkHealth, type HealthProbeOptions } from './provider/health';
export {
  type HealthStatus,
  healthStatusSchema,
  type LanguageModel,
  type ListModelsOptions,
  type LoadModelOptions,
  type ModelProvider,
  type ProviderSupports,
  type PullModelOptions,
  type PullProgress,
  providerSupportsSchema,
  SPECIFICATION_VERSION,
  unsupportedGenerationOptions,
} from './provider/provider';
export {
  BUILT_IN_TASKS,
  type BuiltInTask,
  isBuiltInTask,
  type LocalityRequirement,
  localitySchema,
  type ModelRequirements,
  type ModelRequirementsInput,
  modelRequirementsSchema,
  type TaskType,
} from './selection/requirements';
export { type Clock, clockSchema, type RandomSource, systemClock, systemRandom } from './services/clock';
export { type GpuInfo, gpuInfoSchema, type HardwareProfile, hardwareProfileSchema } from './services/hardware';
export { type Logger, silentLogger } from './services/logger';
export {
  type CallSample,
  callSampleSchema,
  type MetricsSink,
  type ModelPerformanceStats,
  type PerformanceStatsSource,
} from './services/metrics';
export {
  MemoryStateStore,
  type MemoryStateStoreOptions,
  type StateSetOptions,
  type StateStore,
} from './services/state-store';
