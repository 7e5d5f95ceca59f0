import { z } from 'zod';
import { ConfigError } from '../errors/config-error';

/**
 * Provider instance ids: lower-case letters, digits, `.`, `_` and `-`, starting with a letter or
 * digit, at most 64 characters (`openrouter`, `ollama`, `my-vllm`, `lmstudio.gpu-box`).
 * They appear in model keys, metric labels and file names, so they are kept plain; model ids,
 * which come from servers, may be anything.
 */
export const PROVIDER_ID_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** Schema of a provider instance id (see {@link PROVIDER_ID_PATTERN}). */
export const providerIdSchema = z
  .string()
  .regex(PROVIDER_ID_PATTERN, 'a provider id: lower-case letters, digits, ".", "_", "-", 1-64 characters');

/**
 * Schema of a model id: any non-empty, well-formed Unicode text (no lone surrogates), as the
 * provider names the model. `/`, `:`, spaces and any script are fine.
 */
export const modelIdSchema = z
  .string()
  .min(1)
  .refine((value) => value.isWellFormed(), 'well-formed Unicode text (no lone surrogates)');

/** Which model on which provider instance: the only way Modelyard names a model. */
export interface ModelIdentity {
  /** Provider instance id (`openrouter`, `ollama`, `my-vllm`). */
  providerId: string;
  /** Model id as the provider names it (`meta-llama/llama-3.1-8b-instruct:free`, `llama3.1:8b`). */
  modelId: string;
}

/** Schema of {@link ModelIdentity}. */
export const modelIdentitySchema = z.object({ providerId: providerIdSchema, modelId: modelIdSchema });

/**
 * The canonical string form of an identity: `<providerId>/<modelId>`, e.g.
 * `openrouter/meta-llama/llama-3.1-8b-instruct:free` or `ollama/llama3.1:8b`.
 * Lossless: provider ids never contain `/`, so the first `/` separates the parts and the model id
 * keeps every `/` and `:` it has. Use it for map keys, state-store keys, metric series and logs.
 */
export function formatModelKey(identity: ModelIdentity): string {
  return `${identity.providerId}/${identity.modelId}`;
}

/**
 * Reads a key written by {@link formatModelKey} back into an identity.
 * @throws ConfigError naming `modelKey` when the text is not `<providerId>/<modelId>`.
 */
export function parseModelKey(key: string): ModelIdentity {
  const separator = key.indexOf('/');
  const providerId = separator === -1 ? key : key.slice(0, separator);
  const modelId = separator === -1 ? '' : key.slice(separator + 1);
  const invalid = (expected: string, received: string) =>
    new ConfigError('model key', [{ path: 'modelKey', expected, received }]);
  if (separator === -1) throw invalid('"<providerId>/<modelId>"', JSON.stringify(key));
  if (!PROVIDER_ID_PATTERN.test(providerId)) {
    throw invalid(
      'a provider id before the first "/" (lower-case letters, digits, ".", "_", "-")',
      JSON.stringify(providerId),
    );
  }
  if (modelId.length === 0) throw invalid('a model id after the first "/"', 'nothing');
  return { providerId, modelId };
}

/** Whether two identities name the same model. */
export function isSameModel(left: ModelIdentity, right: ModelIdentity): boolean {
  return left.providerId === right.providerId && left.modelId === right.modelId;
}

/** Orders identities by provider id, then model id (code-unit order): the tie-break every ranking uses. */
export function compareModelIdentities(left: ModelIdentity, right: ModelIdentity): number {
  if (left.providerId !== right.providerId) return left.providerId < right.providerId ? -1 : 1;
  if (left.modelId !== right.modelId) return left.modelId < right.modelId ? -1 : 1;
  return 0;
}

const FILE_NAME_SAFE = /[A-Za-z0-9._-]/;
const utf8 = new TextEncoder();

/**
 * A file name for an identity that is safe on every common file system and reversible:
 * `<providerId>@<percent-encoded modelId>`. Every character of the model id outside
 * `[A-Za-z0-9._-]` becomes `%XX` per UTF-8 byte, so `/`, `:`, `*`, `\`, spaces and unicode are
 * all encoded; the separator `@` appears in neither part, and the result never starts with `.`
 * because provider ids never do. Model ids must be well-formed Unicode ({@link modelIdSchema}).
 */
export function modelIdentityToFileName(identity: ModelIdentity): string {
  let encoded = '';
  for (const character of identity.modelId) {
    if (FILE_NAME_SAFE.test(character)) encoded += character;
    else {
      for (const byte of utf8.encode(character)) encoded += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    }
  }
  return `${identity.providerId}@${encoded}`;
}

function invalidFileName(fileName: string): ConfigError {
  return new ConfigError('model file name', [
    { path: 'fileName', expected: '"<providerId>@<percent-encoded modelId>"', received: JSON.stringify(fileName) },
  ]);
}

/**
 * Reads a file name written by {@link modelIdentityToFileName} back into an identity.
 * @throws ConfigError naming `fileName` when it was not written by that function.
 */
export function fileNameToModelIdentity(fileName: string): ModelIdentity {
  const separator = fileName.indexOf('@');
  const providerId = separator === -1 ? '' : fileName.slice(0, separator);
  const encoded = separator === -1 ? '' : fileName.slice(separator + 1);
  if (
    !PROVIDER_ID_PATTERN.test(providerId) ||
    encoded.length === 0 ||
    !/^([A-Za-z0-9._-]|%[0-9A-F]{2})+$/.test(encoded)
  ) {
    throw invalidFileName(fileName);
  }
  let modelId: string;
  try {
    modelId = decodeURIComponent(encoded);
  } catch {
    throw invalidFileName(fileName); // %XX bytes that are not UTF-8
  }
  const identity = { providerId, modelId };
  // `%41` (an escaped safe character) decodes fine, but the writer never produces it: accepting
  // it would let two file names name one model.
  if (modelIdentityToFileName(identity) !== fileName) throw invalidFileName(fileName);
  return identity;
}
