import { arch, availableParallelism, freemem, platform, release, totalmem } from 'node:os';
import { type Clock, type HardwareProfile, hardwareProfileSchema, parseWithSchema, systemClock } from '@modelyard/core';
import { OptionReader } from '../options/option-reader';
import { hardwareProfileFromFacts } from './profile-from-facts';
import type { NodeFacts, SystemFacts, SystemInformationProbe } from './system-facts';

/** Options of {@link detectHardware}. */
export interface DetectHardwareOptions {
  /** Read the machine again instead of returning the cached profile. Default `false`. */
  refresh?: boolean;
  /**
   * Where facts come from: the `systeminformation` package by default (loaded on first use).
   * Pass a fake in tests. Profiles are cached per probe.
   */
  systemInformation?: SystemInformationProbe;
  /** Stamps `detectedAt`. Default the system clock. */
  clock?: Clock;
}

const PROBE_METHODS = ['mem', 'cpu', 'cpuFlags', 'graphics', 'osInfo'] as const;

function readOptions(options: DetectHardwareOptions): void {
  const reader = new OptionReader();
  const record = reader.object(options, [], ['refresh', 'systemInformation', 'clock']);
  if (record?.refresh !== undefined) reader.boolean(record.refresh, ['refresh']);
  if (record?.systemInformation !== undefined)
    reader.service(record.systemInformation, ['systemInformation'], PROBE_METHODS);
  if (record?.clock !== undefined) reader.service(record.clock, ['clock'], ['now']);
  reader.throwIfInvalid('detectHardware options');
}

const cache = new WeakMap<object, Promise<HardwareProfile>>();
let defaultProbe: Promise<SystemInformationProbe> | undefined;

function loadDefaultProbe(): Promise<SystemInformationProbe> {
  // Loaded lazily: importing the selector must not load systeminformation's many modules.
  defaultProbe ??= import('systeminformation').then((module) => module.default);
  return defaultProbe;
}

function nodeFacts(): NodeFacts {
  return {
    platform: platform(),
    release: release(),
    arch: arch(),
    logicalCores: availableParallelism(),
    totalMemoryBytes: totalmem(),
    freeMemoryBytes: freemem(),
  };
}

async function settle<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch {
    return undefined; // a fact the platform cannot give is unknown, not an error
  }
}

async function readProfile(probe: SystemInformationProbe, clock: Clock): Promise<HardwareProfile> {
  const [memory, cpu, cpuFlags, graphics, os] = await Promise.all([
    settle(() => probe.mem()),
    settle(() => probe.cpu()),
    settle(() => probe.cpuFlags()),
    settle(() => probe.graphics()),
    settle(() => probe.osInfo()),
  ]);
  const facts: SystemFacts = { memory, cpu, cpuFlags, controllers: graphics?.controllers, os };
  const profile = hardwareProfileFromFacts(facts, nodeFacts(), clock.now());
  return parseWithSchema(hardwareProfileSchema, profile, 'HardwareProfile');
}

/**
 * Reads the machine models run on: RAM (total, available), CPU (model, cores, clock, instruction
 * set flags), GPUs (vendor, model, VRAM total/free, unified memory) and OS/arch, as a plain
 * {@link HardwareProfile}. Facts a platform does not report are `null` (or Node's own figures for
 * cores and memory); detection never fails because one is missing.
 *
 * Detected once and cached (per probe); pass `refresh: true` to read again. Each call returns
 * its own copy. The selector never
 * calls it per model: pass the profile to `rankModels` / `createSelector`.
 *
 * @throws ConfigError naming the option when `options` is malformed.
 */
export async function detectHardware(options: DetectHardwareOptions = {}): Promise<HardwareProfile> {
  readOptions(options);
  const probe = options.systemInformation ?? (await loadDefaultProbe());
  let reading = cache.get(probe);
  if (reading === undefined || options.refresh === true) {
    reading = readProfile(probe, options.clock ?? systemClock);
    cache.set(probe, reading);
    // A profile that failed its schema (a clock answering NaN) is not kept: the next call tries again.
    reading.catch(() => cache.delete(probe));
  }
  // A copy each time: a caller that edits its profile must not edit everyone's.
  return structuredClone(await reading);
}
