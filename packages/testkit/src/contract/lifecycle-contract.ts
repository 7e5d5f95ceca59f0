import { inspect } from 'node:util';
import type { ModelyardError } from '@modelyard/core';
import { check, expectModelyardError, mustResolve, rejectionOf, withProvider } from './assertions';
import type { ProviderContractOptions } from './contract-options';
import { contractRequest } from './contract-request';

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}

function renderings(error: ModelyardError): string[] {
  return [
    error.message,
    String(error),
    JSON.stringify(error),
    JSON.stringify(error.toJSON()),
    inspect(error),
    error.stack ?? '',
  ];
}

/** Lifecycle and secrecy rules (the secrecy ones for HTTP providers given a `secret`): `dispose` is idempotent; an API key never shows in errors or in the provider. */
export function lifecycleContract(options: ProviderContractOptions): void {
  const { describe, test, transport } = options;
  describe('lifecycle', () => {
    test('[lifecycle.dispose] dispose can be called twice', () =>
      withProvider(options, async (provider) => {
        await provider.loadModel(options.modelId);
        await mustResolve(() => provider.dispose(), 'the first dispose()');
        await mustResolve(() => provider.dispose(), 'the second dispose()');
      }));
  });

  if (transport.type === 'http' && transport.secret !== undefined) {
    const secret = transport.secret;
    describe('secrets', () => {
      test('[secrets.errors] the API key appears in no error, even when the server echoes it', () =>
        withProvider(options, async (provider) => {
          const echo = { error: { message: `Incorrect API key provided: ${secret}` } };
          transport.server.injectFault({ type: 'status', status: 401, body: echo }, { path: transport.generationPath });
          transport.server.injectFault({ type: 'status', status: 500, body: echo }, { path: transport.generationPath });
          const errors: ModelyardError[] = [];
          for (const what of ['401 echoing the key', '500 echoing the key']) {
            const model = await provider.loadModel(options.modelId);
            errors.push(
              expectModelyardError(
                await rejectionOf(() => model.generate(contractRequest(options)), `generate() under ${what}`),
                ['auth', 'unavailable'],
                `generate() under ${what}`,
              ),
            );
          }
          for (const error of errors) {
            for (const rendering of renderings(error))
              check(!rendering.includes(secret), `the API key appears in an error: ${rendering.slice(0, 200)}`);
          }
        }));

      test('[secrets.provider] the API key appears neither in JSON.stringify nor in inspect of the provider or its models', () =>
        withProvider(options, async (provider) => {
          const model = await provider.loadModel(options.modelId);
          for (const [what, value] of [
            ['provider', provider],
            ['model', model],
          ] as const) {
            check(!safeStringify(value).includes(secret), `JSON.stringify(${what}) contains the API key`);
            check(
              !inspect(value, { depth: 6, showHidden: true }).includes(secret),
              `util.inspect(${what}) contains the API key`,
            );
          }
        }));
    });
  }
}
