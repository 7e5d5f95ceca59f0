import { describe, expect, test } from 'vitest';
import {
  listOption,
  numberOption,
  parseCommandArguments,
  REQUIREMENT_OPTIONS,
  requirementsFromOptions,
  stringOption,
  UsageError,
} from './arguments';

function parseRequirements(args: string[]) {
  const { values } = parseCommandArguments('select', args, REQUIREMENT_OPTIONS, false);
  return requirementsFromOptions('select', values);
}

function usageMessage(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as UsageError).message;
  }
  throw new Error('expected a UsageError');
}

describe('parseCommandArguments', () => {
  test('reads the common options and positionals', () => {
    const { values, positionals } = parseCommandArguments('run', ['hello', '--json', '-c', 'my.json'], {}, true);
    expect(positionals).toEqual(['hello']);
    expect(values.json).toBe(true);
    expect(stringOption(values, 'config')).toBe('my.json');
  });

  test('an unknown option is a usage error naming it', () => {
    expect(usageMessage(() => parseCommandArguments('models', ['--colour'], {}, false))).toMatch(
      /Unknown option '--colour'/,
    );
  });

  test('a positional where none belongs is a usage error', () => {
    expect(usageMessage(() => parseCommandArguments('models', ['extra'], {}, false))).toMatch(
      /Unexpected argument 'extra'/,
    );
  });

  test('a missing option value is a usage error naming the option', () => {
    expect(usageMessage(() => parseCommandArguments('select', ['--task'], REQUIREMENT_OPTIONS, false))).toMatch(
      /--task/,
    );
  });

  test('usage errors carry the command', () => {
    try {
      parseCommandArguments('stats', ['--nope'], {}, false);
    } catch (error) {
      expect((error as UsageError).command).toBe('stats');
    }
  });
});

describe('numberOption', () => {
  const values = { a: '12', b: 'abc', c: '-1', d: '1.5', e: '', f: '11' };
  test('reads numbers within their rules', () => {
    expect(numberOption('x', values, 'a', { integer: true, min: 0 })).toBe(12);
    expect(numberOption('x', values, 'd', { min: 0 })).toBe(1.5);
    expect(numberOption('x', values, 'absent')).toBeUndefined();
  });

  test('names the option and what it expects', () => {
    expect(usageMessage(() => numberOption('x', values, 'b', { integer: true, min: 0 }))).toBe(
      '--b: expected an integer ≥ 0, received "abc"',
    );
    expect(usageMessage(() => numberOption('x', values, 'c', { min: 0 }))).toBe(
      '--c: expected a number ≥ 0, received "-1"',
    );
    expect(usageMessage(() => numberOption('x', values, 'd', { integer: true }))).toBe(
      '--d: expected an integer, received "1.5"',
    );
    expect(usageMessage(() => numberOption('x', values, 'e'))).toBe('--e: expected a number, received ""');
    expect(usageMessage(() => numberOption('x', values, 'f', { min: 0, max: 10 }))).toBe(
      '--f: expected a number ≥ 0 and ≤ 10, received "11"',
    );
  });
});

describe('listOption', () => {
  test('reads repeated and single values', () => {
    expect(listOption({ a: ['x', 'y'] }, 'a')).toEqual(['x', 'y']);
    expect(listOption({ a: 'x' }, 'a')).toEqual(['x']);
    expect(listOption({}, 'a')).toEqual([]);
  });
});

describe('requirementsFromOptions', () => {
  test('sets only what was given', () => {
    expect(parseRequirements([])).toEqual({});
    expect(parseRequirements(['--task', 'dialogue_generation'])).toEqual({ task: 'dialogue_generation' });
  });

  test('maps every option to its requirement field', () => {
    expect(
      parseRequirements([
        '-t',
        'world_building',
        '--free',
        '--prefer-local',
        '--min-context',
        '8192',
        '--max-input-price',
        '0',
        '--max-output-price',
        '2.5',
        '--max-cost',
        '0.01',
        '--max-latency',
        '1500',
        '--min-quality',
        '7',
        '--capability',
        'tools',
        '--capability',
        'json',
        '--provider',
        'openrouter',
        '--exclude-provider',
        'local',
      ]),
    ).toEqual({
      task: 'world_building',
      freeOnly: true,
      locality: 'prefer_local',
      minContextLength: 8192,
      maxPricePerMillionTokens: { input: 0, output: 2.5 },
      maxCostPerRequest: 0.01,
      maxLatencyMs: 1500,
      minQuality: 7,
      requiredCapabilities: ['tools', 'json'],
      allowProviders: ['openrouter'],
      denyProviders: ['local'],
    });
  });

  test('0 is a value: a price cap of 0 is kept', () => {
    expect(parseRequirements(['--max-output-price', '0'])).toEqual({ maxPricePerMillionTokens: { output: 0 } });
  });

  test('each locality option', () => {
    expect(parseRequirements(['--local'])).toEqual({ locality: 'local_only' });
    expect(parseRequirements(['--remote'])).toEqual({ locality: 'remote_only' });
    expect(parseRequirements(['--prefer-remote'])).toEqual({ locality: 'prefer_remote' });
  });

  test('two locality options are a usage error naming both', () => {
    expect(usageMessage(() => parseRequirements(['--local', '--remote']))).toBe(
      '--local and --remote: expected at most one locality option',
    );
  });

  test('a malformed number names its option', () => {
    expect(usageMessage(() => parseRequirements(['--min-context', '8k']))).toBe(
      '--min-context: expected an integer ≥ 0, received "8k"',
    );
    expect(usageMessage(() => parseRequirements(['--min-quality', '11']))).toBe(
      '--min-quality: expected a number ≥ 0 and ≤ 10, received "11"',
    );
  });
});
