import type { ProviderContractOptions } from './contract-options';
import { faultContract } from './fault-contract';
import { generationContract } from './generation-contract';
import { healthContract } from './health-contract';
import { lifecycleContract } from './lifecycle-contract';
import { listingContract } from './listing-contract';
import { loadingContract } from './loading-contract';
import { streamingContract } from './streaming-contract';

/**
 * The Modelyard provider contract: every rule a `ModelProvider` must keep, registered with the
 * caller's own `describe`/`test`. What applies is read from the provider (`supports`) and its
 * transport; there are no skip flags. Tests must run one after another (they share the fake).
 *
 * @example
 * ```text
 * providerContractSuite({ describe, test, createProvider: () => createMyProvider({ baseURL }),
 *   modelId: 'my-model', expectedLocality: 'remote', transport: { type: 'http', server, … } });
 * ```
 */
export function providerContractSuite(options: ProviderContractOptions): void {
  options.describe(options.name ?? 'provider contract', () => {
    listingContract(options);
    loadingContract(options);
    generationContract(options);
    streamingContract(options);
    const { transport } = options;
    if (transport.type === 'http') faultContract({ ...options, transport });
    healthContract(options);
    lifecycleContract(options);
  });
}
