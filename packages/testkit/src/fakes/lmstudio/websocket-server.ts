// A minimal WebSocket server (RFC 6455) on node:http's `upgrade` event: enough for a loopback fake
// of a WebSocket API. Text messages, fragmentation, ping/pong and the close handshake; no
// extensions (permessage-deflate offers are declined by not answering them).
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { acceptKeyFor, closePayload, decodeFrames, encodeFrame, OPCODES } from './websocket-frames';

/** One accepted WebSocket connection, from the server's side. */
export interface FakeWebSocket {
  /** The request path, e.g. `/llm`. */
  readonly path: string;
  /** Whether messages can still be sent. */
  readonly isOpen: boolean;
  /** Sends one text message. Ignored once the connection is closing. */
  send(text: string): void;
  /** Starts the close handshake (a close frame, then the end of the stream). */
  close(code?: number, reason?: string): void;
  /** Cuts the TCP connection at once, without a close frame (as a crashed server does). */
  destroy(): void;
}

/** What a connection's owner hears. */
export interface FakeWebSocketHandlers {
  onMessage(text: string): void;
  onClose(): void;
}

/** How the server answers an upgrade request. */
export type UpgradeDecision = 'accept' | 'stall' | { status: number };

/** Options of {@link startWebSocketServer}. */
export interface WebSocketServerOptions {
  /** Decides the fate of an upgrade request for `path`. Defaults to accepting it. */
  decideUpgrade?(path: string): UpgradeDecision;
  /** A connection was accepted; returns who hears its messages. */
  onConnection(socket: FakeWebSocket): FakeWebSocketHandlers;
}

/** A running server. */
export interface WebSocketServer {
  readonly port: number;
  /** Stops listening and cuts every connection, stalled upgrades included. Safe to call twice. */
  close(): Promise<void>;
}

const REASONS: Record<number, string> = { 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 500: 'Error' };

function refuse(socket: Duplex, status: number): void {
  socket.end(`HTTP/1.1 ${status} ${REASONS[status] ?? 'Refused'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function accept(request: IncomingMessage, socket: Duplex, head: Buffer, options: WebSocketServerOptions): void {
  const key = request.headers['sec-websocket-key'];
  if (typeof key !== 'string' || request.headers.upgrade?.toLowerCase() !== 'websocket') {
    refuse(socket, 400);
    return;
  }
  socket.write(
    [
      'HTTP/1.1 101 Switching Protocols',
      'Upgrade: websocket',
      'Connection: Upgrade',
      `Sec-WebSocket-Accept: ${acceptKeyFor(key)}`,
      '',
      '',
    ].join('\r\n'),
  );
  let isOpen = true;
  let pending: Buffer = Buffer.alloc(0);
  let message: Buffer[] = [];
  const write = (opcode: number, payload: Buffer) => {
    if (!socket.destroyed) socket.write(encodeFrame(opcode, payload));
  };
  const connection: FakeWebSocket = {
    path: new URL(request.url ?? '/', 'http://127.0.0.1').pathname,
    get isOpen() {
      return isOpen && !socket.destroyed;
    },
    send(text) {
      if (isOpen) write(OPCODES.text, Buffer.from(text, 'utf8'));
    },
    close(code = 1000, reason = '') {
      if (!isOpen) return;
      isOpen = false;
      write(OPCODES.close, closePayload(code, reason));
      socket.end();
    },
    destroy() {
      isOpen = false;
      socket.destroy();
    },
  };
  const handlers = options.onConnection(connection);
  socket.on('close', () => {
    isOpen = false;
    handlers.onClose();
  });
  const onData = (chunk: Buffer) => {
    const decoded = decodeFrames(Buffer.concat([pending, chunk]));
    pending = decoded.rest;
    for (const frame of decoded.frames) {
      // RFC 6455 §5.1: a server must close the connection on an unmasked client frame.
      if (!frame.masked) return connection.close(1002, 'unmasked client frame');
      switch (frame.opcode) {
        case OPCODES.ping:
          write(OPCODES.pong, frame.payload);
          break;
        case OPCODES.pong:
          break;
        case OPCODES.close:
          // Echo the client's close (its status code only), then end the stream.
          if (isOpen) connection.close(frame.payload.length >= 2 ? frame.payload.readUInt16BE(0) : 1000);
          else socket.end();
          return;
        case OPCODES.text:
        case OPCODES.binary:
        case OPCODES.continuation:
          message.push(frame.payload);
          if (frame.fin) {
            const text = Buffer.concat(message).toString('utf8');
            message = [];
            if (isOpen) handlers.onMessage(text);
          }
          break;
        default:
          return connection.close(1002, 'unknown opcode');
      }
    }
  };
  socket.on('data', onData);
  if (head.length > 0) onData(head);
}

/** Starts a WebSocket server on 127.0.0.1 and a free port. Plain HTTP requests get 426. */
export async function startWebSocketServer(options: WebSocketServerOptions): Promise<WebSocketServer> {
  const sockets = new Set<Duplex>();
  const server = createServer((_request, response) => {
    response.writeHead(426, { 'content-type': 'text/plain', upgrade: 'websocket' }).end('Upgrade Required');
  });
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    // A client that resets the connection is a normal event for a fake, not a crash.
    socket.on('error', () => undefined);
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const decision = options.decideUpgrade?.(path) ?? 'accept';
    if (decision === 'stall') return;
    if (decision !== 'accept') return refuse(socket, decision.status);
    accept(request, socket, head, options);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  let closed = false;
  return {
    port,
    async close() {
      if (closed) return;
      closed = true;
      for (const socket of sockets) socket.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
