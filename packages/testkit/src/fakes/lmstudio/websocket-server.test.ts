import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { LMSTUDIO_FAULT_TYPES } from './lmstudio-fake-types';
import { decodeFrames, encodeFrame, OPCODES, type WebSocketFrame } from './websocket-frames';
import {
  type FakeWebSocket,
  startWebSocketServer,
  type UpgradeDecision,
  type WebSocketServer,
} from './websocket-server';

const MASK = Buffer.from([1, 2, 3, 4]);
const KEY = 'dGhlIHNhbXBsZSBub25jZQ==';

interface RawClient {
  socket: Socket;
  /** The HTTP response head. */
  head: string;
  frames: WebSocketFrame[];
  ended: Promise<void>;
}

function handshake(path: string, key: string | null): string {
  return [
    `GET ${path} HTTP/1.1`,
    'Host: 127.0.0.1',
    'Upgrade: websocket',
    'Connection: Upgrade',
    ...(key === null ? [] : [`Sec-WebSocket-Key: ${key}`]),
    'Sec-WebSocket-Version: 13',
    '',
    '',
  ].join('\r\n');
}

/** Opens a TCP connection, sends an upgrade request (and `extra` bytes in the same write), reads the answer. */
function rawClient(
  port: number,
  options: { path?: string; key?: string | null; extra?: Buffer } = {},
): Promise<RawClient> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let buffered: Buffer = Buffer.alloc(0);
    let client: RawClient | undefined;
    let endedResolve: () => void = () => undefined;
    const ended = new Promise<void>((done) => {
      endedResolve = done;
    });
    socket.on('error', reject);
    socket.on('close', () => endedResolve());
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      if (client === undefined) {
        const end = buffered.indexOf('\r\n\r\n');
        if (end === -1) return;
        client = { socket, head: buffered.subarray(0, end).toString(), frames: [], ended };
        buffered = buffered.subarray(end + 4);
        resolve(client);
      }
      const decoded = decodeFrames(buffered);
      client.frames.push(...decoded.frames);
      buffered = decoded.rest;
    });
    socket.write(
      Buffer.concat([
        Buffer.from(handshake(options.path ?? '/llm', options.key === undefined ? KEY : options.key)),
        options.extra ?? Buffer.alloc(0),
      ]),
    );
  });
}

async function until(condition: () => boolean): Promise<void> {
  for (let tries = 0; tries < 200 && !condition(); tries++) await new Promise((resolve) => setTimeout(resolve, 5));
}

let server: WebSocketServer;
let connections: FakeWebSocket[];
let messages: string[];
let closes: number;

async function start(decideUpgrade?: (path: string) => UpgradeDecision) {
  connections = [];
  messages = [];
  closes = 0;
  server = await startWebSocketServer({
    ...(decideUpgrade ? { decideUpgrade } : {}),
    onConnection(socket) {
      connections.push(socket);
      return {
        onMessage: (text) => {
          messages.push(text);
          socket.send(`echo ${text}`);
        },
        onClose: () => {
          closes++;
        },
      };
    },
  });
}

afterEach(async () => {
  await server.close();
  await server.close();
});

