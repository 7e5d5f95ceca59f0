import { mkdir, mkdtemp, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '@modelyard/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeConfiguredFile, findModelFiles, MAX_SCAN_DEPTH, modelIdOfPath, scanModelsFolder } from './model-files';
import { HOOK_TIMEOUT_MS } from './test-support/timeouts';

function recordingLogger(): Logger & { lines: string[]; fields: Record<string, unknown>[] } {
  const lines: string[] = [];
  const fields: Record<string, unknown>[] = [];
  const record =
    (level: string) =>
    (message: string, extra: Record<string, unknown> = {}) => {
      lines.push(`${level}: ${message}`);
      fields.push(extra);
    };
  return { lines, fields, debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') };
}

let root: string;
async function file(path: string, bytes = 1): Promise<void> {
  await mkdir(join(root, path, '..'), { recursive: true });
  await writeFile(join(root, path), new Uint8Array(bytes));
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'model-files-'));
  await file('b.gguf', 10);
  await file('a.GGUF', 20);
  await file('notes.txt');
  await file('.hidden.gguf');
  await file('.cache/x.gguf');
  await file('lmstudio/publisher/model/q4.gguf', 30);
  await file('one/two/three/four/deep.gguf');
  await file('one/two/three/four/five/too-deep.gguf');
  await file('split/big-00001-of-00002.gguf', 100);
  await file('split/big-00002-of-00002.gguf', 50);
  await utimes(join(root, 'split/big-00001-of-00002.gguf'), 1_000, 1_000);
  await utimes(join(root, 'split/big-00002-of-00002.gguf'), 2_000, 2_000);
  await file('partial.gguf.download');
  await mkdir(join(root, 'folder.gguf'));
  await symlink(join(root, 'lmstudio'), join(root, 'dirlink.gguf'));
  await symlink(join(root, 'b.gguf'), join(root, 'link.gguf'));
  await symlink(join(root, 'nowhere.gguf'), join(root, 'dangling.gguf'));
}, HOOK_TIMEOUT_MS);
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
}, HOOK_TIMEOUT_MS);

describe('modelIdOfPath', () => {
  it.each([
    ['model.gguf', 'model', 1],
    ['Model.Q4_K_M.GGUF', 'Model.Q4_K_M', 1],
    [join('publisher', 'model', 'file.gguf'), 'publisher/model/file', 1],
    ['big-00002-of-00003.gguf', 'big', 2],
    ['big-0002-of-0003.gguf', 'big-0002-of-0003', 1],
    ['big-00001-of-00002-final.gguf', 'big-00001-of-00002-final', 1],
  ])('%s → %s (part %i)', (path, modelId, part) => {
    expect(modelIdOfPath(path)).toEqual({ modelId, part });
  });
});

describe('scanModelsFolder', () => {
  it('finds .gguf files in name order, sub-folders to the depth limit, skipping hidden entries and folders', async () => {
    const logger = recordingLogger();
    const files = await scanModelsFolder(root, logger);
    expect(MAX_SCAN_DEPTH).toBe(4);
    expect(files.map((found) => [found.modelId, found.sizeBytes])).toEqual([
      ['a', 20],
      ['b', 10],
      ['link', 10],
      ['lmstudio/publisher/model/q4', 30],
      ['one/two/three/four/deep', 1],
      ['split/big', 150],
    ]);
    expect(files.find((found) => found.modelId === 'split/big')?.path).toBe(
      join(root, 'split', 'big-00001-of-00002.gguf'),
    );
    expect(files.every((found) => typeof found.modifiedAtMs === 'number' && found.failure === undefined)).toBe(true);
    // A split model is as new as its newest part (mtimes in seconds → ms).
    expect(files.find((found) => found.modelId === 'split/big')?.modifiedAtMs).toBe(2_000_000);
    expect(logger.lines).toEqual(['warn: provider-local: cannot read a model file']);
    expect(logger.fields[0]).toMatchObject({
      path: join(root, 'dangling.gguf'),
      error: expect.stringContaining('ENOENT'),
    });
  });

  it('lists files in name order whatever order the folder gives', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'model-order-'));
    for (const name of ['c', 'a', 'd', 'b']) await writeFile(join(folder, `${name}.gguf`), '');
    expect((await scanModelsFolder(folder, recordingLogger())).map((found) => found.modelId)).toEqual([
      'a',
      'b',
      'c',
      'd',
    ]);
    await rm(folder, { recursive: true });
  });

  it('gives nothing, with a warning, for a folder that does not exist', async () => {
    const logger = recordingLogger();
    expect(await scanModelsFolder(join(root, 'missing'), logger)).toEqual([]);
    expect(logger.lines).toEqual(['warn: provider-local: cannot read a models folder']);
    expect(logger.fields[0]).toMatchObject({ folder: join(root, 'missing'), error: expect.stringContaining('ENOENT') });
  });
});

describe('describeConfiguredFile', () => {
  it('reads size and time of a file', async () => {
    const described = await describeConfiguredFile('mine', join(root, 'b.gguf'));
    expect(described).toMatchObject({ modelId: 'mine', path: join(root, 'b.gguf'), sizeBytes: 10 });
    expect(described.failure).toBeUndefined();
  });

  it('keeps why a file cannot be read: missing, or a folder', async () => {
    const missing = await describeConfiguredFile('gone', join(root, 'gone.gguf'));
    expect(missing).toMatchObject({ sizeBytes: null, modifiedAtMs: null, failure: { code: 'ENOENT' } });
    const folder = await describeConfiguredFile('dir', join(root, 'folder.gguf'));
    expect(folder).toMatchObject({ sizeBytes: null, modifiedAtMs: null, failure: { code: 'EISDIR' } });
    expect((folder.failure as Error).message).toBe(`EISDIR: ${join(root, 'folder.gguf')} is a folder`);
  });
});

describe('findModelFiles', () => {
  it('lists configured files first, then each folder; the first source of an id wins', async () => {
    const logger = recordingLogger();
    const files = await findModelFiles({
      folders: [join(root, 'split'), root],
      configured: new Map([['b', join(root, 'a.GGUF')]]),
      logger,
    });
    expect([...files.keys()]).toEqual([
      'b',
      'big',
      'a',
      'link',
      'lmstudio/publisher/model/q4',
      'one/two/three/four/deep',
      'split/big',
    ]);
    expect(files.get('b')?.sizeBytes).toBe(20);
    const skipped = logger.lines.indexOf('debug: provider-local: model id already taken; file skipped');
    expect(logger.fields[skipped]).toEqual({ modelId: 'b', path: join(root, 'b.gguf') });
  });
});
