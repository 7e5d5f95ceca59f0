// The LM Studio fake: a loopback server of the WebSocket API @lmstudio/sdk talks to.
export { startLMStudioFake } from './lmstudio-fake';
export { FAKE_ERRORS as LMSTUDIO_FAKE_ERRORS, readLMStudioPredictionOptions } from './lmstudio-fake-protocol';
export {
  type FakeLMStudioError,
  type FakeLMStudioInstance,
  type FakeLMStudioModel,
  LMSTUDIO_FAULT_TYPES,
  type LMStudioFake,
  type LMStudioFakeOptions,
  type LMStudioFault,
  type LMStudioFaultMatch,
  type RecordedLMStudioCall,
  type RecordedLMStudioConnection,
} from './lmstudio-fake-types';
