// A client of the LM Studio fake that speaks the protocol by hand (the SDK is not a dependency of
// the testkit), and a harness that starts a fake per test. Used by the fake's own tests only.
import { afterEach, beforeEach, expect } from 'vitest';
import { startLMStudioFake } from './lmstudio-fake';
import type { LMStudioFake } from './lmstudio-fake-types';

/** One WebSocket connection to the fake, its messages queued in arrival order. */
export interface ProtocolClient {
  socket: WebSocket;
  send(message: unknown): void;
  next(): Promise<Record<string, unknown>>;
  closed: Promise<void>;
}

export async function openProtocolClient(fake: LMStudioFake, namespace: string): Promise<ProtocolClient> {
  const socket = new WebSocket(`${fake.baseUrl}/${namespace}`);
  const queue: Record<string, unknown>[] = [];
  const waiters: ((message: Record<string, unknown>) => void)[] = [];
  socket.addEventListener('message', (event) => {
    let message: Record<string, unknown>;
    try {
      message = JSON.parse(String(event.data)) as Record<string, unknown>;
    } catch {
      message = { notJson: String(event.data) };
    }
    const waiter = waiters.shift();
    if (waiter) waiter(message);
    else queue.push(message);
  });
  const closed = new Promise<void>((resolve) => socket.addEventListener('close', () => resolve()));
  await new Promise((resolve, reject) => {
    socket.addEventListener('open', resolve, { once: true });
    socket.addEventListener('error', reject, { once: true });
  });
  return {
    socket,
    closed,
    send: (message) => socket.send(JSON.stringify(message)),
    next: () => {
      const queued = queue.shift();
      return queued ? Promise.resolve(queued) : new Promise((resolve) => waiters.push(resolve));
    },
  };
}

export async function until(condition: () => boolean): Promise<void> {
  for (let tries = 0; tries < 200 && !condition(); tries++) await new Promise((resolve) => setTimeout(resolve, 5));
}

export async function connectProtocolClient(fake: LMStudioFake, namespace: string): Promise<ProtocolClient> {
  const client = await openProtocolClient(fake, namespace);
  client.send({ authVersion: 1, clientIdentifier: 'test-client', clientPasskey: 'test-passkey' });
  expect(await client.next()).toEqual({ success: true });
  return client;
}

/** A predict channel's creation parameter: "hello" to the loaded `tiny-chat`. */
export const PREDICT = {
  modelSpecifier: { type: 'query', query: { identifier: 'tiny-chat' } },
  history: { messages: [{ role: 'user', content: [{ type: 'text', text: 'hello' }] }] },
  predictionConfigStack: { layers: [] },
};

/** The fake of a test and authenticated clients of it (closed after the test). */
export interface LMStudioFakeHarness {
  readonly fake: LMStudioFake;
  client(namespace: string): Promise<ProtocolClient>;
}

/**
 * Starts, before each test, a fake with `tiny-chat` (loaded), `big-vision` (7B, Q8_0, 131,072
 * tokens, vision, tools) and `nomic-embed` (embedding), and closes it and its clients after.
 */
export function useLMStudioFakeHarness(): LMStudioFakeHarness {
  let fake: LMStudioFake | undefined;
  const clients: ProtocolClient[] = [];
  beforeEach(async () => {
    fake = await startLMStudioFake({
      models: [
        { modelKey: 'tiny-chat', loaded: true },
        {
          modelKey: 'big-vision',
          displayName: 'Big Vision',
          sizeBytes: 5_000_000_000,
          paramsString: '7B',
          architecture: 'qwen2',
          quantization: { name: 'Q8_0', bits: 8 },
          maxContextLength: 131_072,
          vision: true,
          trainedForToolUse: true,
        },
        { modelKey: 'nomic-embed', type: 'embedding', paramsString: null, architecture: null, quantization: null },
      ],
    });
  });
  afterEach(async () => {
    for (const connected of clients.splice(0)) connected.socket.close();
    await fake?.close();
  });
  return {
    get fake() {
      if (fake === undefined) throw new Error('the harness fake starts before each test');
      return fake;
    },
    async client(namespace) {
      const connected = await connectProtocolClient(this.fake, namespace);
      clients.push(connected);
      return connected;
    },
  };
}
