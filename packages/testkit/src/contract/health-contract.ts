import { healthStatusSchema } from '@modelyard/core';
import { check, withProvider } from './assertions';
import { isGenerationRequest, type ProviderContractOptions } from './contract-options';

/** Health rules: a valid `healthy` status without calling generation; an unreachable server is `unhealthy`, not a rejection. */
export function healthContract(options: ProviderContractOptions): void {
  const { describe, test, transport } = options;
  describe('health', () => {
    test('[health.healthy] healthCheck reports healthy without calling a generation endpoint', () =>
      withProvider(options, async (provider) => {
        const status = await provider.healthCheck();
        const parsed = healthStatusSchema.safeParse(status);
        check(parsed.success, `healthCheck() returned an invalid HealthStatus: ${parsed.error?.message}`);
        check(
          status.status === 'healthy',
          `healthCheck() reported "${status.status}" (${status.message ?? ''}), expected "healthy"`,
        );
        if (transport.type === 'http') {
          const generations = transport.server.requests.filter((request) => isGenerationRequest(transport, request));
          check(generations.length === 0, `healthCheck() called the generation endpoint ${generations.length} time(s)`);
        }
      }));

    if (transport.type === 'http') {
      test('[health.unreachable] an unreachable server is reported unhealthy, not thrown', async () => {
        const provider = await transport.createUnreachableProvider();
        try {
          const status = await provider.healthCheck();
          check(healthStatusSchema.safeParse(status).success, 'healthCheck() returned an invalid HealthStatus');
          check(
            status.status === 'unhealthy',
            `healthCheck() of an unreachable server reported "${status.status}", expected "unhealthy"`,
          );
          check(
            status.errorKind === 'unavailable',
            `errorKind is ${JSON.stringify(status.errorKind)}, expected "unavailable"`,
          );
        } catch (error) {
          check(
            false,
            `healthCheck() of an unreachable server rejected (${String(error)}); it must resolve with "unhealthy"`,
          );
        } finally {
          await provider.dispose();
        }
      });
    }
  });
}
