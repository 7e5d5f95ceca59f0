import { isDeepStrictEqual } from 'node:util';
import {
  GENERATION_OPTIONS,
  type GenerateRequest,
  type GenerationOptionName,
  generateResultSchema,
} from '@modelyard/core';
import {
  check,
  describeValue,
  expectModelyardError,
  PROMPT_ABORT_MS,
  rejectionOf,
  settleWithin,
  withProvider,
} from './assertions';
import { isGenerationRequest, type ProviderContractOptions } from './contract-options';
import { CONTRACT_OPTION_VALUES, contractRequest } from './contract-request';

/** The options the rule sets: every one the caller's base request does not already set. */
function optionsUnderTest(options: ProviderContractOptions): GenerationOptionName[] {
  return GENERATION_OPTIONS.filter((name) => options.request?.[name] === undefined);
}

/**
 * Generation rules: a schema-valid result with text, usage and timings; options sent as given (or
 * reported as warnings when unsupported); aborts honoured before and during the call.
 */
export function generationContract(options: ProviderContractOptions): void {
  const { describe, test, transport } = options;
  describe('generation', () => {
    test('[generation.result] generate returns text, usage and timings', () =>
      withProvider(options, async (provider) => {
        const model = await provider.loadModel(options.modelId);
        const result = await model.generate(contractRequest(options));
        const parsed = generateResultSchema.safeParse(result);
        check(parsed.success, `generate() returned an invalid GenerateResult: ${parsed.error?.message}`);
        check(result.text.length > 0, 'generate() returned empty text');
        check(
          result.model.providerId === provider.id,
          `result.model.providerId is "${result.model.providerId}", expected "${provider.id}"`,
        );
        check(
          (result.usage.inputTokens ?? 0) > 0,
          `usage.inputTokens is ${result.usage.inputTokens}, expected the counted prompt tokens`,
        );
        check(
          (result.usage.outputTokens ?? 0) > 0,
          `usage.outputTokens is ${result.usage.outputTokens}, expected the counted output tokens`,
        );
        check(Number.isFinite(result.timings.totalMs), 'timings.totalMs is not a finite number');
      }));

    test('[generation.options] supported options reach the server as given; the others come back as warnings', () =>
      withProvider(options, async (provider) => {
        const names = optionsUnderTest(options);
        const values: Partial<GenerateRequest> = Object.fromEntries(
          names.map((name) => [name, CONTRACT_OPTION_VALUES[name]]),
        );
        const model = await provider.loadModel(options.modelId);
        const result = await model.generate(contractRequest(options, values));
        const supported = new Set(provider.supports.generationOptions);
        for (const name of names.filter((option) => !supported.has(option))) {
          check(
            result.warnings.some((warning) => warning.includes(name)),
            `option ${name} is not in supports.generationOptions, but no warning names it (warnings: ${describeValue(result.warnings)})`,
          );
        }
        if (transport.type !== 'http') return;
        const sent = transport.server.requests.filter((request) => isGenerationRequest(transport, request)).at(-1);
        check(sent !== undefined, 'no request reached the generation endpoint');
        const read = transport.readSentOptions(sent);
        for (const name of names) {
          if (supported.has(name)) {
            check(
              isDeepStrictEqual(read[name], values[name]),
              `option ${name}: sent ${describeValue(read[name])}, expected ${describeValue(values[name])}`,
            );
          } else {
            check(
              read[name] === undefined,
              `option ${name} is not in supports.generationOptions but was sent (${describeValue(read[name])})`,
            );
          }
        }
      }));

    test('[generation.abort-before] an already aborted signal rejects with "aborted"', () =>
      withProvider(options, async (provider) => {
        const model = await provider.loadModel(options.modelId);
        const error = await rejectionOf(
          () => model.generate(contractRequest(options), { signal: AbortSignal.abort() }),
          'generate({ signal: aborted })',
        );
        expectModelyardError(error, ['aborted'], 'generate({ signal: aborted })');
      }));

    if (transport.type === 'http') {
      test('[generation.abort-during] aborting a stalled call rejects promptly with "aborted"', () =>
        withProvider(options, async (provider) => {
          transport.server.injectFault({ type: 'stall' }, { path: transport.generationPath });
          const model = await provider.loadModel(options.modelId);
          const controller = new AbortController();
          const pending = rejectionOf(
            () => model.generate(contractRequest(options), { signal: controller.signal }),
            'generate() during a stall',
          );
          await new Promise((resolve) => setTimeout(resolve, 100));
          const abortedAt = Date.now();
          controller.abort();
          const error = await settleWithin(pending, PROMPT_ABORT_MS * 2, 'generate() aborted during a stall');
          const tookMs = Date.now() - abortedAt;
          expectModelyardError(error, ['aborted'], 'generate() aborted during a stall');
          check(
            tookMs <= PROMPT_ABORT_MS,
            `generate() took ${tookMs} ms to reject after the abort, expected at most ${PROMPT_ABORT_MS} ms`,
          );
        }));
    }
  });
}
