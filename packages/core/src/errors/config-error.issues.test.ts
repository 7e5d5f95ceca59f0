// How zod issues become ConfigIssues: paths, received values and each issue code's wording.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeReceived, describeZodIssue, formatIssuePath } from './config-error';

function issuesOf(schema: z.ZodType, input: unknown) {
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) throw new Error('expected the input to fail');
  return result.error.issues.map(describeZodIssue);
}

describe('formatIssuePath', () => {
  it.each<[PropertyKey[], string]>([
    [[], '(root)'],
    [['maxLatencyMs'], 'maxLatencyMs'],
    [['providers', 'allow', 1], 'providers.allow[1]'],
    [[0], '[0]'],
    [[0, 'role'], '[0].role'],
    [['messages', 0, 'content', 2, 'url'], 'messages[0].content[2].url'],
    [['headers', 'x-api-key'], 'headers.x-api-key'],
    [['$ref', '_private'], '$ref._private'],
    [['headers', 'has space'], 'headers["has space"]'],
    [['providerOptions', 'my.vllm', 'a'], 'providerOptions["my.vllm"].a'],
    [['1st'], '["1st"]'],
    [['quote"d'], '["quote\\"d"]'],
    [[''], '[""]'],
    [['a', Symbol('s')], 'a["Symbol(s)"]'],
  ])('%j → %s', (path, expected) => {
    expect(formatIssuePath(path)).toBe(expected);
  });
});

describe('describeReceived', () => {
  it.each<[unknown, string]>([
    [undefined, 'nothing (undefined)'],
    [null, 'null'],
    ['text', '"text"'],
    ['', '""'],
    ['a'.repeat(40), `"${'a'.repeat(40)}"`],
    ['a'.repeat(41), `"${'a'.repeat(40)}…"`],
    ['say "hi"', '"say \\"hi\\""'],
    [-5, '-5'],
    [0, '0'],
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
    [false, 'false'],
    [10n, '10'],
    [[1, 2, 3], 'an array of 3'],
    [[], 'an array of 0'],
    [() => 1, 'a function'],
    [{ a: 1 }, 'an object'],
    [new Date(0), 'an object'],
    [Symbol('s'), 'a symbol'],
  ])('%s → %s', (value, expected) => {
    expect(describeReceived(value)).toBe(expected);
  });

  it.each<[unknown, string]>([
    ['hunter2', 'a string (hidden: secret field)'],
    [12345, 'a number (hidden: secret field)'],
    [['a', 'b'], 'an array (hidden: secret field)'],
    [{ key: 'x' }, 'an object (hidden: secret field)'],
    [true, 'a boolean (hidden: secret field)'],
    [undefined, 'nothing (undefined)'],
    [null, 'null'],
  ])('hides a secret %j as %s', (value, expected) => {
    expect(describeReceived(value, true)).toBe(expected);
  });
});

