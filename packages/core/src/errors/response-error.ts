import type { z } from 'zod';
import { ModelyardError } from './modelyard-error';

/** Where a response came from, for the `invalid_response` error {@link parseResponseWithSchema} raises. */
export interface ResponseSource {
  /** The provider instance that received the response. */
  providerId: string;
  modelId?: string | null;
  /** What was read, in words (`a model listing`, `a stream chunk`). */
  what: string;
  /** How the message names the server (`OpenRouter`); the provider id when absent. */
  source?: string | undefined;
}

/**
 * Parses a server response with `schema` and returns the parsed value, or throws an
 * `invalid_response` {@link ModelyardError} (retryable: usually a proxy's garbled body) that names
 * every field that failed:
 *
 * ```text
 * OpenRouter sent a model listing that cannot be read: data.0.id: Invalid input: expected string, received number
 * ```
 *
 * This is how providers read what a server sent; bad input from the caller is a `ConfigError`
 * (see {@link parseWithSchema}).
 */
export function parseResponseWithSchema<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  from: ResponseSource,
): z.output<Schema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues
    .map((issue) => `${issue.path.length === 0 ? '(root)' : issue.path.join('.')}: ${issue.message}`)
    .join('; ');
  throw new ModelyardError({
    kind: 'invalid_response',
    message: `${from.source ?? from.providerId} sent ${from.what} that cannot be read: ${problems}`,
    providerId: from.providerId,
    modelId: from.modelId,
    cause: result.error,
  });
}
