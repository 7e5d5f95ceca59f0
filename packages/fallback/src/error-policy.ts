import type { ErrorKind } from '@modelyard/core';

/**
 * What the runner does after a failure of a kind:
 * - `retry`: try the same model again (with a wait), then move on when retries run out;
 * - `next`: move on to the next candidate;
 * - `larger-context`: move on to a candidate with a larger context window;
 * - `stop`: end the run at once.
 */
export type FailureAction = 'retry' | 'next' | 'larger-context' | 'stop';

/** How the runner treats one error kind. */
export interface KindPolicy {
  action: FailureAction;
  /** Counts as a failure for the model's and the provider's breakers (otherwise it is neutral). */
  isHealthFailure: boolean;
  /** Puts the model in the exclusion window (ordered last in later runs). */
  excludesModel: boolean;
  /** Says something about the whole provider: with `preferDifferentProvider`, its other models wait. */
  isProviderLevel: boolean;
}

/**
 * The policy per error kind. Breakers count only failures about the health of a model or
 * provider; a request the server refuses (`bad_request`, `context_length`, `content_filter`) or a
 * caller who gives up (`aborted`) says nothing about it.
 */
export const ERROR_POLICY: Readonly<Record<ErrorKind, Readonly<KindPolicy>>> = Object.freeze({
  auth: { action: 'next', isHealthFailure: false, excludesModel: true, isProviderLevel: true },
  rate_limit: { action: 'retry', isHealthFailure: true, excludesModel: true, isProviderLevel: true },
  context_length: { action: 'larger-context', isHealthFailure: false, excludesModel: false, isProviderLevel: false },
  content_filter: { action: 'next', isHealthFailure: false, excludesModel: false, isProviderLevel: false },
  timeout: { action: 'retry', isHealthFailure: true, excludesModel: true, isProviderLevel: true },
  unavailable: { action: 'retry', isHealthFailure: true, excludesModel: true, isProviderLevel: true },
  not_found: { action: 'next', isHealthFailure: false, excludesModel: true, isProviderLevel: false },
  bad_request: { action: 'next', isHealthFailure: false, excludesModel: false, isProviderLevel: false },
  invalid_response: { action: 'retry', isHealthFailure: true, excludesModel: true, isProviderLevel: false },
  aborted: { action: 'stop', isHealthFailure: false, excludesModel: false, isProviderLevel: false },
  unknown: { action: 'next', isHealthFailure: false, excludesModel: true, isProviderLevel: false },
});

/**
 * The action for an error: its kind's action, except that a `retry` kind the provider marked
 * `retryable: false` (a quota that will not come back soon) moves on, and `content_filter`
 * stops the run when `fallbackOnContentFilter` is off.
 */
export function actionFor(
  error: { kind: ErrorKind; retryable: boolean },
  options: { fallbackOnContentFilter: boolean },
): FailureAction {
  const { action } = ERROR_POLICY[error.kind];
  if (action === 'retry' && !error.retryable) return 'next';
  if (error.kind === 'content_filter' && !options.fallbackOnContentFilter) return 'stop';
  return action;
}
