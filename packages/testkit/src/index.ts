// @modelyard/testkit: the provider contract suite, loopback fakes of provider servers, mocks.
// fast-check arbitraries live in the `@modelyard/testkit/arbitraries` subpath (fast-check is an optional peer).

export {
  ContractViolation,
  check,
  expectModelyardError,
  PROMPT_ABORT_MS,
} from './contract/assertions';
export type {
  ContractTestFunctions,
  HttpContractTransport,
  InProcessContractTransport,
  ProviderContractOptions,
} from './contract/contract-options';
export { CONTRACT_OPTION_VALUES, CONTRACT_PROMPT, contractRequest } from './contract/contract-request';
export { faultContract } from './contract/fault-contract';
export { generationContract } from './contract/generation-contract';
export { healthContract } from './contract/health-contract';
export { lifecycleContract } from './contract/lifecycle-contract';
export { listingContract } from './contract/listing-contract';
export { loadingContract } from './contract/loading-contract';
export { providerContractSuite } from './contract/provider-contract-suite';
export { type CollectedStream, collectStream, streamFailure, streamingContract } from './contract/streaming-contract';
export { findClosedPort } from './fakes/closed-port';
export {
  composeFakeAnswer,
  defaultFakeAnswer,
  type FakeAnswer,
  type FakeAnswerFunction,
  type FakeChatMessage,
  tokenize,
} from './fakes/fake-answer';
export {
  type FakeResponder,
  type FakeRoute,
  type FakeServer,
  type FakeServerOptions,
  type RecordedRequest,
  startFakeServer,
} from './fakes/fake-server';
export { FAULT_TYPES, type Fault, type FaultMatch, STATUS_FAULTS } from './fakes/fault';
export {
  type FakeLMStudioError,
  type FakeLMStudioInstance,
  type FakeLMStudioModel,
  LMSTUDIO_FAKE_ERRORS,
  LMSTUDIO_FAULT_TYPES,
  type LMStudioFake,
  type LMStudioFakeOptions,
  type LMStudioFault,
  type LMStudioFaultMatch,
  type RecordedLMStudioCall,
  type RecordedLMStudioConnection,
  readLMStudioPredictionOptions,
  startLMStudioFake,
} from './fakes/lmstudio/index';
export { type FakeOllamaModel, type OllamaFake, type OllamaFakeOptions, startOllamaFake } from './fakes/ollama-fake';
export {
  type FakeChatModel,
  type OpenAICompatibleFake,
  type OpenAICompatibleFakeOptions,
  startOpenAICompatibleFake,
  startOpenRouterFake,
} from './fakes/openai-compatible-fake';
export { formatPriceString } from './fakes/openrouter-catalogue';
export { readOllamaRequestOptions, readOpenAIRequestOptions } from './fakes/request-options';
export { createFakeClock, type FakeClock, type FakeClockOptions } from './mocks/fake-clock';
export {
  createMockLanguageModel,
  type MockLanguageModel,
  type MockLanguageModelOptions,
} from './mocks/mock-language-model';
export {
  createMockProvider,
  type MockModelDefinition,
  type MockProvider,
  type MockProviderCall,
  type MockProviderOptions,
} from './mocks/mock-provider';
export {
  countUsage,
  type MockAnswer,
  type MockCall,
  type MockErrorSpec,
  type MockFailure,
  type MockHang,
  type MockScript,
  type MockStep,
  splitIntoChunks,
} from './mocks/mock-step';
