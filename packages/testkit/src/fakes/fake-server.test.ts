import { afterEach, describe, expect, test } from 'vitest';
import { type FakeServer, startFakeServer } from './fake-server';
import { STATUS_FAULTS } from './fault';

let server: FakeServer;
afterEach(async () => {
  await server.close();
});

async function start(): Promise<FakeServer> {
  server = await startFakeServer({
    routes: [
      {
        method: 'GET',
        path: '/json',
        handle: (_request, respond) => respond.json(200, { ok: true }, { 'x-extra': 'yes' }),
      },
      {
        method: 'POST',
        path: /^\/stream\/\w+$/,
        handle: (_request, respond) => respond.stream('text/plain', ['a\n', 'b\n', 'c\n'], { malformedPiece: '?\n' }),
      },
    ],
  });
  return server;
}

describe('startFakeServer', () => {
  test('binds 127.0.0.1 on a free port and records requests with parsed JSON bodies', async () => {
    await start();
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.port).toBeGreaterThan(0);
    const response = await fetch(`${server.url}/stream/x?verbose=1`, {
      method: 'POST',
      body: JSON.stringify({ a: 1 }),
      headers: { 'X-Test': 'T' },
    });
    expect(await response.text()).toBe('a\nb\nc\n');
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({
      method: 'POST',
      path: '/stream/x',
      query: { verbose: '1' },
      body: { a: 1 },
      rawBody: '{"a":1}',
      fault: null,
      clientClosed: false,
    });
    expect(server.requests[0]?.headers['x-test']).toBe('T');
  });

  test('an unmatched route is a 404 with an error body; a non-JSON body is kept raw', async () => {
    await start();
    const response = await fetch(`${server.url}/nowhere`, { method: 'POST', body: 'plain words' });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { message: 'No route for POST /nowhere' } });
    expect(server.requests[0]).toMatchObject({ body: undefined, rawBody: 'plain words' });
  });

  test('a status fault answers with its status, headers and body, once', async () => {
    await start();
    server.injectFault(STATUS_FAULTS.rateLimited(3));
    const limited = await fetch(`${server.url}/json`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    expect(await limited.json()).toEqual({ error: { message: 'Rate limit exceeded', type: 'rate_limit' } });
    expect(server.requests[0]?.fault).toEqual(STATUS_FAULTS.rateLimited(3));
    expect((await fetch(`${server.url}/json`)).status).toBe(200);
  });

  test('a text body is sent as text/plain; a status fault without body gets a default one', async () => {
    await start();
    server.injectFault({ type: 'status', status: 502, body: 'bad gateway' });
    server.injectFault({ type: 'status', status: 500 });
    const text = await fetch(`${server.url}/json`);
    expect([text.status, text.headers.get('content-type'), await text.text()]).toEqual([
      502,
      'text/plain',
      'bad gateway',
    ]);
    expect(await (await fetch(`${server.url}/json`)).json()).toEqual({ error: { message: 'HTTP 500' } });
  });

  test('faults match by path (string or pattern), in order, for `times` requests', async () => {
    await start();
    server.injectFault(STATUS_FAULTS.serviceUnavailable, { path: /^\/stream\//, times: 2 });
    server.injectFault(STATUS_FAULTS.unauthorized, { path: '/json' });
    expect(server.pendingFaultCount).toBe(2);
    expect((await fetch(`${server.url}/json`)).status).toBe(401);
    expect((await fetch(`${server.url}/json`)).status).toBe(200);
    expect((await fetch(`${server.url}/stream/a`, { method: 'POST' })).status).toBe(503);
    expect((await fetch(`${server.url}/stream/a`, { method: 'POST' })).status).toBe(503);
    expect((await fetch(`${server.url}/stream/a`, { method: 'POST' })).status).toBe(200);
    expect(server.pendingFaultCount).toBe(0);
    server.injectFault(STATUS_FAULTS.internalError, { times: Number.POSITIVE_INFINITY });
    for (let attempt = 0; attempt < 3; attempt++) expect((await fetch(`${server.url}/json`)).status).toBe(500);
    server.clearFaults();
    expect((await fetch(`${server.url}/json`)).status).toBe(200);
    server.reset();
    expect(server.requests).toHaveLength(0);
  });

  test('malformed: JSON answers are not JSON; streams start with the malformed piece', async () => {
    await start();
    server.injectFault({ type: 'malformed' });
    server.injectFault({ type: 'malformed' });
    expect(await (await fetch(`${server.url}/json`)).text()).toBe('{"malformed": [1, 2');
    expect(await (await fetch(`${server.url}/stream/a`, { method: 'POST' })).text()).toBe('?\nb\nc\n');
  });

  test('drop cuts a stream after N pieces and a JSON answer at once; reset cuts before any answer', async () => {
    await start();
    server.injectFault({ type: 'drop', afterChunks: 2 });
    const response = await fetch(`${server.url}/stream/a`, { method: 'POST' });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    let received = '';
    const failure = await (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return undefined;
        received += new TextDecoder().decode(value);
      }
    })().catch((error: unknown) => error);
    expect(received).toBe('a\nb\n');
    expect(failure).toBeInstanceOf(Error);
    server.injectFault({ type: 'drop', afterChunks: 0 });
    await expect(fetch(`${server.url}/json`)).rejects.toThrow();
    server.injectFault({ type: 'reset' });
    await expect(fetch(`${server.url}/json`)).rejects.toThrow();
  });

  test('truncate ends a stream cleanly after N pieces', async () => {
    await start();
    server.injectFault({ type: 'truncate', afterChunks: 1 });
    expect(await (await fetch(`${server.url}/stream/a`, { method: 'POST' })).text()).toBe('a\n');
    server.injectFault({ type: 'truncate', afterChunks: 1 });
    await expect(fetch(`${server.url}/json`)).rejects.toThrow();
  });

  test('latency delays the answer; trickle spaces the pieces', async () => {
    await start();
    server.injectFault({ type: 'latency', ms: 60 });
    const startedAt = performance.now();
    expect((await fetch(`${server.url}/json`)).status).toBe(200);
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(55);
    server.injectFault({ type: 'trickle', chunkDelayMs: 40 });
    const trickleStart = performance.now();
    expect(await (await fetch(`${server.url}/stream/a`, { method: 'POST' })).text()).toBe('a\nb\nc\n');
    expect(performance.now() - trickleStart).toBeGreaterThanOrEqual(75);
  });

  test('a stall sends headers then nothing; aborting marks the request clientClosed; close frees the port', async () => {
    await start();
    server.injectFault({ type: 'stall' });
    const controller = new AbortController();
    const response = await fetch(`${server.url}/json`, { signal: controller.signal });
    expect(response.status).toBe(200);
    const body = response.text();
    controller.abort();
    await expect(body).rejects.toThrow();
    await expect.poll(() => server.requests[0]?.clientClosed).toBe(true);
    const port = server.port;
    await server.close();
    await server.close();
    await expect(fetch(`http://127.0.0.1:${port}/json`)).rejects.toThrow();
    const again = await startFakeServer({ routes: [] });
    await again.close();
  });

  test('close cuts a stalled connection so the client sees an error instead of hanging', async () => {
    await start();
    server.injectFault({ type: 'stall' });
    const response = await fetch(`${server.url}/json`);
    const body = response.text();
    await server.close();
    await expect(body).rejects.toThrow();
  });
});
