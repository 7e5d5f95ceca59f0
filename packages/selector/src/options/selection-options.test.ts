import { ConfigError } from '@modelyard/core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_WEIGHTS } from '../scoring/factors';
import { BUILT_IN_TASK_PROFILES } from '../scoring/task-profiles';
import { machine, statsSource } from '../test-support/fixtures';
import {
  DEFAULT_MEMORY_CONTEXT_LENGTH,
  resolveSelectionOptions,
  type SelectionOptions,
  taskProfileFor,
} from './selection-options';

function messageOf(options: unknown): string {
  try {
    resolveSelectionOptions(options as SelectionOptions);
  } catch (error) {
    if (ConfigError.isInstance(error)) return error.message;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('resolveSelectionOptions', () => {
  it('applies every default', () => {
    const resolved = resolveSelectionOptions();
    expect(resolved).toMatchObject({
      hardware: null,
      stats: null,
      weights: DEFAULT_WEIGHTS,
      preferFree: false,
      memoryContextLength: 4096,
    });
    expect(DEFAULT_MEMORY_CONTEXT_LENGTH).toBe(4096);
    expect([...resolved.taskProfiles.keys()]).toEqual(Object.keys(BUILT_IN_TASK_PROFILES));
    expect(resolveSelectionOptions({ hardware: null, stats: null })).toMatchObject({ hardware: null, stats: null });
  });

  it('keeps what is given, 0 included', () => {
    const hardware = machine(8, 16);
    const stats = statsSource({});
    const resolved = resolveSelectionOptions({
      hardware,
      stats,
      weights: { cost: 0, quality: 2 },
      preferFree: true,
      memoryContextLength: 1,
    });
    expect(resolved.hardware).toEqual(hardware);
    expect(resolved.stats).toBe(stats);
    expect(resolved.weights).toEqual({ ...DEFAULT_WEIGHTS, cost: 0, quality: 2 });
    expect(resolved.preferFree).toBe(true);
    expect(resolved.memoryContextLength).toBe(1);
  });

  it('adds custom task profiles over general_chat, and changes built-in ones field by field', () => {
    const resolved = resolveSelectionOptions({
      taskProfiles: {
        therapeutic: { asksForSafety: true, families: { Claude: 1, 'LLAMA-3': 0.5 } },
        choice_generation: { capabilities: { tools: 2 }, weights: { cost: 1 } },
      },
    });
    expect(taskProfileFor(resolved, 'therapeutic')).toEqual({
      capabilities: BUILT_IN_TASK_PROFILES.general_chat.capabilities,
      families: { claude: 1, 'llama-3': 0.5 },
      asksForSafety: true,
      weights: {},
    });
    expect(taskProfileFor(resolved, 'choice_generation')).toEqual({
      capabilities: { tools: 2 },
      families: {},
      asksForSafety: false,
      weights: { cost: 1 },
    });
    expect(taskProfileFor(resolved, 'world_building')).toEqual(BUILT_IN_TASK_PROFILES.world_building);
    expect(taskProfileFor(resolved, 'never_configured')).toEqual(BUILT_IN_TASK_PROFILES.general_chat);
  });

  it('keeps a family named __proto__ as a plain entry', () => {
    const resolved = resolveSelectionOptions({ taskProfiles: { x: JSON.parse('{"families":{"__proto__":1}}') } });
    const families = taskProfileFor(resolved, 'x').families;
    expect(Object.getPrototypeOf(families)).toBe(Object.prototype);
    expect(Object.entries(families)).toEqual([['__proto__', 1]]);
  });

  it('names every bad field in one ConfigError', () => {
    expect(
      messageOf({
        weights: { cost: -1, speed: 1, quality: '1' },
        preferFree: 'yes',
        memoryContextLength: 0.5,
        stats: { getModelStats: 'no' },
        taskProfiles: {
          '': {},
          a: { capabilities: { telepathy: 1, tools: -2 }, families: { x: Number.NaN }, asksForSafety: 1, extra: true },
          b: 'none',
        },
        hardwares: {},
      }),
    ).toBe(
      [
        'Invalid selection options:',
        '  - (root): expected only known fields, received unknown field "hardwares"',
        '  - stats.getModelStats: expected a function, received "no"',
        '  - weights: expected only known fields, received unknown field "speed"',
        '  - weights.cost: expected a number ≥ 0, received -1',
        '  - weights.quality: expected a number, received "1"',
        '  - preferFree: expected a boolean, received "yes"',
        '  - memoryContextLength: expected an integer, received 0.5',
        '  - taskProfiles[""]: expected a task name of ≥ 1 characters, received ""',
        '  - taskProfiles.a: expected only known fields, received unknown field "extra"',
        '  - taskProfiles.a.capabilities: expected only known fields, received unknown field "telepathy"',
        '  - taskProfiles.a.capabilities.tools: expected a number ≥ 0, received -2',
        '  - taskProfiles.a.families.x: expected a number, received NaN',
        '  - taskProfiles.a.asksForSafety: expected a boolean, received 1',
        '  - taskProfiles.b: expected an object, received "none"',
      ].join('\n'),
    );
  });

  it('names fields of profile weights, and a profile table that is not an object', () => {
    expect(messageOf({ taskProfiles: { x: { weights: { cost: -1 } } } })).toBe(
      'Invalid selection options:\n  - taskProfiles.x.weights.cost: expected a number ≥ 0, received -1',
    );
    expect(messageOf({ taskProfiles: 5 })).toBe(
      'Invalid selection options:\n  - taskProfiles: expected an object, received 5',
    );
  });

  it('checks the hardware profile with core schema, naming the field under hardware', () => {
    const broken = { ...machine(8, 16), cpu: { ...machine(8, 16).cpu, logicalCores: 0 } };
    expect(messageOf({ hardware: broken })).toBe(
      'Invalid selection options:\n  - hardware.cpu.logicalCores: expected a number ≥ 1, received 0',
    );
    expect(messageOf({ hardware: 'this machine' })).toBe(
      'Invalid selection options:\n  - hardware: expected an object, received "this machine"',
    );
  });

  it('rejects options that are not an object, and stats that are not a service', () => {
    expect(messageOf(5)).toBe('Invalid selection options:\n  - (root): expected an object, received 5');
    expect(messageOf({ stats: 5 })).toBe('Invalid selection options:\n  - stats: expected an object, received 5');
  });
});
