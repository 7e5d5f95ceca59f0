import type { ErrorKind, LanguageModel, ModelProvider } from '@modelyard/core';
import type { Fault } from '../fakes/fault';
import { check, expectModelyardError, rejectionOf, withProvider } from './assertions';
import type { HttpContractTransport, ProviderContractOptions } from './contract-options';
import { contractRequest } from './contract-request';
import { collectStream, streamFailure } from './streaming-contract';

interface FaultRule {
  id: string;
  title: string;
  fault: Fault;
  kinds: ErrorKind[];
  retryable: boolean;
  statusCode?: number;
  retryAfterMs?: number;
}

const GENERATE_FAULT_RULES: readonly FaultRule[] = [
  {
    id: 'faults.401',
    title: '401 → "auth", not retryable',
    fault: { type: 'status', status: 401, body: { error: { message: 'Invalid API key' } } },
    kinds: ['auth'],
    retryable: false,
    statusCode: 401,
  },
  {
    id: 'faults.429',
    title: '429 with Retry-After: 2 → "rate_limit" with retryAfterMs 2000',
    fault: {
      type: 'status',
      status: 429,
      headers: { 'retry-after': '2' },
      body: { error: { message: 'Rate limit exceeded' } },
    },
    kinds: ['rate_limit'],
    retryable: true,
    statusCode: 429,
    retryAfterMs: 2000,
  },
  {
    id: 'faults.500',
    title: '500 → "unavailable", retryable',
    fault: { type: 'status', status: 500, body: { error: { message: 'Internal error' } } },
    kinds: ['unavailable'],
    retryable: true,
    statusCode: 500,
  },
  {
    id: 'faults.503',
    title: '503 → "unavailable", retryable',
    fault: { type: 'status', status: 503, body: { error: { message: 'Overloaded' } } },
    kinds: ['unavailable'],
    retryable: true,
    statusCode: 503,
  },
  {
    id: 'faults.garbage',
    title: 'a garbage body → "invalid_response"',
    fault: { type: 'malformed' },
    kinds: ['invalid_response'],
    retryable: true,
  },
];

/** The cut-stream rules cut after 2 chunks: the contract answer must stream more than that. */
async function expectLongEnoughStream(model: LanguageModel, options: ProviderContractOptions): Promise<void> {
  const collected = await collectStream(model.stream(contractRequest(options)));
  const deltas = collected.parts.filter((part) => part.type === 'text-delta').length;
  check(
    deltas >= 3,
    `precondition: the fake must stream the contract answer in at least 3 deltas for the cut-stream rules (got ${deltas})`,
  );
}

async function generateOnce(provider: ModelProvider, options: ProviderContractOptions) {
  const model = await provider.loadModel(options.modelId);
  return model.generate(contractRequest(options));
}

/**
 * Fault rules (HTTP providers): server failures map to the right error kinds, once, without hidden
 * retries (each fault is injected for one request only, so a provider that retried on its own
 * would succeed and break the rule); broken streams end in an error, never in a silent finish.
 */
