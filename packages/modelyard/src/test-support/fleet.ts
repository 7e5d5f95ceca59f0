import type { ModelProvider } from '@modelyard/core';
import { createCustomProvider } from '@modelyard/provider-custom';
import { findClosedPort, type OpenAICompatibleFake, startOpenAICompatibleFake } from '@modelyard/testkit';

/** One server of a {@link Fleet}: a loopback OpenAI-compatible fake and the provider over it. */
export interface FleetServer {
  name: string;
  modelId: string;
  fake: OpenAICompatibleFake;
  provider: ModelProvider;
  /** Chat requests the fake received. */
  chatRequests(): number;
}

/** Real providers (provider-custom on the openai client) over loopback fakes. */
export interface Fleet {
  servers: FleetServer[];
  providers: ModelProvider[];
  byName(name: string): FleetServer;
  close(): Promise<void>;
}

/** A server of the fleet: its name, its model and the model's price in USD per million tokens. */
export interface FleetServerSpec {
  name: string;
  pricePerMillion: number;
  contextLength?: number;
}

export const CHAT_PATH = '/v1/chat/completions';

/**
 * Starts one fake per spec, each serving `<name>-model`, declared with its price (input = output)
 * so the ranking is known in advance: cheaper ranks first when nothing else differs.
 * `unreachable` adds a provider whose server is down (a closed port).
 */
export async function startFleet(
  specs: readonly FleetServerSpec[],
  options: { unreachable?: string } = {},
): Promise<Fleet> {
  const servers: FleetServer[] = [];
  for (const spec of specs) {
    const modelId = `${spec.name}-model`;
    const fake = await startOpenAICompatibleFake({ models: [{ id: modelId }] });
    const price = spec.pricePerMillion / 1_000_000;
    const provider = createCustomProvider({
      name: spec.name,
      baseURL: fake.baseURL,
      discover: false,
      models: [
        {
          id: modelId,
          contextLength: spec.contextLength ?? 32_768,
          pricing: { inputPerToken: price, outputPerToken: price, perRequest: 0 },
          ...(price === 0 ? { isFree: true } : {}),
        },
      ],
    });
    servers.push({
      name: spec.name,
      modelId,
      fake,
      provider,
      chatRequests: () => fake.requests.filter((request) => request.path === CHAT_PATH).length,
    });
  }
  const providers = servers.map((server) => server.provider);
  if (options.unreachable) {
    const port = await findClosedPort();
    providers.push(createCustomProvider({ name: options.unreachable, baseURL: `http://127.0.0.1:${port}/v1` }));
  }
  return {
    servers,
    providers,
    byName(name) {
      const server = servers.find((candidate) => candidate.name === name);
      if (!server) throw new Error(`no server ${name}`);
      return server;
    },
    async close() {
      await Promise.all(servers.map((server) => server.fake.close()));
    },
  };
}

/** A stream into a string, with the surface of `process.stdout`. */
export function captureStream(options: { isTTY?: boolean; columns?: number } = {}) {
  let text = '';
  return {
    isTTY: options.isTTY ?? false,
    columns: options.columns ?? 120,
    write(chunk: string) {
      text += chunk;
      return true;
    },
    get text() {
      return text;
    },
  };
}
