import { describe, expect, test } from 'vitest';
import { openProtocolClient, PREDICT, until, useLMStudioFakeHarness } from './lmstudio-protocol-client';

const harness = useLMStudioFakeHarness();

describe('faults', () => {
  test('error after N messages ends the channel with that error; on an rpc it is the rpcError', async () => {
    harness.fake.injectFault(
      { type: 'error', afterMessages: 1, error: { title: 'GPU out of memory' } },
      { endpoint: 'predict' },
    );
    harness.fake.injectFault({ type: 'error' }, { namespace: 'system', endpoint: 'version' });
    const llm = await harness.client('llm');
    llm.send({ type: 'channelCreate', endpoint: 'predict', channelId: 0, creationParameter: PREDICT });
    expect((await llm.next()).message).toMatchObject({ type: 'fragment' });
    expect(await llm.next()).toEqual({
      type: 'channelError',
      channelId: 0,
      error: { title: 'GPU out of memory', rootTitle: 'GPU out of memory' },
    });
    const system = await harness.client('system');
    system.send({ type: 'rpcCall', endpoint: 'version', callId: 0 });
    expect(await system.next()).toMatchObject({
      type: 'rpcError',
      error: { title: 'Internal error (injected fault)' },
    });
    expect(harness.fake.pendingFaultCount).toBe(0);
  });

  test('drop cuts the connection after N messages and marks the call as cut', async () => {
    harness.fake.injectFault({ type: 'drop', afterMessages: 2 }, { endpoint: 'predict' });
    const llm = await harness.client('llm');
    llm.send({ type: 'channelCreate', endpoint: 'predict', channelId: 0, creationParameter: PREDICT });
    await llm.next();
    await llm.next();
    await llm.closed;
    expect(harness.fake.calls.at(-1)).toMatchObject({ clientClosed: true, fault: { type: 'drop', afterMessages: 2 } });
    expect(harness.fake.connections.at(-1)?.isOpen).toBe(false);
  });

  test('stall never answers; the call is marked cut when the connection closes', async () => {
    harness.fake.injectFault({ type: 'stall' }, { endpoint: 'listLoaded' });
    const llm = await harness.client('llm');
    llm.send({ type: 'rpcCall', endpoint: 'listLoaded', callId: 0 });
    llm.send({ type: 'rpcCall', endpoint: 'listLoaded', callId: 1 });
    expect(await llm.next()).toMatchObject({ type: 'rpcResult', callId: 1 });
    llm.socket.close();
    await llm.closed;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(harness.fake.calls[0]).toMatchObject({ endpoint: 'listLoaded', clientClosed: true });
  });

  test('malformed sends a frame that is not JSON in place of an rpc answer or of channel message N', async () => {
    harness.fake.injectFault({ type: 'malformed' }, { endpoint: 'version' });
    harness.fake.injectFault({ type: 'malformed', afterMessages: 1 }, { endpoint: 'predict' });
    const system = await harness.client('system');
    const raw: string[] = [];
    system.socket.addEventListener('message', (event) => raw.push(String(event.data)));
    system.send({ type: 'rpcCall', endpoint: 'version', callId: 0 });
    await until(() => raw.length === 1);
    expect(() => JSON.parse(raw[0] as string)).toThrow();
    const llm = await harness.client('llm');
    const frames: string[] = [];
    llm.socket.addEventListener('message', (event) => frames.push(String(event.data)));
    llm.send({ type: 'channelCreate', endpoint: 'predict', channelId: 0, creationParameter: PREDICT });
    await until(() => frames.length === 5);
    const kinds = frames.map((frame) => {
      try {
        return (JSON.parse(frame) as { message?: { type: string } }).message?.type ?? 'close';
      } catch {
        return 'garbage';
      }
    });
    expect(kinds).toEqual(['fragment', 'garbage', 'fragment', 'success', 'close']);
  });

  test('latency delays the answer', async () => {
    harness.fake.injectFault({ type: 'latency', ms: 120 }, { endpoint: 'version' });
    const system = await harness.client('system');
    const startedAt = Date.now();
    system.send({ type: 'rpcCall', endpoint: 'version', callId: 0 });
    await system.next();
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(100);
  });

  test('refuse-auth answers success false; refuse-upgrade and stall-handshake never open', async () => {
    harness.fake.injectFault({ type: 'refuse-auth', error: 'Wrong passkey' });
    const refused = await openProtocolClient(harness.fake, 'system');
    refused.send({ authVersion: 1, clientIdentifier: 'a', clientPasskey: 'b' });
    expect(await refused.next()).toEqual({ success: false, error: 'Wrong passkey' });
    await refused.closed;

    harness.fake.injectFault({ type: 'refuse-upgrade', status: 404 });
    await expect(openProtocolClient(harness.fake, 'system')).rejects.toBeDefined();

    harness.fake.injectFault({ type: 'stall-handshake' }, { namespace: 'llm' });
    const stalled = new WebSocket(`${harness.fake.baseUrl}/llm`);
    const opened = await new Promise<boolean>((resolve) => {
      stalled.addEventListener('open', () => resolve(true));
      setTimeout(() => resolve(false), 200);
    });
    expect(opened).toBe(false);
    stalled.close();
  });

  test('stall-auth upgrades but never answers the authentication', async () => {
    harness.fake.injectFault({ type: 'stall-auth' });
    const raw = await openProtocolClient(harness.fake, 'system');
    raw.send({ authVersion: 1, clientIdentifier: 'a', clientPasskey: 'b' });
    const answer = await Promise.race([
      raw.next(),
      new Promise((resolve) => setTimeout(() => resolve('silence'), 150)),
    ]);
    expect(answer).toBe('silence');
    raw.socket.close();
  });

  test('dropConnections cuts every client; reset forgets calls, connections and faults', async () => {
    const llm = await harness.client('llm');
    harness.fake.injectFault({ type: 'stall' });
    harness.fake.dropConnections();
    await llm.closed;
    harness.fake.reset();
    expect(harness.fake.calls).toEqual([]);
    expect(harness.fake.connections).toEqual([]);
    expect(harness.fake.pendingFaultCount).toBe(0);
    harness.fake.injectFault({ type: 'stall' }, { times: Number.POSITIVE_INFINITY });
    harness.fake.clearFaults();
    expect(harness.fake.pendingFaultCount).toBe(0);
  });
});
