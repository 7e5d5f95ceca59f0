import { formatModelKey, modelInfoSchema } from '@modelyard/core';
import { check, describeValue, expectModelyardError, rejectionOf, withProvider } from './assertions';
import type { ProviderContractOptions } from './contract-options';

/**
 * Listing rules: schema-valid `ModelInfo` carrying the provider's id and kind, unique identities,
 * the expected locality, the contract model present, and an aborted signal honoured.
 */
export function listingContract(options: ProviderContractOptions): void {
  const { describe, test } = options;
  describe('listing', () => {
    test('[listing.schema] every listed model is a valid ModelInfo of this provider', () =>
      withProvider(options, async (provider) => {
        const models = await provider.listModels();
        check(Array.isArray(models), `listModels() returned ${describeValue(models)}, expected an array`);
        check(models.length > 0, 'listModels() returned no model, expected at least the contract model');
        for (const model of models) {
          const parsed = modelInfoSchema.safeParse(model);
          check(
            parsed.success,
            `listed model ${describeValue(model)} is not a valid ModelInfo: ${parsed.error?.message}`,
          );
          check(
            model.providerId === provider.id,
            `model ${model.modelId} has providerId "${model.providerId}", expected "${provider.id}"`,
          );
          check(
            model.providerKind === provider.kind,
            `model ${model.modelId} has providerKind "${model.providerKind}", expected "${provider.kind}"`,
          );
        }
      }));

    test('[listing.unique] listed identities are unique', () =>
      withProvider(options, async (provider) => {
        const keys = (await provider.listModels()).map((model) => formatModelKey(model));
        const duplicates = keys.filter((key, index) => keys.indexOf(key) !== index);
        check(duplicates.length === 0, `listModels() lists ${describeValue([...new Set(duplicates)])} more than once`);
      }));

    test(`[listing.locality] every listed model is ${options.expectedLocality}`, () =>
      withProvider(options, async (provider) => {
        for (const model of await provider.listModels()) {
          check(
            model.locality === options.expectedLocality,
            `model ${model.modelId} has locality "${model.locality}", expected "${options.expectedLocality}"`,
          );
        }
      }));

    test('[listing.contains] the contract model is listed', () =>
      withProvider(options, async (provider) => {
        const ids = (await provider.listModels()).map((model) => model.modelId);
        check(
          ids.includes(options.modelId),
          `listModels() does not list "${options.modelId}" (it lists ${describeValue(ids)})`,
        );
      }));

    test('[listing.abort] an aborted signal rejects with "aborted"', () =>
      withProvider(options, async (provider) => {
        const error = await rejectionOf(
          () => provider.listModels({ signal: AbortSignal.abort(), refresh: true }),
          'listModels({ signal: aborted })',
        );
        expectModelyardError(error, ['aborted'], 'listModels({ signal: aborted })');
      }));
  });
}
