import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Fault, FaultMatch } from './fault';

/** A request a fake server received, as recorded. */
export interface RecordedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: Record<string, string>;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** The JSON body, parsed; `undefined` when there was none or it was not JSON. */
  body: unknown;
  rawBody: string;
  /** `Date.now()` when the request arrived. */
  receivedAt: number;
  /** The fault this request took, if any. */
  fault: Fault | null;
  /** Whether the client closed the connection before the answer was complete. */
  clientClosed: boolean;
}

/** How a route answers. Faults queued on the server are applied by these methods. */
export interface FakeResponder {
  /** Answers with a JSON body. */
  json(status: number, body: unknown, headers?: Record<string, string>): void;
  /**
   * Answers with a stream of pieces written one by one (SSE events, NDJSON lines), ending the
   * response after the last. `malformedPiece` replaces the first piece under a `malformed` fault.
   */
  stream(contentType: string, pieces: readonly string[], options: { malformedPiece: string }): Promise<void>;
}

/** A route of a fake server. */
export interface FakeRoute {
  method: 'GET' | 'POST' | 'DELETE' | 'HEAD';
  /** The exact path, or a pattern over the path. */
  path: string | RegExp;
  handle(request: RecordedRequest, respond: FakeResponder): void | Promise<void>;
}

/** What every fake server offers: its address, the requests it got, fault injection and closing. */
export interface FakeServer {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  readonly url: string;
  readonly port: number;
  /** Every request received, in order of arrival. */
  readonly requests: readonly RecordedRequest[];
  /** Queues a fault for the next matching request(s). Faults are taken in the order queued. */
  injectFault(fault: Fault, match?: FaultMatch): void;
  /** Drops every queued fault. */
  clearFaults(): void;
  /** Faults still queued. */
  readonly pendingFaultCount: number;
  /** Forgets the recorded requests and the queued faults. */
  reset(): void;
  /** Stops listening and cuts every open connection (stalls included). Safe to call twice. */
  close(): Promise<void>;
}

/** Options of {@link startFakeServer}. */
export interface FakeServerOptions {
  routes: readonly FakeRoute[];
  /** What unmatched requests get. Defaults to a 404 with `{ error: { message } }`. */
  notFound?: (request: RecordedRequest, respond: FakeResponder) => void;
}

interface QueuedFault {
  fault: Fault;
  path: string | RegExp | undefined;
  remaining: number;
}

function matches(pattern: string | RegExp | undefined, path: string): boolean {
  if (pattern === undefined) return true;
  return typeof pattern === 'string' ? pattern === path : pattern.test(path);
}

function parseJson(text: string): unknown {
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

async function readRequest(incoming: IncomingMessage): Promise<RecordedRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  const rawBody = Buffer.concat(chunks).toString('utf8');
  const url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return {
    method: incoming.method ?? 'GET',
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers,
    body: parseJson(rawBody),
    rawBody,
    receivedAt: Date.now(),
    fault: null,
    clientClosed: false,
  };
}

/**
 * Starts a loopback HTTP server (127.0.0.1, a free port) that serves `routes`, records every
 * request and applies queued faults. The building block of the provider fakes; third parties can
 * build fakes of their own servers with it.
 */
export async function startFakeServer(options: FakeServerOptions): Promise<FakeServer> {
  const requests: RecordedRequest[] = [];
  let faults: QueuedFault[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;

  function wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });
  }

  function takeFault(path: string): Fault | null {
    const queued = faults.find((candidate) => matches(candidate.path, path));
    if (queued === undefined) return null;
    queued.remaining -= 1;
    if (queued.remaining <= 0) faults = faults.filter((candidate) => candidate !== queued);
    return queued.fault;
  }

  function responderFor(response: ServerResponse, fault: Fault | null): FakeResponder {
    return {
      json(status, body, headers = {}) {
        if (fault?.type === 'drop' || fault?.type === 'truncate') {
          response.socket?.destroy();
          return;
        }
        const text = fault?.type === 'malformed' ? '{"malformed": [1, 2' : JSON.stringify(body);
        response.writeHead(status, { 'content-type': 'application/json', ...headers });
        response.end(text);
      },
      async stream(contentType, pieces, { malformedPiece }) {
        response.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-cache' });
        response.flushHeaders();
        for (const [index, piece] of pieces.entries()) {
          if (fault?.type === 'drop' && index >= fault.afterChunks) {
            // destroySoon, not destroy: the pieces already written reach the client first.
            response.socket?.destroySoon();
            return;
          }
          if (fault?.type === 'truncate' && index >= fault.afterChunks) break;
          if (fault?.type === 'trickle' && index > 0) await wait(fault.chunkDelayMs);
          if (response.destroyed || closed) return;
          response.write(fault?.type === 'malformed' && index === 0 ? malformedPiece : piece);
        }
        response.end();
      },
    };
  }

  async function applyFault(fault: Fault, response: ServerResponse): Promise<'answered' | 'continue'> {
    switch (fault.type) {
      case 'status': {
        const isText = typeof fault.body === 'string';
        response.writeHead(fault.status, {
          'content-type': isText ? 'text/plain' : 'application/json',
          ...fault.headers,
        });
        response.end(
          isText ? fault.body : JSON.stringify(fault.body ?? { error: { message: `HTTP ${fault.status}` } }),
        );
        return 'answered';
      }
      case 'reset':
        response.socket?.destroy();
        return 'answered';
      case 'stall':
        response.writeHead(200, { 'content-type': 'application/json' });
        response.flushHeaders();
        return 'answered';
      case 'latency':
        await wait(fault.ms);
        return 'continue';
      default:
        return 'continue';
    }
  }

  const server = createServer((incoming, response) => {
    void (async () => {
      const request = await readRequest(incoming);
      requests.push(request);
      response.on('close', () => {
        if (!response.writableFinished) request.clientClosed = true;
      });
      const fault = takeFault(request.path);
      request.fault = fault;
      if (fault && (await applyFault(fault, response)) === 'answered') return;
      if (closed || response.destroyed) return;
      const responder = responderFor(response, fault);
      const route = options.routes.find(
        (candidate) => candidate.method === request.method && matches(candidate.path, request.path),
      );
      if (route) await route.handle(request, responder);
      else if (options.notFound) options.notFound(request, responder);
      else responder.json(404, { error: { message: `No route for ${request.method} ${request.path}` } });
    })().catch(() => {
      if (!response.headersSent) response.writeHead(500).end();
      else response.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    injectFault(fault, match = {}) {
      faults.push({ fault, path: match.path, remaining: match.times ?? 1 });
    },
    clearFaults() {
      faults = [];
    },
    get pendingFaultCount() {
      return faults.length;
    },
    reset() {
      requests.length = 0;
      faults = [];
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
