// Provider verification of the pacts our provider packages write (their consumer tests record
// what the real `openai` / `ollama` clients send and need): each pact is replayed against the
// testkit fake of that server, so the fakes cannot drift from what our clients expect.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Verifier } from '@pact-foundation/pact';
import { describe, expect, test } from 'vitest';
import type { FakeServer } from '../fakes/fake-server';
import { startOllamaFake } from '../fakes/ollama-fake';
import { startOpenAICompatibleFake, startOpenRouterFake } from '../fakes/openai-compatible-fake';

const packagesDirectory = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** The fixture every fake is started with; the provider states below describe it. */
const API_KEY = 'test-key';
const MODEL_ID = 'chat-model';

/** Provider states the consumer tests may name, and the fact of the fixture each one relies on. */
const PROVIDER_STATES: Record<string, string> = {
  [`a model ${MODEL_ID} exists`]: `the fake serves ${MODEL_ID}`,
  'no model no-such-model exists': 'the fake serves no model no-such-model',
  [`the key ${API_KEY} is valid`]: `the fake accepts the bearer key ${API_KEY}`,
  'the key wrong-key is not valid': `the fake accepts only ${API_KEY}`,
  'a model pullable-model can be pulled': 'the Ollama fake can pull pullable-model',
  [`the model ${MODEL_ID} is loaded`]: `the Ollama fake has ${MODEL_ID} in memory (loaded by the state handler)`,
};

/** States that need more than the fixture: what to do on the fake before the interaction. */
const STATE_SETUP: Record<string, (fakeUrl: string) => Promise<void>> = {
  [`the model ${MODEL_ID} is loaded`]: async (fakeUrl) => {
    // Ollama's documented way to load a model: an empty generate.
    const response = await fetch(`${fakeUrl}/api/generate`, {
      method: 'POST',
      body: JSON.stringify({ model: MODEL_ID, keep_alive: '10m' }),
    });
    if (!response.ok) throw new Error(`loading ${MODEL_ID} on the fake answered ${response.status}`);
  },
};

// What the real servers always report for a model (OpenRouter lists a context length and prices
// for every model), so the fixture does too.
const CHAT_MODEL = {
  id: MODEL_ID,
  name: 'Chat Model',
  contextLength: 8192,
  maxCompletionTokens: 4096,
  pricing: { prompt: 0.000001, completion: 0.000002 },
};

const FAKES: Record<string, () => Promise<FakeServer>> = {
  'openrouter-api': () => startOpenRouterFake({ apiKey: API_KEY, models: [CHAT_MODEL] }),
  'openai-compatible-api': () => startOpenAICompatibleFake({ apiKey: API_KEY, models: [CHAT_MODEL] }),
  'ollama-api': () => startOllamaFake({ models: [{ name: MODEL_ID }], pullable: [{ name: 'pullable-model' }] }),
};

interface PactFile {
  path: string;
  provider: string;
  states: string[];
}

function findPactFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return findPactFiles(path);
    return name.endsWith('.json') ? [path] : [];
  });
}

function readPacts(): PactFile[] {
  const files = readdirSync(packagesDirectory)
    .filter((name) => name.startsWith('provider-'))
    .flatMap((name) => {
      const directory = join(packagesDirectory, name, 'pacts');
      try {
        return findPactFiles(directory);
      } catch {
        return [];
      }
    });
  return files.map((path) => {
    const pact = JSON.parse(readFileSync(path, 'utf8')) as {
      provider: { name: string };
      interactions: { providerStates?: { name: string }[] }[];
    };
    const states = pact.interactions.flatMap((interaction) =>
      (interaction.providerStates ?? []).map((state) => state.name),
    );
    return { path, provider: pact.provider.name, states: [...new Set(states)] };
  });
}

const pacts = readPacts();

describe('pact verification of the testkit fakes', () => {
  test('the provider packages have written pacts, each for a server we fake, with known states', () => {
    expect(pacts.length).toBeGreaterThan(0);
    for (const pact of pacts) {
      expect(Object.keys(FAKES), pact.path).toContain(pact.provider);
      for (const state of pact.states)
        expect(Object.keys(PROVIDER_STATES), `${pact.path}: state "${state}"`).toContain(state);
    }
  });

  for (const pact of pacts) {
    test(`${pact.path.slice(packagesDirectory.length + 1)} holds against the ${pact.provider} fake`, {
      timeout: 60_000,
    }, async () => {
      const start = FAKES[pact.provider];
      if (start === undefined) throw new Error(`no fake for ${pact.provider}`);
      const fake = await start();
      try {
        const stateHandlers = Object.fromEntries(
          Object.keys(PROVIDER_STATES).map((state) => [state, async () => STATE_SETUP[state]?.(fake.url)]),
        );
        const output = await new Verifier({
          providerBaseUrl: fake.url,
          pactUrls: [pact.path],
          stateHandlers,
          logLevel: 'error',
        }).verifyProvider();
        expect(output).toBeDefined();
      } finally {
        await fake.close();
      }
    });
  }
});
