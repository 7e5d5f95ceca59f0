import { describe, expect, it } from 'vitest';
import { RETRYABLE_BY_KIND } from '../test-support/retryable-by-kind';
import { ERROR_KINDS, type ErrorKind, errorKindFromStatus, errorKindSchema, isRetryableKind } from './error-kind';

describe('ERROR_KINDS', () => {
  it('lists the eleven kinds of the taxonomy, in order', () => {
    expect(ERROR_KINDS).toEqual([
      'auth',
      'rate_limit',
      'context_length',
      'content_filter',
      'timeout',
      'unavailable',
      'not_found',
      'bad_request',
      'invalid_response',
      'aborted',
      'unknown',
    ]);
  });

  it('is what errorKindSchema accepts', () => {
    expect(errorKindSchema.options).toEqual([...ERROR_KINDS]);
    expect(errorKindSchema.safeParse('timeout').success).toBe(true);
    expect(errorKindSchema.safeParse('Timeout').success).toBe(false);
    expect(errorKindSchema.safeParse('network').success).toBe(false);
  });
});

describe('isRetryableKind', () => {
  it.each(RETRYABLE_BY_KIND)('%s → %s', (kind, expected) => {
    expect(isRetryableKind(kind)).toBe(expected);
  });
});

describe('errorKindFromStatus', () => {
  it.each<[number, ErrorKind | undefined]>([
    [100, undefined],
    [200, undefined],
    [204, undefined],
    [304, undefined],
    [399, undefined],
    [400, 'bad_request'],
    [401, 'auth'],
    [402, 'auth'],
    [403, 'auth'],
    [404, 'not_found'],
    [405, 'bad_request'],
    [408, 'timeout'],
    [409, 'bad_request'],
    [410, 'not_found'],
    [413, 'context_length'],
    [422, 'bad_request'],
    [429, 'rate_limit'],
    [499, 'bad_request'],
    [500, 'unavailable'],
    [501, 'unavailable'],
    [502, 'unavailable'],
    [503, 'unavailable'],
    [504, 'timeout'],
    [529, 'unavailable'],
    [599, 'unavailable'],
  ])('%i → %s', (status, expected) => {
    expect(errorKindFromStatus(status)).toBe(expected);
  });
});
