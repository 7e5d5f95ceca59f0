import { hardwareProfileSchema } from '@modelyard/core';
import { describe, expect, it } from 'vitest';
import { gpuFromController, hardwareProfileFromFacts, parseCpuFlags } from './profile-from-facts';
import type { NodeFacts, SystemFacts } from './system-facts';

const MIB = 1024 * 1024;

const node: NodeFacts = {
  platform: 'linux',
  release: '6.8.0',
  arch: 'x64',
  logicalCores: 4,
  totalMemoryBytes: 16e9,
  freeMemoryBytes: 9e9,
};

const nothing: SystemFacts = {
  memory: undefined,
  cpu: undefined,
  cpuFlags: undefined,
  controllers: undefined,
  os: undefined,
};

describe('parseCpuFlags', () => {
  it('splits on any whitespace, lower-cases and drops duplicates and blanks', () => {
    expect(parseCpuFlags('avx2 FMA\tsse4_2\n avx2  ')).toEqual(['avx2', 'fma', 'sse4_2']);
    expect(parseCpuFlags('')).toEqual([]);
  });
});

describe('gpuFromController', () => {
  it('reads an NVIDIA card with nvidia-smi figures (MiB)', () => {
    expect(
      gpuFromController({
        vendor: 'NVIDIA Corporation',
        model: 'GeForce RTX 4090',
        vram: 24_564,
        memoryTotal: 24_564,
        memoryFree: 20_000,
        vramDynamic: false,
      }),
    ).toEqual({
      vendor: 'nvidia',
      model: 'GeForce RTX 4090',
      vramTotalBytes: 24_564 * MIB,
      vramFreeBytes: 20_000 * MIB,
      hasUnifiedMemory: false,
    });
  });

  it('falls back to vram when memoryTotal is absent or 0, and keeps 0 MiB free as a fact', () => {
    expect(gpuFromController({ vendor: 'AMD', model: 'RX 7900', vram: 16_384, memoryTotal: 0, memoryFree: 0 })).toEqual(
      {
        vendor: 'amd',
        model: 'RX 7900',
        vramTotalBytes: 16_384 * MIB,
        vramFreeBytes: 0,
        hasUnifiedMemory: false,
      },
    );
  });

  it('treats VRAM of 0, null, negative or NaN as unknown', () => {
    for (const vram of [0, null, -1, Number.NaN, undefined]) {
      expect(gpuFromController({ vendor: 'Intel', model: 'UHD', vram }).vramTotalBytes).toBeNull();
    }
    expect(gpuFromController({ vendor: 'Intel', memoryFree: -5 }).vramFreeBytes).toBeNull();
    expect(gpuFromController({ vendor: 'Intel', memoryFree: Number.POSITIVE_INFINITY }).vramFreeBytes).toBeNull();
  });

  it('marks Apple GPUs and dynamic-VRAM GPUs as unified memory', () => {
    expect(gpuFromController({ vendor: 'Apple', model: 'Apple M3 Pro', vram: null, vramDynamic: true })).toEqual({
      vendor: 'apple',
      model: 'Apple M3 Pro',
      vramTotalBytes: null,
      vramFreeBytes: null,
      hasUnifiedMemory: true,
    });
    expect(gpuFromController({ vendor: 'Apple', model: 'Apple M1' }).hasUnifiedMemory).toBe(true);
    expect(gpuFromController({ vendor: 'Intel', model: 'Iris', vramDynamic: true }).hasUnifiedMemory).toBe(true);
  });

  it('names the model from model, else name, else empty', () => {
    expect(gpuFromController({ model: '  ', name: 'Card' }).model).toBe('Card');
    expect(gpuFromController({}).model).toBe('');
  });
});

describe('hardwareProfileFromFacts', () => {
  it('reads every fact the probe gives', () => {
    const profile = hardwareProfileFromFacts(
      {
        memory: { total: 64e9, available: 40e9 },
        cpu: {
          manufacturer: 'AMD',
          brand: 'Ryzen 9 7950X',
          speed: 4.5,
          cores: 32,
          physicalCores: 16,
          flags: 'ignored',
        },
        cpuFlags: 'avx2 avx512f',
        controllers: [{ vendor: 'NVIDIA', model: 'RTX 4090', memoryTotal: 24_564, memoryFree: 23_000 }],
        os: { platform: 'linux', release: '24.04', arch: 'x64' },
      },
      node,
      1234,
    );
    expect(profile).toEqual({
      os: { platform: 'linux', release: '24.04', arch: 'x64' },
      cpu: {
        model: 'AMD Ryzen 9 7950X',
        physicalCores: 16,
        logicalCores: 32,
        speedGHz: 4.5,
        flags: ['avx2', 'avx512f'],
      },
      memory: { totalBytes: 64e9, availableBytes: 40e9 },
      gpus: [
        {
          vendor: 'nvidia',
          model: 'RTX 4090',
          vramTotalBytes: 24_564 * MIB,
          vramFreeBytes: 23_000 * MIB,
          hasUnifiedMemory: false,
        },
      ],
      detectedAt: 1234,
    });
    expect(hardwareProfileSchema.parse(profile)).toEqual(profile);
  });

  it('falls back to what Node knows when the probe gave nothing', () => {
    const profile = hardwareProfileFromFacts(nothing, node, 5);
    expect(profile).toEqual({
      os: { platform: 'linux', release: '6.8.0', arch: 'x64' },
      cpu: { model: null, physicalCores: null, logicalCores: 4, speedGHz: null, flags: [] },
      memory: { totalBytes: 16e9, availableBytes: 9e9 },
      gpus: [],
      detectedAt: 5,
    });
    expect(hardwareProfileSchema.parse(profile)).toEqual(profile);
  });

  it('tolerates the facts a VM gets wrong: speed 0, blank names, fractional or 0 cores', () => {
    const profile = hardwareProfileFromFacts(
      {
        ...nothing,
        memory: { total: 0, available: 0 },
        cpu: { manufacturer: '', brand: ' ', speed: 0, cores: 0, physicalCores: 1.5, flags: 'sse2 avx' },
        cpuFlags: '  ',
        os: { platform: '', release: '', arch: '' },
      },
      { ...node, release: '', logicalCores: 0 },
      0,
    );
    expect(profile.os).toEqual({ platform: 'linux', release: null, arch: 'x64' });
    expect(profile.cpu).toEqual({
      model: null,
      physicalCores: null,
      logicalCores: 1,
      speedGHz: null,
      flags: ['sse2', 'avx'],
    });
    // total 0 is not a size (falls back), available 0 is a fact (a full machine).
    expect(profile.memory).toEqual({ totalBytes: 16e9, availableBytes: 0 });
    expect(hardwareProfileSchema.safeParse(profile).success).toBe(true);
  });

  it('names the CPU from the parts it has', () => {
    expect(hardwareProfileFromFacts({ ...nothing, cpu: { brand: 'EPYC' } }, node, 0).cpu.model).toBe('EPYC');
    expect(hardwareProfileFromFacts({ ...nothing, cpu: { manufacturer: 'Apple' } }, node, 0).cpu.model).toBe('Apple');
  });
});