describe('describeZodIssue', () => {
  it('invalid_type: names the type in words', () => {
    expect(
      issuesOf(z.object({ a: z.string(), b: z.number(), c: z.int(), d: z.boolean(), e: z.array(z.string()) }), {
        b: 'x',
        c: 1.5,
        d: 'yes',
        e: {},
      }),
    ).toEqual([
      { path: 'a', expected: 'a string', received: 'nothing (undefined)' },
      { path: 'b', expected: 'a number', received: '"x"' },
      { path: 'c', expected: 'an integer', received: '1.5' },
      { path: 'd', expected: 'a boolean', received: '"yes"' },
      { path: 'e', expected: 'an array', received: 'an object' },
    ]);
    expect(issuesOf(z.null(), 1)).toEqual([{ path: '(root)', expected: 'null', received: '1' }]);
    expect(issuesOf(z.bigint(), 1)).toEqual([{ path: '(root)', expected: 'bigint', received: '1' }]);
  });

  it('too_small and too_big: numbers, strings, arrays, exact and exclusive bounds', () => {
    const schema = z.object({
      a: z.number().min(0),
      b: z.number().gt(0),
      c: z.number().max(10),
      d: z.number().lt(1),
      e: z.string().min(2),
      f: z.string().length(3),
      g: z.array(z.string()).min(1),
      h: z.array(z.string()).max(1),
      i: z.bigint().min(5n),
    });
    expect(issuesOf(schema, { a: -1, b: 0, c: 11, d: 1, e: 'x', f: 'ab', g: [], h: ['x', 'y'], i: 1n })).toEqual([
      { path: 'a', expected: 'a number ≥ 0', received: '-1' },
      { path: 'b', expected: 'a number > 0', received: '0' },
      { path: 'c', expected: 'a number ≤ 10', received: '11' },
      { path: 'd', expected: 'a number < 1', received: '1' },
      { path: 'e', expected: 'a string of ≥ 2 characters', received: '"x"' },
      { path: 'f', expected: 'a string of = 3 characters', received: '"ab"' },
      { path: 'g', expected: '≥ 1 items', received: 'an array of 0' },
      { path: 'h', expected: '≤ 1 items', received: 'an array of 2' },
      { path: 'i', expected: 'a number ≥ 5', received: '1' },
    ]);
    expect(issuesOf(z.date().min(new Date(10)), new Date(0))).toEqual([
      { path: '(root)', expected: 'a value ≥ 10', received: 'an object' },
    ]);
  });

  it('invalid_format: our own sentence, else the pattern or the format', () => {
    const schema = z.object({
      id: z.string().regex(/^[a-z]+$/, 'lower-case letters'),
      code: z.string().regex(/^x$/),
      url: z.url(),
      data: z.base64(),
    });
    expect(issuesOf(schema, { id: 'A', code: 'y', url: 'nope', data: '*' })).toEqual([
      { path: 'id', expected: 'lower-case letters', received: '"A"' },
      { path: 'code', expected: 'text matching /^x$/', received: '"y"' },
      { path: 'url', expected: 'a valid url', received: '"nope"' },
      { path: 'data', expected: 'a valid base64', received: '"*"' },
    ]);
  });

  it('invalid_value, unrecognized_keys, not_multiple_of and custom refinements', () => {
    expect(issuesOf(z.enum(['a', 'b']), 'c')).toEqual([
      { path: '(root)', expected: 'one of "a", "b"', received: '"c"' },
    ]);
    expect(issuesOf(z.literal(3), 4)).toEqual([{ path: '(root)', expected: 'one of 3', received: '4' }]);
    expect(issuesOf(z.strictObject({}), { x: 1, y: 2 })).toEqual([
      { path: '(root)', expected: 'only known fields', received: 'unknown fields "x", "y"' },
    ]);
    expect(issuesOf(z.number().multipleOf(5), 3)).toEqual([
      { path: '(root)', expected: 'a multiple of 5', received: '3' },
    ]);
    expect(
      issuesOf(
        z.string().refine((value) => value === 'ok', 'the word "ok"'),
        'no',
      ),
    ).toEqual([{ path: '(root)', expected: 'the word "ok"', received: '"no"' }]);
  });

  it('invalid_union: the accepted types, or a general sentence when branches fail deeper', () => {
    expect(issuesOf(z.union([z.string(), z.number(), z.array(z.string())]), true)).toEqual([
      { path: '(root)', expected: 'a string or a number or an array', received: 'true' },
    ]);
    expect(issuesOf(z.union([z.bigint(), z.null()]), 1)).toEqual([
      { path: '(root)', expected: 'bigint or null', received: '1' },
    ]);
    expect(issuesOf(z.union([]), 1)).toEqual([
      { path: '(root)', expected: 'one of the accepted forms', received: '1' },
    ]);
    const shapes = z.union([z.object({ a: z.string() }), z.object({ b: z.number() })]);
    expect(issuesOf(shapes, { a: 1 })).toEqual([
      { path: '(root)', expected: 'one of the accepted forms', received: 'an object' },
    ]);
  });

  it('an issue without an input says so', () => {
    expect(describeZodIssue({ code: 'custom', path: ['a'], message: 'something else' })).toEqual({
      path: 'a',
      expected: 'something else',
      received: 'an invalid value',
    });
  });
});