export function faultContract(options: ProviderContractOptions & { transport: HttpContractTransport }): void {
  const { describe, test, transport } = options;
  describe('faults', () => {
    for (const rule of GENERATE_FAULT_RULES) {
      test(`[${rule.id}] ${rule.title}`, () =>
        withProvider(options, async (provider) => {
          transport.server.injectFault(rule.fault, { path: transport.generationPath });
          const error = expectModelyardError(
            await rejectionOf(() => generateOnce(provider, options), `generate() under ${rule.id}`),
            rule.kinds,
            `generate() under ${rule.id}`,
          );
          check(error.retryable === rule.retryable, `retryable is ${error.retryable}, expected ${rule.retryable}`);
          if (rule.statusCode !== undefined)
            check(
              error.statusCode === rule.statusCode,
              `statusCode is ${error.statusCode}, expected ${rule.statusCode}`,
            );
          if (rule.retryAfterMs !== undefined)
            check(
              error.retryAfterMs === rule.retryAfterMs,
              `retryAfterMs is ${error.retryAfterMs}, expected ${rule.retryAfterMs}`,
            );
          check(
            error.providerId === provider.id,
            `the error's providerId is ${JSON.stringify(error.providerId)}, expected "${provider.id}"`,
          );
        }));
    }

    test('[faults.refused] a refused connection → "unavailable" for listing and generation', async () => {
      const provider = await transport.createUnreachableProvider();
      try {
        const listing = await rejectionOf(
          () => provider.listModels({ refresh: true }),
          'listModels() on a closed port',
        );
        expectModelyardError(listing, ['unavailable'], 'listModels() on a closed port');
        const generation = await rejectionOf(() => generateOnce(provider, options), 'generate() on a closed port');
        const error = expectModelyardError(generation, ['unavailable'], 'generate() on a closed port');
        check(error.retryable, 'a refused connection is not marked retryable');
      } finally {
        await provider.dispose();
      }
    });

    test('[faults.listing] a failing listing endpoint → "unavailable"', () =>
      withProvider(options, async (provider) => {
        transport.server.injectFault(
          { type: 'status', status: 503, body: { error: { message: 'down' } } },
          { times: Number.POSITIVE_INFINITY },
        );
        const error = await rejectionOf(() => provider.listModels({ refresh: true }), 'listModels() under 503');
        expectModelyardError(error, ['unavailable'], 'listModels() under 503');
      }));

    test('[faults.stream-status] an HTTP error on a stream request maps like on generate (429 + Retry-After → "rate_limit")', () =>
      withProvider(options, async (provider) => {
        transport.server.injectFault(
          {
            type: 'status',
            status: 429,
            headers: { 'retry-after': '2' },
            body: { error: { message: 'Rate limit exceeded' } },
          },
          { path: transport.generationPath },
        );
        const model = await provider.loadModel(options.modelId);
        const collected = await collectStream(model.stream(contractRequest(options)));
        check(!collected.parts.some((part) => part.type === 'finish'), 'a stream refused with 429 ended with "finish"');
        const error = expectModelyardError(streamFailure(collected), ['rate_limit'], 'a stream refused with 429');
        check(error.retryAfterMs === 2000, `retryAfterMs is ${error.retryAfterMs}, expected 2000`);
      }));

    test('[faults.stream-drop] a stream cut after 2 chunks ends in a retryable error, not a finish', () =>
      withProvider(options, async (provider) => {
        const model = await provider.loadModel(options.modelId);
        await expectLongEnoughStream(model, options);
        transport.server.injectFault({ type: 'drop', afterChunks: 2 }, { path: transport.generationPath });
        const collected = await collectStream(model.stream(contractRequest(options)));
        check(
          !collected.parts.some((part) => part.type === 'finish'),
          'a stream cut by the server ended with "finish" (a silent truncation)',
        );
        const error = expectModelyardError(
          streamFailure(collected),
          ['unavailable', 'invalid_response'],
          'a stream cut by the server',
        );
        check(error.retryable, 'a cut stream is not marked retryable');
      }));

    test('[faults.stream-truncated] a stream that ends cleanly but without its final chunk is an error, not a finish', () =>
      withProvider(options, async (provider) => {
        const model = await provider.loadModel(options.modelId);
        await expectLongEnoughStream(model, options);
        transport.server.injectFault({ type: 'truncate', afterChunks: 2 }, { path: transport.generationPath });
        const collected = await collectStream(model.stream(contractRequest(options)));
        check(
          !collected.parts.some((part) => part.type === 'finish'),
          'a stream that ended without its final chunk ([DONE], done: true…) ended with "finish" (a silent truncation)',
        );
        const error = expectModelyardError(
          streamFailure(collected),
          ['unavailable', 'invalid_response'],
          'a truncated stream',
        );
        check(error.retryable, 'a truncated stream is not marked retryable');
      }));

    test('[faults.stream-garbage] a garbage stream chunk → "invalid_response"', () =>
      withProvider(options, async (provider) => {
        transport.server.injectFault({ type: 'malformed' }, { path: transport.generationPath });
        const model = await provider.loadModel(options.modelId);
        const collected = await collectStream(model.stream(contractRequest(options)));
        check(
          !collected.parts.some((part) => part.type === 'finish'),
          'a stream with a garbage chunk ended with "finish"',
        );
        expectModelyardError(streamFailure(collected), ['invalid_response'], 'a stream with a garbage chunk');
      }));
  });
}
