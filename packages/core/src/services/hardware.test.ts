import { describe, expect, it } from 'vitest';
import { gpuInfoSchema, hardwareProfileSchema } from './hardware';

const appleSilicon = {
  os: { platform: 'darwin', release: '24.1.0', arch: 'arm64' },
  cpu: { model: 'Apple M3 Pro', physicalCores: 12, logicalCores: 12, speedGHz: 4.05, flags: ['neon'] },
  memory: { totalBytes: 36 * 2 ** 30, availableBytes: 20 * 2 ** 30 },
  gpus: [{ vendor: 'apple', model: 'Apple M3 Pro', vramTotalBytes: null, vramFreeBytes: null, hasUnifiedMemory: true }],
  detectedAt: 1_700_000_000_000,
};

describe('hardwareProfileSchema', () => {
  it('accepts a full profile as it is', () => {
    expect(hardwareProfileSchema.parse(appleSilicon)).toStrictEqual(appleSilicon);
  });

  it('accepts unknown facts as null and a machine without a GPU', () => {
    const vm = {
      os: { platform: 'linux', release: null, arch: 'x64' },
      cpu: { model: null, physicalCores: null, logicalCores: 2, speedGHz: null, flags: [] },
      memory: { totalBytes: 0, availableBytes: 0 },
      gpus: [],
      detectedAt: 0,
    };
    expect(hardwareProfileSchema.parse(vm)).toStrictEqual(vm);
  });

  it.each([
    ['0 logical cores', { cpu: { ...appleSilicon.cpu, logicalCores: 0 } }],
    ['fractional physical cores', { cpu: { ...appleSilicon.cpu, physicalCores: 1.5 } }],
    ['a clock speed of 0 (use null)', { cpu: { ...appleSilicon.cpu, speedGHz: 0 } }],
    ['negative memory', { memory: { totalBytes: -1, availableBytes: 0 } }],
    ['a missing os', { os: undefined }],
  ])('rejects %s', (_label, change) => {
    expect(hardwareProfileSchema.safeParse({ ...appleSilicon, ...change }).success).toBe(false);
  });
});

describe('gpuInfoSchema', () => {
  it('knows five vendors and rejects negative VRAM', () => {
    const gpu = {
      vendor: 'nvidia',
      model: 'RTX 4090',
      vramTotalBytes: 24e9,
      vramFreeBytes: 0,
      hasUnifiedMemory: false,
    };
    expect(gpuInfoSchema.parse(gpu)).toStrictEqual(gpu);
    expect(gpuInfoSchema.shape.vendor.options).toEqual(['nvidia', 'amd', 'intel', 'apple', 'other']);
    expect(gpuInfoSchema.safeParse({ ...gpu, vendor: 'qualcomm' }).success).toBe(false);
    expect(gpuInfoSchema.safeParse({ ...gpu, vramFreeBytes: -1 }).success).toBe(false);
  });
});
