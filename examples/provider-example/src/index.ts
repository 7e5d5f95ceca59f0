// @modelyard-examples/provider-echo: a third-party Modelyard provider for the made-up Echo HTTP API.
// The public surface only: the factory, its settings and the facts a user may want to read.
// The HTTP plumbing, the answer readers, the error mapping and the NDJSON reader stay internal.

export { ECHO_API_KEY_VARIABLE } from './echo-client';
export { ECHO_MODELS_PATH, ECHO_PROVIDER_KIND } from './echo-models';
export { createEcho, type EchoProvider, echo } from './echo-provider';
export { ECHO_CHAT_PATH, ECHO_GENERATION_OPTIONS } from './echo-request';
export { DEFAULT_ECHO_BASE_URL, DEFAULT_ECHO_ID, type EchoProviderSettings } from './echo-settings';
