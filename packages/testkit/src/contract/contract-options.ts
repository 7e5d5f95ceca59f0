import type { GenerateRequest, GenerationOptionName, ModelProvider } from '@modelyard/core';
import type { FakeServer, RecordedRequest } from '../fakes/fake-server';

/** The test-registration functions of the caller's runner (vitest, jest, node:test, mocha…). */
export interface ContractTestFunctions {
  /** Groups tests; called synchronously while tests are being collected. */
  describe: (name: string, body: () => void) => void;
  /** Registers one async test. The suite's tests must run one after another (not concurrently). */
  test: (name: string, body: () => Promise<void>) => void;
}

/** A provider that talks HTTP to a fake server the suite can script. */
export interface HttpContractTransport {
  type: 'http';
  /** The fake the provider under test talks to (faults are injected here; requests are read here). */
  server: FakeServer;
  /** The path of the generation endpoint (`/v1/chat/completions`, `/api/chat`). */
  generationPath: string | RegExp;
  /**
   * Reads the generation options of a recorded generation request, in core names
   * (`{ temperature: body.temperature, maxOutputTokens: body.max_tokens, … }`); options absent
   * from the request are left out. The fakes export readers for their protocols.
   */
  readSentOptions(request: RecordedRequest): Partial<Record<GenerationOptionName, unknown>>;
  /** A provider configured like the others, but pointed at a port where nothing listens. */
  createUnreachableProvider(): ModelProvider | Promise<ModelProvider>;
  /** The API key the provider was given; the suite checks it never shows in errors or in the provider. */
  secret?: string;
}

/** A provider that runs in the process (no server to script). */
export interface InProcessContractTransport {
  type: 'in-process';
}

/** What {@link providerContractSuite} and each sub-suite take. */
export interface ProviderContractOptions extends ContractTestFunctions {
  /** A fresh provider for each test; the suite disposes it at the end of the test. */
  createProvider(): ModelProvider | Promise<ModelProvider>;
  /** A model the provider serves, used by the generation and streaming rules. */
  modelId: string;
  /** Where the provider's models run; every listed model must say so. */
  expectedLocality: 'local' | 'remote';
  /** How the provider is reached; decides whether the HTTP fault rules apply. */
  transport: HttpContractTransport | InProcessContractTransport;
  /**
   * Fields added to every request the suite sends (e.g. `{ maxOutputTokens: 16 }` to keep an
   * in-process model short). Generation options given here are not checked by the options rule.
   */
  request?: Partial<GenerateRequest>;
  /** Name shown in the top `describe`. Defaults to `provider contract`. */
  name?: string;
}

/** Whether `request` went to the generation endpoint. */
export function isGenerationRequest(transport: HttpContractTransport, request: RecordedRequest): boolean {
  const pattern = transport.generationPath;
  return typeof pattern === 'string' ? request.path === pattern : pattern.test(request.path);
}
