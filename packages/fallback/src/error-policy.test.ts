import { ERROR_KINDS, isRetryableKind } from '@modelyard/core';
import { describe, expect, it } from 'vitest';
import { actionFor, ERROR_POLICY } from './error-policy';

const on = { fallbackOnContentFilter: true };

describe('ERROR_POLICY', () => {
  it('has one rule per core error kind, frozen', () => {
    expect(Object.keys(ERROR_POLICY).sort()).toEqual([...ERROR_KINDS].sort());
    expect(Object.isFrozen(ERROR_POLICY)).toBe(true);
  });
  it('is the documented table', () => {
    const table = Object.fromEntries(
      Object.entries(ERROR_POLICY).map(([kind, rule]) => [
        kind,
        `${rule.action} ${rule.isHealthFailure ? 'health' : '-'} ${rule.excludesModel ? 'exclude' : '-'} ${rule.isProviderLevel ? 'provider' : '-'}`,
      ]),
    );
    expect(table).toEqual({
      auth: 'next - exclude provider',
      rate_limit: 'retry health exclude provider',
      context_length: 'larger-context - - -',
      content_filter: 'next - - -',
      timeout: 'retry health exclude provider',
      unavailable: 'retry health exclude provider',
      not_found: 'next - exclude -',
      bad_request: 'next - - -',
      invalid_response: 'retry health exclude -',
      aborted: 'stop - - -',
      unknown: 'next - exclude -',
    });
  });
  it('retries exactly the kinds core calls retryable, and counts exactly those for breakers', () => {
    for (const kind of ERROR_KINDS) {
      expect(ERROR_POLICY[kind].action === 'retry').toBe(isRetryableKind(kind));
      expect(ERROR_POLICY[kind].isHealthFailure).toBe(isRetryableKind(kind));
    }
  });
});

describe('actionFor', () => {
  it('follows the kind', () => {
    expect(actionFor({ kind: 'unavailable', retryable: true }, on)).toBe('retry');
    expect(actionFor({ kind: 'auth', retryable: false }, on)).toBe('next');
    expect(actionFor({ kind: 'context_length', retryable: false }, on)).toBe('larger-context');
    expect(actionFor({ kind: 'aborted', retryable: false }, on)).toBe('stop');
  });
  it('moves on from a retry kind the provider marked not retryable', () => {
    expect(actionFor({ kind: 'rate_limit', retryable: false }, on)).toBe('next');
  });
  it('never retries a kind that is not a retry kind, even marked retryable', () => {
    expect(actionFor({ kind: 'bad_request', retryable: true }, on)).toBe('next');
  });
  it('content_filter moves on, or stops when fallbackOnContentFilter is off', () => {
    expect(actionFor({ kind: 'content_filter', retryable: false }, on)).toBe('next');
    expect(actionFor({ kind: 'content_filter', retryable: false }, { fallbackOnContentFilter: false })).toBe('stop');
    expect(actionFor({ kind: 'bad_request', retryable: false }, { fallbackOnContentFilter: false })).toBe('next');
  });
});
