import { availableParallelism } from 'node:os';
import { ConfigError, hardwareProfileSchema } from '@modelyard/core';
import { describe, expect, it } from 'vitest';
import { detectHardware } from './detect-hardware';
import type { SystemInformationProbe } from './system-facts';

function fakeProbe(overrides: Partial<SystemInformationProbe> = {}): SystemInformationProbe & { calls: number } {
  const probe = {
    calls: 0,
    mem: async () => {
      probe.calls += 1;
      return { total: 32e9, available: 20e9 };
    },
    cpu: async () => ({ manufacturer: 'Apple', brand: 'M3 Pro', speed: 4.05, cores: 12, physicalCores: 12 }),
    cpuFlags: async () => 'neon',
    graphics: async () => ({
      controllers: [{ vendor: 'Apple', model: 'Apple M3 Pro', vram: null, vramDynamic: true }],
    }),
    osInfo: async () => ({ platform: 'darwin', release: '24.1.0', arch: 'arm64' }),
    ...overrides,
  };
  return probe;
}

const fixedClock = (now: number) => ({ now: () => now, sleep: async () => {} });

async function configErrorOf(run: () => Promise<unknown>): Promise<ConfigError> {
  try {
    await run();
  } catch (error) {
    if (ConfigError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('detectHardware', () => {
  it('reads a plain, valid profile from the probe', async () => {
    const profile = await detectHardware({ systemInformation: fakeProbe(), clock: fixedClock(42) });
    expect(profile).toEqual({
      os: { platform: 'darwin', release: '24.1.0', arch: 'arm64' },
      cpu: { model: 'Apple M3 Pro', physicalCores: 12, logicalCores: 12, speedGHz: 4.05, flags: ['neon'] },
      memory: { totalBytes: 32e9, availableBytes: 20e9 },
      gpus: [
        { vendor: 'apple', model: 'Apple M3 Pro', vramTotalBytes: null, vramFreeBytes: null, hasUnifiedMemory: true },
      ],
      detectedAt: 42,
    });
    expect(Object.getPrototypeOf(profile)).toBe(Object.prototype);
  });

  it('detects once per probe and returns a fresh copy each time', async () => {
    const probe = fakeProbe();
    const first = await detectHardware({ systemInformation: probe, clock: fixedClock(1) });
    first.gpus.length = 0;
    const second = await detectHardware({ systemInformation: probe, clock: fixedClock(2) });
    expect(probe.calls).toBe(1);
    expect(second.detectedAt).toBe(1);
    expect(second.gpus).toHaveLength(1);
  });

  it('reads again when asked to refresh', async () => {
    const probe = fakeProbe();
    await detectHardware({ systemInformation: probe, clock: fixedClock(1) });
    const refreshed = await detectHardware({ systemInformation: probe, refresh: true, clock: fixedClock(2) });
    expect(probe.calls).toBe(2);
    expect(refreshed.detectedAt).toBe(2);
    expect((await detectHardware({ systemInformation: probe, refresh: false })).detectedAt).toBe(2);
    expect(probe.calls).toBe(2);
  });

  it('tolerates every probe call failing', async () => {
    const fail = async (): Promise<never> => {
      throw new Error('not on this platform');
    };
    const profile = await detectHardware({
      systemInformation: { mem: fail, cpu: fail, cpuFlags: fail, graphics: fail, osInfo: fail },
      clock: fixedClock(3),
    });
    expect(profile.cpu).toMatchObject({ model: null, speedGHz: null, flags: [], logicalCores: availableParallelism() });
    expect(profile.gpus).toEqual([]);
    expect(profile.os.platform).toBe(process.platform);
    expect(profile.os.arch).toBe(process.arch);
    expect(profile.memory.totalBytes).toBeGreaterThan(0);
  });

  it('tolerates a probe that throws synchronously or gives no controllers', async () => {
    const profile = await detectHardware({
      systemInformation: fakeProbe({
        cpuFlags: () => {
          throw new Error('sync');
        },
        graphics: async () => ({}),
      }),
    });
    expect(profile.cpu.flags).toEqual([]);
    expect(profile.gpus).toEqual([]);
  });

  it('rejects a profile that fails its schema, and does not keep the failure', async () => {
    const probe = fakeProbe();
    const error = await configErrorOf(() =>
      detectHardware({ systemInformation: probe, clock: fixedClock(Number.NaN) }),
    );
    expect(error.message).toBe('Invalid HardwareProfile:\n  - detectedAt: expected a number, received NaN');
    const profile = await detectHardware({ systemInformation: probe, clock: fixedClock(7) });
    expect(profile.detectedAt).toBe(7);
    expect(probe.calls).toBe(2);
  });

  it('stamps detectedAt with the system clock by default', async () => {
    const before = Date.now();
    const profile = await detectHardware({ systemInformation: fakeProbe() });
    expect(profile.detectedAt).toBeGreaterThanOrEqual(before);
    expect(profile.detectedAt).toBeLessThanOrEqual(Date.now());
  });

  it('reads this machine with systeminformation when no probe is given', async () => {
    const profile = await detectHardware();
    expect(hardwareProfileSchema.parse(profile)).toEqual(profile);
    expect(profile.os.platform).toBe(process.platform);
    const again = await detectHardware();
    expect(again).toEqual(profile);
    expect(again).not.toBe(profile);
  }, 30_000);

  it('rejects malformed options with a ConfigError naming each field', async () => {
    const error = await configErrorOf(() =>
      detectHardware({
        refresh: 'yes',
        systemInformation: { mem: () => null },
        clock: {},
        extra: 1,
      } as never),
    );
    expect(error.message).toBe(
      [
        'Invalid detectHardware options:',
        '  - (root): expected only known fields, received unknown field "extra"',
        '  - refresh: expected a boolean, received "yes"',
        '  - systemInformation.cpu: expected a function, received nothing (undefined)',
        '  - systemInformation.cpuFlags: expected a function, received nothing (undefined)',
        '  - systemInformation.graphics: expected a function, received nothing (undefined)',
        '  - systemInformation.osInfo: expected a function, received nothing (undefined)',
        '  - clock.now: expected a function, received nothing (undefined)',
      ].join('\n'),
    );
    expect((await configErrorOf(() => detectHardware(null as never))).message).toBe(
      'Invalid detectHardware options:\n  - (root): expected an object, received null',
    );
  });
});
