import type { PullProgress } from '@modelyard/core';
import { type OllamaFake, startOllamaFake } from '@modelyard/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createOllama } from './ollama-provider';
import { pullProgressOf } from './ollama-pull';

let server: OllamaFake;

beforeAll(async () => {
  server = await startOllamaFake({ models: [{ name: 'llama3.2:1b' }], pullable: [{ name: 'tiny:1m', size: 1000 }] });
});
afterAll(() => server.close());
afterEach(() => server.reset());

const create = () => createOllama({ host: server.host });

describe('pullProgressOf', () => {
  it('reads a progress line in core words, leaving out what the server left out', () => {
    expect(pullProgressOf({ status: 'pulling manifest' })).toEqual({ status: 'pulling manifest' });
    expect(
      pullProgressOf({ status: 'pulling dde5aa3fc5ff', digest: 'sha256:dde5aa3fc5ff', total: 2_019_377_376 }),
    ).toEqual({ status: 'pulling dde5aa3fc5ff', layer: 'sha256:dde5aa3fc5ff', totalBytes: 2_019_377_376 });
    expect(
      pullProgressOf({
        status: 'pulling dde5aa3fc5ff',
        digest: 'sha256:dde5aa3fc5ff',
        total: 2_019_377_376,
        completed: 0,
      }),
    ).toEqual({
      status: 'pulling dde5aa3fc5ff',
      layer: 'sha256:dde5aa3fc5ff',
      completedBytes: 0,
      totalBytes: 2_019_377_376,
    });
    expect(pullProgressOf({ status: 'x', digest: '', total: -1, completed: Number.NaN })).toEqual({ status: 'x' });
  });
});

describe('pullModel', () => {
  it('reports progress per layer in bytes, and the pulled model is listed next', async () => {
    const fake = await startOllamaFake({ models: [], pullable: [{ name: 'tiny:1m', size: 1000 }] });
    try {
      const provider = createOllama({ host: fake.host });
      expect(await provider.listModels()).toEqual([]);
      const progress: PullProgress[] = [];
      await provider.pullModel('tiny:1m', { onProgress: (event) => progress.push(event) });
      expect(progress[0]).toEqual({ status: 'pulling manifest' });
      const weights = progress.filter((event) => event.totalBytes === 1000);
      expect(weights.map((event) => event.completedBytes)).toEqual([undefined, 250, 500, 750, 1000]);
      expect(new Set(progress.flatMap((event) => (event.layer ? [event.layer] : []))).size).toBe(2);
      expect(progress.at(-1)).toEqual({ status: 'success' });
      expect(fake.requests.find((request) => request.path === '/api/pull')?.body).toMatchObject({
        name: 'tiny:1m',
        stream: true,
      });
      expect((await provider.listModels()).map((model) => model.modelId)).toEqual(['tiny:1m']);
    } finally {
      await fake.close();
    }
  });

  it('rejects with not_found for a model the registry does not have', async () => {
    const failure = await create()
      .pullModel('no-such:model')
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ kind: 'not_found', modelId: 'no-such:model' });
    expect((failure as Error).message).toContain('pull model manifest: file does not exist');
  });

  it('stops when aborted, and cuts the download', async () => {
    server.injectFault({ type: 'trickle', chunkDelayMs: 200 }, { path: '/api/pull' });
    const controller = new AbortController();
    const pulling = create().pullModel('tiny:1m', {
      signal: controller.signal,
      onProgress: (event) => {
        if (event.completedBytes === undefined && event.totalBytes !== undefined) controller.abort();
      },
    });
    await expect(pulling).rejects.toMatchObject({ kind: 'aborted' });
    const request = server.requests.find((candidate) => candidate.path === '/api/pull');
    await vi.waitFor(() => expect(request?.clientClosed).toBe(true));
  });

  it('stops with the error of an onProgress that throws', async () => {
    const failure = await create()
      .pullModel('tiny:1m', {
        onProgress: () => {
          throw new Error('disk full on our side');
        },
      })
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ kind: 'unknown', message: 'disk full on our side' });
  });

  it('rejects an aborted signal before any request', async () => {
    await expect(create().pullModel('tiny:1m', { signal: AbortSignal.abort() })).rejects.toMatchObject({
      kind: 'aborted',
    });
    expect(server.requests).toHaveLength(0);
  });
});
