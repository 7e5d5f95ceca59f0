import { ConfigError } from '@modelyard/core';
import { describe, expect, it } from 'vitest';
import { OptionReader } from './option-reader';

describe('OptionReader', () => {
  it('reads objects and names unknown fields', () => {
    const reader = new OptionReader();
    expect(reader.object({ a: 1 }, ['x'], ['a'])).toEqual({ a: 1 });
    expect(reader.object({ a: 1, b: 2 }, ['x'])).toEqual({ a: 1, b: 2 });
    expect(reader.issues).toEqual([]);
    reader.object({ a: 1, b: 2 }, ['x'], ['a']);
    reader.object({ b: 2, c: 3 }, ['y', 0], []);
    expect(reader.object([], ['z'])).toBeUndefined();
    expect(reader.object(null, ['z'])).toBeUndefined();
    expect(reader.object('text', [])).toBeUndefined();
    expect(reader.issues).toEqual([
      { path: 'x', expected: 'only known fields', received: 'unknown field "b"' },
      { path: 'y[0]', expected: 'only known fields', received: 'unknown fields "b", "c"' },
      { path: 'z', expected: 'an object', received: 'an array of 0' },
      { path: 'z', expected: 'an object', received: 'null' },
      { path: '(root)', expected: 'an object', received: '"text"' },
    ]);
  });

  it('reads numbers with a minimum, 0 included, and integers when asked', () => {
    const reader = new OptionReader();
    expect(reader.number(0, ['a'], 0)).toBe(0);
    expect(reader.number(1, ['a'], 1, true)).toBe(1);
    expect(reader.number(2.5, ['a'], 0)).toBe(2.5);
    expect(reader.issues).toEqual([]);
    expect(reader.number(-0.001, ['b'], 0)).toBeUndefined();
    expect(reader.number(0, ['c'], 1, true)).toBeUndefined();
    expect(reader.number(1.5, ['d'], 1, true)).toBeUndefined();
    expect(reader.number(Number.NaN, ['e'], 0)).toBeUndefined();
    expect(reader.number(Number.POSITIVE_INFINITY, ['f'], 0)).toBeUndefined();
    expect(reader.number('1', ['g'], 0)).toBeUndefined();
    expect(reader.issues).toEqual([
      { path: 'b', expected: 'a number ≥ 0', received: '-0.001' },
      { path: 'c', expected: 'a number ≥ 1', received: '0' },
      { path: 'd', expected: 'an integer', received: '1.5' },
      { path: 'e', expected: 'a number', received: 'NaN' },
      { path: 'f', expected: 'a finite number', received: 'Infinity' },
      { path: 'g', expected: 'a number', received: '"1"' },
    ]);
  });

  it('reads booleans and services', () => {
    const reader = new OptionReader();
    expect(reader.boolean(false, ['a'])).toBe(false);
    const service = { get: () => 1 };
    expect(reader.service(service, ['s'], ['get'])).toBe(service);
    expect(reader.issues).toEqual([]);
    expect(reader.boolean(0, ['b'])).toBeUndefined();
    expect(reader.service({ get: 1 }, ['t'], ['get', 'put'])).toBeUndefined();
    expect(reader.service(7, ['u'], ['get'])).toBeUndefined();
    expect(reader.issues).toEqual([
      { path: 'b', expected: 'a boolean', received: '0' },
      { path: 't.get', expected: 'a function', received: '1' },
      { path: 't.put', expected: 'a function', received: 'nothing (undefined)' },
      { path: 'u', expected: 'an object', received: '7' },
    ]);
  });

  it('throws one ConfigError listing every issue, and nothing when there is none', () => {
    const reader = new OptionReader();
    reader.throwIfInvalid('things');
    reader.fail(['a', 'b'], 'a thing', 3);
    reader.fail(['c'], 'another', undefined);
    let thrown: unknown;
    try {
      reader.throwIfInvalid('things');
    } catch (error) {
      thrown = error;
    }
    expect(ConfigError.isInstance(thrown)).toBe(true);
    expect((thrown as ConfigError).message).toBe(
      'Invalid things:\n  - a.b: expected a thing, received 3\n  - c: expected another, received nothing (undefined)',
    );
    expect((thrown as ConfigError).kind).toBe('bad_request');
  });
});
