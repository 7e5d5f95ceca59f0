// A loopback fake of the WebSocket API that @lmstudio/sdk talks to: one connection per namespace
// (`ws://host/llm`, `ws://host/system`, `ws://host/files`), an authentication packet, then rpc
// calls and channels as JSON messages.
import { serializeFakeError } from './lmstudio-fake-protocol';
import { type ChannelState, createFakeLMStudioState, type Emit } from './lmstudio-fake-state';
import type {
  FakeLMStudioError,
  LMStudioFake,
  LMStudioFakeOptions,
  LMStudioFault,
  LMStudioFaultMatch,
  RecordedLMStudioCall,
  RecordedLMStudioConnection,
} from './lmstudio-fake-types';
import { type FakeWebSocket, type FakeWebSocketHandlers, startWebSocketServer } from './websocket-server';

type Stage = 'upgrade' | 'auth' | 'call';

interface QueuedFault {
  fault: LMStudioFault;
  match: LMStudioFaultMatch;
  remaining: number;
}

const STAGE_OF: Record<LMStudioFault['type'], Stage> = {
  error: 'call',
  drop: 'call',
  stall: 'call',
  latency: 'call',
  malformed: 'call',
  trickle: 'call',
  'stall-handshake': 'upgrade',
  'refuse-upgrade': 'upgrade',
  'refuse-auth': 'auth',
  'stall-auth': 'auth',
};

const INJECTED_ERROR: FakeLMStudioError = { title: 'Internal error (injected fault)' };
const MALFORMED_FRAME = '{"type": "channelSend", "message": [1, 2';

function namespaceOf(path: string): string {
  return path.replace(/^\/+/, '');
}

/**
 * Starts a fake LM Studio on 127.0.0.1 and a free port. It serves what a provider uses:
 * `system`: `listDownloadedModels`, `version`; `llm`: `listLoaded`, `getModelInfo`, `unloadModel`
 * (rpc) and `loadModel`, `getOrLoad`, `predict` (channels); `files`: `uploadFileBase64`.
 * Predictions stream one `fragment` per word of the deterministic answer, then `success` with
 * stats, then close the channel; a `cancel` ends them with stop reason `userStopped`. Missing
 * models get LM Studio's errors with their `displayData` codes.
 */
