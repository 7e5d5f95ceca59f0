// Error mapping of the reference provider: HTTP answers and thrown values → core errors.
import {
  type ErrorKind,
  errorKindFromStatus,
  ModelyardError,
  parseRetryAfter,
  toModelyardError,
} from '@modelyard/core';
import type { ReferenceBreak } from './reference-breaks';

export interface ErrorScope {
  providerId: string;
  modelId?: string;
  secret: string;
  breaks: ReadonlySet<ReferenceBreak>;
}

export async function errorFromResponse(response: Response, scope: ErrorScope): Promise<ModelyardError> {
  const body = await response.text().catch(() => '');
  let kind: ErrorKind = errorKindFromStatus(response.status) ?? 'unknown';
  if (scope.breaks.has('all-errors-unavailable')) kind = 'unavailable';
  if (scope.breaks.has('unknown-model-unavailable') && kind === 'not_found') kind = 'unavailable';
  const retryAfterMs = scope.breaks.has('ignores-retry-after')
    ? null
    : parseRetryAfter(response.headers.get('retry-after'));
  return new ModelyardError({
    kind,
    message: `HTTP ${response.status}: ${body.slice(0, 300)}`,
    statusCode: response.status,
    retryAfterMs,
    ...(scope.breaks.has('server-errors-not-retryable') ? { retryable: false } : {}),
    providerId: scope.providerId,
    modelId: scope.modelId ?? null,
    secrets: scope.breaks.has('leaks-key-in-errors') ? [] : [scope.secret],
  });
}

export function errorFromThrown(value: unknown, scope: ErrorScope): ModelyardError {
  if (scope.breaks.has('refused-as-unknown') && !ModelyardError.isInstance(value)) {
    return new ModelyardError({ kind: 'unknown', message: String(value), providerId: scope.providerId });
  }
  return toModelyardError(value, {
    providerId: scope.providerId,
    modelId: scope.modelId ?? null,
    secrets: [scope.secret],
  });
}

export function invalidResponse(detail: string, scope: ErrorScope): ModelyardError {
  return new ModelyardError({
    kind: scope.breaks.has('garbage-as-unknown') ? 'unknown' : 'invalid_response',
    message: `The server's answer is not valid: ${detail}`,
    retryable: true,
    providerId: scope.providerId,
    modelId: scope.modelId ?? null,
  });
}
