import { describe, expect, it } from 'vitest';
import { silentLogger } from './logger';

describe('silentLogger', () => {
  it('accepts every level and is frozen', () => {
    expect(silentLogger.debug('a', { b: 1 })).toBeUndefined();
    expect(silentLogger.info('a')).toBeUndefined();
    expect(silentLogger.warn('a')).toBeUndefined();
    expect(silentLogger.error('a')).toBeUndefined();
    expect(Object.isFrozen(silentLogger)).toBe(true);
  });
});