export async function startLMStudioFake(options: LMStudioFakeOptions): Promise<LMStudioFake> {
  const fakeState = createFakeLMStudioState(options);
  const { instances } = fakeState;
  const calls: RecordedLMStudioCall[] = [];
  const connections: RecordedLMStudioConnection[] = [];
  const live = new Set<FakeWebSocket>();
  const timers = new Set<NodeJS.Timeout>();
  let faults: QueuedFault[] = [];

  function wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });
  }

  function takeFault(stage: Stage, namespace: string, endpoint?: string): LMStudioFault | null {
    const queued = faults.find(
      ({ fault, match }) =>
        STAGE_OF[fault.type] === stage &&
        (match.namespace === undefined || match.namespace === namespace) &&
        (stage !== 'call' || match.endpoint === undefined || match.endpoint === endpoint),
    );
    if (queued === undefined) return null;
    queued.remaining -= 1;
    if (queued.remaining <= 0) faults = faults.filter((candidate) => candidate !== queued);
    return queued.fault;
  }

  function serveConnection(socket: FakeWebSocket): FakeWebSocketHandlers {
    const namespace = namespaceOf(socket.path);
    const connection: RecordedLMStudioConnection = {
      namespace,
      clientIdentifier: null,
      authenticated: false,
      isOpen: true,
    };
    connections.push(connection);
    live.add(socket);
    const channels = new Map<number, (packet: unknown) => void>();
    const openCalls = new Set<RecordedLMStudioCall>();
    let isAuthStalled = false;
    const send = (message: Record<string, unknown>) => socket.send(JSON.stringify(message));

    function record(kind: 'rpc' | 'channel', endpoint: string, parameter: unknown): RecordedLMStudioCall {
      const call: RecordedLMStudioCall = {
        namespace,
        kind,
        endpoint,
        parameter,
        receivedAt: Date.now(),
        fault: takeFault('call', namespace, endpoint),
        cancelled: false,
        clientClosed: false,
      };
      calls.push(call);
      openCalls.add(call);
      return call;
    }

    async function serveRpc(endpoint: string, callId: number, parameter: unknown): Promise<void> {
      const call = record('rpc', endpoint, parameter);
      const { fault } = call;
      if (fault?.type === 'latency') await wait(fault.ms);
      if (fault?.type === 'stall') return;
      if (fault?.type === 'drop') return socket.destroy();
      openCalls.delete(call);
      if (fault?.type === 'malformed') return socket.send(MALFORMED_FRAME);
      const answered =
        fault?.type === 'error'
          ? { error: fault.error ?? INJECTED_ERROR }
          : fakeState.rpc(namespace, endpoint, parameter);
      if ('error' in answered) send({ type: 'rpcError', callId, error: serializeFakeError(answered.error) });
      else send({ type: 'rpcResult', callId, result: answered.result });
    }

    async function serveChannel(endpoint: string, channelId: number, parameter: unknown): Promise<void> {
      const call = record('channel', endpoint, parameter);
      const { fault } = call;
      let sent = 0;
      const state: ChannelState = {
        cancelled: false,
        async pace() {
          if (fault?.type === 'trickle' && sent > 0) await wait(fault.messageDelayMs);
        },
      };
      channels.set(channelId, (packet) => {
        if ((packet as { type?: unknown } | null)?.type !== 'cancel') return;
        call.cancelled = true;
        state.cancelled = true;
      });
      const finish = () => {
        channels.delete(channelId);
        openCalls.delete(call);
      };
      const fail = (error: FakeLMStudioError) => {
        send({ type: 'channelError', channelId, error: serializeFakeError(error) });
        finish();
      };
      if (fault?.type === 'latency') await wait(fault.ms);
      if (fault?.type === 'stall') return;
      const emit: Emit = async (message, isPaced = true) => {
        if (isPaced) await state.pace();
        if (!socket.isOpen) return false;
        if (fault?.type === 'drop' && sent >= (fault.afterMessages ?? 0)) {
          socket.destroy();
          return false;
        }
        if (fault?.type === 'error' && sent >= (fault.afterMessages ?? 0)) {
          fail(fault.error ?? INJECTED_ERROR);
          return false;
        }
        if (fault?.type === 'malformed' && sent === (fault.afterMessages ?? 0)) socket.send(MALFORMED_FRAME);
        else send({ type: 'channelSend', channelId, message });
        sent++;
        return true;
      };
      const outcome = await fakeState.channel(namespace, endpoint, parameter, emit, state);
      if (outcome === 'stopped' || !socket.isOpen) return;
      if (outcome === 'done') {
        send({ type: 'channelClose', channelId });
        finish();
      } else fail(outcome.error);
    }

    function authenticate(packet: Record<string, unknown>): void {
      if (isAuthStalled) return;
      const fault = takeFault('auth', namespace);
      if (fault?.type === 'stall-auth') {
        isAuthStalled = true;
        return;
      }
      if (typeof packet.clientIdentifier === 'string') connection.clientIdentifier = packet.clientIdentifier;
      const isWellFormed =
        packet.authVersion === 1 &&
        typeof packet.clientIdentifier === 'string' &&
        typeof packet.clientPasskey === 'string';
      if (fault?.type === 'refuse-auth' || !isWellFormed) {
        const error =
          fault?.type === 'refuse-auth' ? (fault.error ?? 'Authentication refused') : 'Invalid authentication packet';
        send({ success: false, error });
        socket.close(1008, 'authentication failed');
        return;
      }
      connection.authenticated = true;
      send({ success: true });
    }

    return {
      onMessage(text) {
        let message: Record<string, unknown>;
        try {
          const parsed: unknown = JSON.parse(text);
          message = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
        } catch {
          send({ type: 'communicationWarning', warning: 'Received a message that is not JSON' });
          return;
        }
        if (!connection.authenticated) return authenticate(message);
        const { type } = message;
        if (type === 'keepAlive') send({ type: 'keepAliveAck' });
        else if (type === 'rpcCall') void serveRpc(String(message.endpoint), Number(message.callId), message.parameter);
        else if (type === 'channelCreate')
          void serveChannel(String(message.endpoint), Number(message.channelId), message.creationParameter);
        else if (type === 'channelSend') channels.get(Number(message.channelId))?.(message.message);
        else if (type !== 'channelAck' && type !== 'communicationWarning')
          send({
            type: 'communicationWarning',
            warning: `The fake LM Studio does not serve "${String(type)}" messages`,
          });
      },
      onClose() {
        connection.isOpen = false;
        live.delete(socket);
        for (const call of openCalls) call.clientClosed = true;
        openCalls.clear();
        channels.clear();
      },
    };
  }

  const server = await startWebSocketServer({
    decideUpgrade(path) {
      const fault = takeFault('upgrade', namespaceOf(path));
      if (fault?.type === 'stall-handshake') return 'stall';
      if (fault?.type === 'refuse-upgrade') return { status: fault.status };
      return 'accept';
    },
    onConnection: serveConnection,
  });

  return {
    baseUrl: `ws://127.0.0.1:${server.port}`,
    port: server.port,
    calls,
    connections,
    get loadedInstances() {
      return instances.map((instance) => ({ ...instance }));
    },
    injectFault(fault, match = {}) {
      faults.push({ fault, match, remaining: match.times ?? 1 });
    },
    clearFaults() {
      faults = [];
    },
    get pendingFaultCount() {
      return faults.length;
    },
    reset() {
      calls.length = 0;
      connections.length = 0;
      faults = [];
    },
    dropConnections() {
      for (const socket of live) socket.destroy();
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await server.close();
    },
  };
}
