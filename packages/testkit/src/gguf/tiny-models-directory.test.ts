import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTinyModelsDirectory } from './tiny-models-directory';

let parent: string;
beforeAll(async () => {
  parent = await mkdtemp(join(tmpdir(), 'tiny-models-test-'));
});
afterAll(async () => {
  await rm(parent, { recursive: true, force: true });
});

describe('createTinyModelsDirectory', () => {
  it('writes one tiny-llama.gguf by default, in a fresh folder', async () => {
    const directory = await createTinyModelsDirectory({ parentDirectory: parent });
    expect(basename(directory.path)).toMatch(/^modelyard-models-/);
    expect(directory.modelPaths).toEqual([join(directory.path, 'tiny-llama.gguf')]);
    expect((await stat(join(directory.path, 'tiny-llama.gguf'))).size).toBe(521_056);
    await directory.remove();
    expect(existsSync(directory.path)).toBe(false);
    await directory.remove();
  });

  it('writes the models asked for, in sub-folders too, and removes itself when disposed', async () => {
    let path = '';
    {
      await using directory = await createTinyModelsDirectory({
        parentDirectory: parent,
        models: [
          { fileName: 'a.gguf', seed: 1 },
          { fileName: 'family/b-f16.gguf', seed: 2, tensorType: 'f16' },
        ],
      });
      path = directory.path;
      expect(directory.modelPaths).toEqual([join(path, 'a.gguf'), join(path, 'family', 'b-f16.gguf')]);
      expect((await stat(join(path, 'family', 'b-f16.gguf'))).size).toBe(266_080);
    }
    expect(existsSync(path)).toBe(false);
  });

  it('uses the OS temp folder by default', async () => {
    const directory = await createTinyModelsDirectory({ models: [] });
    expect(directory.path.startsWith(tmpdir())).toBe(true);
    expect(directory.modelPaths).toEqual([]);
    await directory.remove();
  });

  it.each(['', '/abs/model.gguf', '../escape.gguf', 'a/../../escape.gguf'])(
    'refuses the file name %j before creating anything',
    async (fileName) => {
      const before = await readdir(parent);
      await expect(createTinyModelsDirectory({ parentDirectory: parent, models: [{ fileName }] })).rejects.toThrow(
        'fileName must be a relative path inside the directory',
      );
      expect(await readdir(parent)).toEqual(before);
    },
  );

  it('removes the folder when a model cannot be generated', async () => {
    const before = await readdir(parent);
    await expect(
      createTinyModelsDirectory({ parentDirectory: parent, models: [{ fileName: 'bad.gguf', blockCount: 0 }] }),
    ).rejects.toThrow('blockCount must be a positive integer');
    expect(await readdir(parent)).toEqual(before);
  });
});
