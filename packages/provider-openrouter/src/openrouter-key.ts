// Key validation through OpenRouter's `GET /api/v1/key`: whether the key works, and its label,
// spending, limit and tier. Costs nothing (no generation).
import { type CallOptions, type Clock, ModelyardError, parseResponseWithSchema } from '@modelyard/core';
import { openRouterKeySchema } from './openrouter-api';
import type { OpenRouterConnection } from './openrouter-client';
import { classifyOpenRouterError } from './openrouter-error';

/** What OpenRouter says about an API key. Amounts in USD. */
export interface OpenRouterKeyInfo {
  /** The key's label (OpenRouter shows a shortened key when none was set). */
  label: string;
  /** USD spent with the key so far. */
  usageUsd: number;
  /** The key's credit limit in USD; `null` when unlimited. */
  limitUsd: number | null;
  /** USD left under the limit; `null` when unlimited. */
  limitRemainingUsd: number | null;
  /** Whether the account has never bought credits (free-tier rate limits apply). */
  isFreeTier: boolean;
  /** The key's request rate limit, when OpenRouter reports one (`{ requests: 10, interval: '10s' }`). */
  rateLimit: { requests: number; interval: string } | null;
}

/**
 * The outcome of a key check: a valid key with its facts, or an invalid one with the `auth` error
 * that says why (rejected by OpenRouter, or no key given at all).
 */
export type OpenRouterKeyValidation =
  | { isValid: true; key: OpenRouterKeyInfo }
  | { isValid: false; error: ModelyardError };

/** What {@link checkOpenRouterKey} needs from its provider. */
export interface OpenRouterKeyContext {
  providerId: string;
  connection: OpenRouterConnection;
  clock: Clock;
}

/**
 * Asks OpenRouter about the key. Resolves `{ isValid: false }` for an `auth` failure (no key, or
 * a key OpenRouter rejects); rejects with a ModelyardError for anything else (unreachable, 5xx,
 * aborted), since those say nothing about the key.
 */
export async function checkOpenRouterKey(
  context: OpenRouterKeyContext,
  options: CallOptions = {},
): Promise<OpenRouterKeyValidation> {
  let raw: unknown;
  try {
    if (options.signal?.aborted) {
      throw new ModelyardError({
        kind: 'aborted',
        message: 'The OpenRouter call was aborted',
        providerId: context.providerId,
      });
    }
    raw = await context.connection.client(true).get('/key', { signal: options.signal });
  } catch (thrown) {
    const error = classifyOpenRouterError(thrown, {
      providerId: context.providerId,
      secrets: context.connection.secrets(),
      signal: options.signal,
      nowMs: context.clock.now(),
    });
    if (error.kind === 'auth') return { isValid: false, error };
    throw error;
  }
  const { data } = parseResponseWithSchema(openRouterKeySchema, raw, {
    providerId: context.providerId,
    what: 'key information',
    source: 'OpenRouter',
  });
  return {
    isValid: true,
    key: {
      label: data.label,
      usageUsd: data.usage,
      limitUsd: data.limit ?? null,
      limitRemainingUsd: data.limit_remaining ?? null,
      isFreeTier: data.is_free_tier,
      rateLimit: data.rate_limit ?? null,
    },
  };
}
