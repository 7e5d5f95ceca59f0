import {
  CAPABILITIES,
  describeZodIssue,
  formatIssuePath,
  type HardwareProfile,
  hardwareProfileSchema,
  type PerformanceStatsSource,
} from '@modelyard/core';
import { DEFAULT_WEIGHTS, FACTOR_NAMES, type FactorWeights } from '../scoring/factors';
import { BUILT_IN_TASK_PROFILES, type TaskProfile, type TaskProfileInput } from '../scoring/task-profiles';
import { type OptionPath, OptionReader } from './option-reader';

/** Options of every selection call (`filterModels`, `rankModels`, `selectModel`, `explainRanking`, `createSelector`). */
export interface SelectionOptions {
  /** The machine local models run on. Enables the memory filter and the hardware factor; absent: neither. */
  hardware?: HardwareProfile | null;
  /** Measured performance (the monitor implements it). Enables the latency cap and the performance factor. */
  stats?: PerformanceStatsSource | null;
  /** Weights per factor (≥ 0), over {@link DEFAULT_WEIGHTS}. */
  weights?: Partial<FactorWeights>;
  /** Task profiles by task name: new tasks, or fields that replace a built-in task's. */
  taskProfiles?: Record<string, TaskProfileInput>;
  /** Score models the provider reports free higher (the `free` factor). Default `false`. */
  preferFree?: boolean;
  /**
   * Context length, in tokens, for the memory estimate of local models when the request sets no
   * `minContextLength`. Default {@link DEFAULT_MEMORY_CONTEXT_LENGTH}.
   */
  memoryContextLength?: number;
}

/** {@link SelectionOptions} checked, with defaults applied. */
export interface ResolvedSelectionOptions {
  hardware: HardwareProfile | null;
  stats: PerformanceStatsSource | null;
  weights: FactorWeights;
  /** Every task profile: the built-in ones (with the user's changes) and the user's own. */
  taskProfiles: ReadonlyMap<string, TaskProfile>;
  preferFree: boolean;
  memoryContextLength: number;
}

/** Tokens of context assumed for memory estimates when nothing else says (Ollama's default window). */
export const DEFAULT_MEMORY_CONTEXT_LENGTH = 4096;

const OPTION_NAMES = ['hardware', 'stats', 'weights', 'taskProfiles', 'preferFree', 'memoryContextLength'];
const PROFILE_FIELDS = ['capabilities', 'families', 'asksForSafety', 'weights'];

function readAffinities(
  reader: OptionReader,
  value: unknown,
  path: OptionPath,
  known?: readonly string[],
  normalizeKey = (key: string) => key,
): Record<string, number> {
  const pairs: [string, number][] = [];
  for (const [key, affinity] of Object.entries(reader.object(value, path, known) ?? {})) {
    const checked = reader.number(affinity, [...path, key], 0);
    if (checked !== undefined) pairs.push([normalizeKey(key), checked]);
  }
  // fromEntries defines the keys, so even a key named "__proto__" stays a plain entry.
  return Object.fromEntries(pairs);
}

function readWeights(reader: OptionReader, value: unknown, path: OptionPath): Partial<FactorWeights> {
  return readAffinities(reader, value, path, FACTOR_NAMES);
}

function readProfile(reader: OptionReader, value: unknown, path: OptionPath, base: TaskProfile): TaskProfile {
  const record = reader.object(value, path, PROFILE_FIELDS) ?? {};
  return {
    capabilities:
      record.capabilities === undefined
        ? base.capabilities
        : readAffinities(reader, record.capabilities, [...path, 'capabilities'], CAPABILITIES),
    families:
      record.families === undefined
        ? base.families
        : readAffinities(reader, record.families, [...path, 'families'], undefined, (key) => key.toLowerCase()),
    asksForSafety:
      record.asksForSafety === undefined
        ? base.asksForSafety
        : // An invalid value is recorded and thrown at the end; what stands here meanwhile is never used.
          (reader.boolean(record.asksForSafety, [...path, 'asksForSafety']) as boolean),
    weights: record.weights === undefined ? base.weights : readWeights(reader, record.weights, [...path, 'weights']),
  };
}

function readProfiles(reader: OptionReader, value: unknown): Map<string, TaskProfile> {
  const profiles = new Map<string, TaskProfile>(Object.entries(BUILT_IN_TASK_PROFILES));
  if (value === undefined) return profiles;
  const general = BUILT_IN_TASK_PROFILES.general_chat;
  for (const [task, input] of Object.entries(reader.object(value, ['taskProfiles']) ?? {})) {
    const path = ['taskProfiles', task];
    if (task.length === 0) reader.fail(path, 'a task name of ≥ 1 characters', task);
    profiles.set(task, readProfile(reader, input, path, profiles.get(task) ?? general));
  }
  return profiles;
}

function readHardware(reader: OptionReader, value: unknown): HardwareProfile | null {
  if (value === undefined || value === null) return null;
  const result = hardwareProfileSchema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const described = describeZodIssue(issue);
    reader.issues.push({ ...described, path: formatIssuePath(['hardware', ...issue.path]) });
  }
  return null;
}

/**
 * Checks selection options and applies their defaults.
 * @throws ConfigError naming every bad field (`weights.cost`, `taskProfiles.summarize.families.qwen`…).
 */
export function resolveSelectionOptions(options: SelectionOptions = {}): ResolvedSelectionOptions {
  const reader = new OptionReader();
  const record = reader.object(options, [], OPTION_NAMES) ?? {};
  const stats =
    record.stats === undefined || record.stats === null
      ? undefined
      : reader.service<PerformanceStatsSource>(record.stats, ['stats'], ['getModelStats']);
  const weights = record.weights === undefined ? {} : readWeights(reader, record.weights, ['weights']);
  const preferFree = record.preferFree === undefined ? false : reader.boolean(record.preferFree, ['preferFree']);
  const memoryContextLength =
    record.memoryContextLength === undefined
      ? DEFAULT_MEMORY_CONTEXT_LENGTH
      : reader.number(record.memoryContextLength, ['memoryContextLength'], 1, true);
  const resolved = {
    hardware: readHardware(reader, record.hardware),
    stats: stats ?? null,
    weights: { ...DEFAULT_WEIGHTS, ...weights },
    taskProfiles: readProfiles(reader, record.taskProfiles),
    // Undefined only when invalid, and then the reader throws below.
    preferFree: preferFree as boolean,
    memoryContextLength: memoryContextLength as number,
  };
  reader.throwIfInvalid('selection options');
  return resolved;
}

/** The profile of a task: its own, or `general_chat`'s for a task nobody configured. */
export function taskProfileFor(options: ResolvedSelectionOptions, task: string): TaskProfile {
  return options.taskProfiles.get(task) ?? (options.taskProfiles.get('general_chat') as TaskProfile);
}
