import type { ModelProvider } from '@modelyard/core';
import { check, expectModelyardError, mustResolve, rejectionOf, withProvider } from './assertions';
import type { ProviderContractOptions } from './contract-options';
import { contractRequest } from './contract-request';

const UNKNOWN_MODEL_ID = 'modelyard-contract/no-such-model:v0';

/** Loading rules: identities, unknown models, and what `supports.loadUnload` / `supports.pull` promise. */
export function loadingContract(options: ProviderContractOptions): void {
  const { describe, test } = options;
  describe('loading', () => {
    test('[loading.identity] loadModel returns a model with the right identity', () =>
      withProvider(options, async (provider) => {
        const model = await provider.loadModel(options.modelId);
        check(
          model.identity.providerId === provider.id && model.identity.modelId === options.modelId,
          `loadModel("${options.modelId}") returned identity ${JSON.stringify(model.identity)}, expected { providerId: "${provider.id}", modelId: "${options.modelId}" }`,
        );
      }));

    test('[loading.not-found] an unknown model rejects with "not_found" (at load or at the first call)', () =>
      withProvider(options, async (provider) => {
        const error = await rejectionOf(async () => {
          const model = await provider.loadModel(UNKNOWN_MODEL_ID);
          return model.generate(contractRequest(options));
        }, `loadModel("${UNKNOWN_MODEL_ID}") then generate`);
        const failure = expectModelyardError(error, ['not_found'], `loadModel("${UNKNOWN_MODEL_ID}") then generate`);
        check(failure.retryable === false, 'a not_found error is marked retryable, expected retryable: false');
      }));

    test('[loading.unload] unloadModel resolves, and the model loads again afterwards', () =>
      withProvider(options, async (provider: ModelProvider) => {
        await mustResolve(() => provider.loadModel(options.modelId), `loadModel("${options.modelId}")`);
        await mustResolve(() => provider.unloadModel(options.modelId), `unloadModel("${options.modelId}")`);
        const again = await mustResolve(() => provider.loadModel(options.modelId), 'loadModel after unloadModel');
        check(again.identity.modelId === options.modelId, 'loadModel after unloadModel returned another model');
      }));

    test('[loading.pull] pullModel exists exactly when supports.pull is true', () =>
      withProvider(options, async (provider) => {
        const hasPull = typeof provider.pullModel === 'function';
        check(
          hasPull === provider.supports.pull,
          `supports.pull is ${provider.supports.pull} but pullModel is ${hasPull ? 'present' : 'absent'}`,
        );
      }));
  });
}
