import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { Logger } from '@modelyard/core';

/** A `.gguf` file that may be a model, before its metadata is read. */
export interface ModelFile {
  /** Model id: the path inside the scanned folder without `.gguf` (`/`-separated), or the configured id. */
  modelId: string;
  /** The file to load (the first part of a split model). */
  path: string;
  /** Bytes on disk, every part of a split model included; `null` when the file could not be read. */
  sizeBytes: number | null;
  /** Last modification, in ms since the epoch; `null` when the file could not be read. */
  modifiedAtMs: number | null;
  /** Why the file could not be read (a configured file that is missing, say); absent when it could. */
  failure?: unknown;
}

/** How many levels of sub-folders are scanned (LM Studio keeps `publisher/model/file.gguf`). */
export const MAX_SCAN_DEPTH = 4;

// `name-00001-of-00003.gguf`: llama.cpp's split files; only the first part is loaded.
const SPLIT_PART = /^(.*)-(\d{5})-of-(\d{5})$/;
const GGUF_EXTENSION = /\.gguf$/i;

/** The model id of a file found at `relativePath` in a scanned folder, and its split part number (1 when whole). */
export function modelIdOfPath(relativePath: string): { modelId: string; part: number } {
  const withoutExtension = relativePath.split(sep).join('/').replace(GGUF_EXTENSION, '');
  const split = SPLIT_PART.exec(withoutExtension);
  return split ? { modelId: split[1] as string, part: Number(split[2]) } : { modelId: withoutExtension, part: 1 };
}

async function listFolder(folder: string, logger: Logger): Promise<Dirent[]> {
  try {
    return await readdir(folder, { withFileTypes: true });
  } catch (error) {
    logger.warn('provider-local: cannot read a models folder', { folder, error: String(error) });
    return [];
  }
}

async function collectGgufPaths(folder: string, depth: number, logger: Logger, found: string[]): Promise<void> {
  // Names in a folder are unique, so the order is total.
  const entries = (await listFolder(folder, logger)).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (depth < MAX_SCAN_DEPTH) await collectGgufPaths(path, depth + 1, logger, found);
    } else if (GGUF_EXTENSION.test(entry.name)) {
      found.push(path);
    }
  }
}

/**
 * The `.gguf` files under `folder` (sub-folders to {@link MAX_SCAN_DEPTH}, hidden entries
 * skipped), in name order, one entry per model: the parts of a split model count once, with their
 * sizes summed. A missing or unreadable folder gives no files (and a warning).
 */
export async function scanModelsFolder(folder: string, logger: Logger): Promise<ModelFile[]> {
  const paths: string[] = [];
  await collectGgufPaths(folder, 0, logger, paths);
  const models = new Map<string, { path: string; sizeBytes: number; modifiedAtMs: number }>();
  for (const path of paths) {
    // Paths are sorted, so the first part of a split model comes first and is the one loaded.
    const { modelId } = modelIdOfPath(relative(folder, path));
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(path);
    } catch (error) {
      logger.warn('provider-local: cannot read a model file', { path, error: String(error) });
      continue;
    }
    if (!info.isFile()) continue;
    const existing = models.get(modelId);
    models.set(modelId, {
      path: existing?.path ?? path,
      sizeBytes: (existing?.sizeBytes ?? 0) + info.size,
      modifiedAtMs: Math.max(existing?.modifiedAtMs ?? 0, info.mtimeMs),
    });
  }
  return [...models].map(([modelId, model]) => ({ modelId, ...model }));
}

/** A configured model file, with what `stat` says about it (or why it failed). */
export async function describeConfiguredFile(modelId: string, path: string): Promise<ModelFile> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) {
      const failure = Object.assign(new Error(`EISDIR: ${path} is a folder`), { code: 'EISDIR' });
      return { modelId, path, sizeBytes: null, modifiedAtMs: null, failure };
    }
    return { modelId, path, sizeBytes: info.size, modifiedAtMs: info.mtimeMs };
  } catch (failure) {
    return { modelId, path, sizeBytes: null, modifiedAtMs: null, failure };
  }
}

/**
 * Every model file: the configured ones first (their ids win), then each folder's in order; a
 * model id already taken by an earlier source is skipped (and logged).
 */
export async function findModelFiles(options: {
  folders: readonly string[];
  configured: ReadonlyMap<string, string>;
  logger: Logger;
}): Promise<Map<string, ModelFile>> {
  const files = new Map<string, ModelFile>();
  for (const [modelId, path] of options.configured) files.set(modelId, await describeConfiguredFile(modelId, path));
  for (const folder of options.folders) {
    for (const file of await scanModelsFolder(folder, options.logger)) {
      if (files.has(file.modelId)) {
        options.logger.debug('provider-local: model id already taken; file skipped', {
          modelId: file.modelId,
          path: file.path,
        });
        continue;
      }
      files.set(file.modelId, file);
    }
  }
  return files;
}
