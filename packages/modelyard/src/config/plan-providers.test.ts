import { describe, expect, test } from 'vitest';
import { parseConfig } from './load-config';
import { planProviders } from './plan-providers';

const summary = (config: unknown, env: Record<string, string>) =>
  planProviders(parseConfig(config), env).map((plan) => `${plan.kind}:${plan.source}:${plan.origin}`);

describe('planProviders', () => {
  test('nothing configured: only probes of the local folder, Ollama and LM Studio', () => {
    expect(summary({}, {})).toEqual([
      'local:probe:the default models folder',
      'ollama:probe:default host http://127.0.0.1:11434',
      'lmstudio:probe:default host ws://127.0.0.1:1234',
    ]);
  });

  test('one env var each', () => {
    const plans = planProviders(parseConfig({}), {
      OPENROUTER_API_KEY: 'sk-or-v1-x',
      OLLAMA_HOST: 'http://gpu:11434',
      LMSTUDIO_HOST: 'ws://gpu:1234',
      MODELYARD_MODELS_DIR: '/models',
    });
    expect(plans.map((plan) => [plan.kind, plan.source, plan.origin])).toEqual([
      ['openrouter', 'env', 'env OPENROUTER_API_KEY'],
      ['local', 'env', 'env MODELYARD_MODELS_DIR'],
      ['ollama', 'env', 'env OLLAMA_HOST'],
      ['lmstudio', 'env', 'env LMSTUDIO_HOST'],
    ]);
    expect(plans[0]?.settings).toEqual({ apiKey: 'sk-or-v1-x' });
    expect(plans[1]?.settings).toEqual({
      env: {
        OPENROUTER_API_KEY: 'sk-or-v1-x',
        OLLAMA_HOST: 'http://gpu:11434',
        LMSTUDIO_HOST: 'ws://gpu:1234',
        MODELYARD_MODELS_DIR: '/models',
      },
    });
    expect(plans[2]?.settings).toEqual({ host: 'http://gpu:11434' });
    expect(plans[3]?.settings).toEqual({ host: 'ws://gpu:1234' });
  });

  test('blank env vars count as unset', () => {
    expect(summary({}, { OPENROUTER_API_KEY: '  ', OLLAMA_HOST: '' })).toEqual([
      'local:probe:the default models folder',
      'ollama:probe:default host http://127.0.0.1:11434',
      'lmstudio:probe:default host ws://127.0.0.1:1234',
    ]);
  });

  test('config sections win; false turns a kind off whatever the env says', () => {
    const plans = planProviders(
      parseConfig({
        providers: {
          openrouter: { appTitle: 'mine' },
          local: false,
          ollama: { headers: { a: 'b' } },
          lmstudio: false,
          custom: [
            { name: 'a', baseURL: 'http://a/v1' },
            { name: 'b', baseURL: 'http://b/v1' },
          ],
        },
      }),
      {
        OPENROUTER_API_KEY: 'sk-or-v1-x',
        OLLAMA_HOST: 'http://gpu:11434',
        MODELYARD_MODELS_DIR: '/m',
        LMSTUDIO_HOST: 'ws://x',
      },
    );
    expect(plans.map((plan) => [plan.kind, plan.origin, plan.settings])).toEqual([
      ['openrouter', 'providers.openrouter', { appTitle: 'mine' }],
      ['custom', 'providers.custom[0]', { name: 'a', baseURL: 'http://a/v1' }],
      ['custom', 'providers.custom[1]', { name: 'b', baseURL: 'http://b/v1' }],
      ['ollama', 'providers.ollama', { headers: { a: 'b' }, host: 'http://gpu:11434' }],
    ]);
  });

  test('a host in the config wins over the env var', () => {
    const [ollama] = planProviders(parseConfig({ providers: { local: false, ollama: { host: 'http://here:1' } } }), {
      OLLAMA_HOST: 'http://there:2',
    });
    expect(ollama?.settings).toEqual({ host: 'http://here:1' });
  });

  test('an explicit local section keeps its own env', () => {
    const [local] = planProviders(parseConfig({ providers: { local: { env: { MODELYARD_MODELS_DIR: '/x' } } } }), {});
    expect(local?.settings).toEqual({ env: { MODELYARD_MODELS_DIR: '/x' } });
  });
});