describe('startWebSocketServer', () => {
  test('answers the upgrade with the accept key of RFC 6455 and reports the path', async () => {
    await start();
    const client = await rawClient(server.port, { path: '/system?x=1' });
    expect(client.head.split('\r\n')).toEqual([
      'HTTP/1.1 101 Switching Protocols',
      'Upgrade: websocket',
      'Connection: Upgrade',
      'Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=',
    ]);
    await until(() => connections.length === 1);
    expect(connections[0]?.path).toBe('/system');
    client.socket.destroy();
  });

  test('joins a fragmented message, even when its first frame came with the upgrade request', async () => {
    await start();
    const first = Buffer.from([
      0x01,
      0x83,
      ...MASK,
      ...Buffer.from('Hel').map((byte, index) => byte ^ (MASK[index % 4] as number)),
    ]);
    const client = await rawClient(server.port, { extra: first });
    client.socket.write(encodeFrame(OPCODES.continuation, Buffer.from('lo'), MASK));
    await until(() => client.frames.length === 1);
    expect(messages).toEqual(['Hello']);
    expect(client.frames[0]).toEqual({
      fin: true,
      opcode: OPCODES.text,
      masked: false,
      payload: Buffer.from('echo Hello'),
    });
    client.socket.destroy();
  });

  test('answers a ping with a pong of the same payload and ignores pongs', async () => {
    await start();
    const client = await rawClient(server.port);
    client.socket.write(encodeFrame(OPCODES.pong, Buffer.from('x'), MASK));
    client.socket.write(encodeFrame(OPCODES.ping, Buffer.from('are you there'), MASK));
    await until(() => client.frames.length === 1);
    expect(client.frames[0]).toMatchObject({ opcode: OPCODES.pong, payload: Buffer.from('are you there') });
    client.socket.destroy();
  });

  test('echoes a close frame with its code, then ends the connection', async () => {
    await start();
    const client = await rawClient(server.port);
    client.socket.write(encodeFrame(OPCODES.close, Buffer.from([0x03, 0xe9]), MASK));
    await client.ended;
    expect(client.frames).toEqual([
      { fin: true, opcode: OPCODES.close, masked: false, payload: Buffer.from([0x03, 0xe9]) },
    ]);
    await until(() => closes === 1);
    expect(connections[0]?.isOpen).toBe(false);
  });

  test('closes with 1002 on an unmasked client frame or an unknown opcode', async () => {
    await start();
    const unmasked = await rawClient(server.port);
    unmasked.socket.write(encodeFrame(OPCODES.text, Buffer.from('hi')));
    await unmasked.ended;
    expect(unmasked.frames[0]?.opcode).toBe(OPCODES.close);
    expect(unmasked.frames[0]?.payload.readUInt16BE(0)).toBe(1002);
    const unknown = await rawClient(server.port);
    unknown.socket.write(encodeFrame(0x3, Buffer.from('?'), MASK));
    await unknown.ended;
    expect(unknown.frames[0]?.payload.readUInt16BE(0)).toBe(1002);
    expect(messages).toEqual([]);
  });

  test('close() sends a close frame; destroy() cuts without one; send after close is ignored', async () => {
    await start();
    const closed = await rawClient(server.port);
    await until(() => connections.length === 1);
    connections[0]?.close(1001, 'going away');
    connections[0]?.close();
    connections[0]?.send('too late');
    await closed.ended;
    expect(closed.frames).toHaveLength(1);
    expect(closed.frames[0]?.payload.subarray(2).toString()).toBe('going away');
    const cut = await rawClient(server.port);
    await until(() => connections.length === 2);
    connections[1]?.destroy();
    await cut.ended;
    expect(cut.frames).toEqual([]);
  });

  test('an upgrade without a key is a 400; a refused one gets its status; a stalled one no answer', async () => {
    await start((path) => (path === '/refused' ? { status: 403 } : path === '/stalled' ? 'stall' : 'accept'));
    const keyless = await rawClient(server.port, { key: null });
    expect(keyless.head.split('\r\n')[0]).toBe('HTTP/1.1 400 Bad Request');
    const refused = await rawClient(server.port, { path: '/refused' });
    expect(refused.head.split('\r\n')[0]).toBe('HTTP/1.1 403 Forbidden');
    const answer = await Promise.race([
      rawClient(server.port, { path: '/stalled' }).then(() => 'answered'),
      new Promise((resolve) => setTimeout(() => resolve('silence'), 100)),
    ]);
    expect(answer).toBe('silence');
  });
});

describe('LMSTUDIO_FAULT_TYPES', () => {
  test('lists every fault kind once', () => {
    expect(new Set(LMSTUDIO_FAULT_TYPES).size).toBe(10);
  });
});
