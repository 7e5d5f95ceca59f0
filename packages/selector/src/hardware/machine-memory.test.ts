import type { GpuInfo } from '@modelyard/core';
import { describe, expect, it } from 'vitest';
import { GIB, machine } from '../test-support/fixtures';
import { machineMemory } from './machine-memory';

const gpu = (overrides: Partial<GpuInfo>): GpuInfo => ({
  vendor: 'nvidia',
  model: 'GPU',
  vramTotalBytes: null,
  vramFreeBytes: null,
  hasUnifiedMemory: false,
  ...overrides,
});

describe('machineMemory', () => {
  it('has no GPU memory without a GPU', () => {
    expect(machineMemory(machine(0, 16))).toEqual({ gpuBytes: 0, isDedicatedGpu: false, systemBytes: 16 * GIB });
  });

  it('adds the free VRAM of dedicated GPUs, or their total when free is unknown', () => {
    const profile = machine(0, 32, {
      gpus: [
        gpu({ vramTotalBytes: 24 * GIB, vramFreeBytes: 20 * GIB }),
        gpu({ vramTotalBytes: 8 * GIB, vramFreeBytes: null }),
        gpu({ vramTotalBytes: null, vramFreeBytes: null }),
        gpu({ vramTotalBytes: 16 * GIB, vramFreeBytes: 0 }),
      ],
    });
    expect(machineMemory(profile)).toEqual({ gpuBytes: 28 * GIB, isDedicatedGpu: true, systemBytes: 32 * GIB });
  });

  it('lets a unified-memory GPU use the available system memory when there is no dedicated one', () => {
    const apple = machine(0, 20, { gpus: [gpu({ vendor: 'apple', hasUnifiedMemory: true })] });
    expect(machineMemory(apple)).toEqual({ gpuBytes: 20 * GIB, isDedicatedGpu: false, systemBytes: 20 * GIB });
  });

  it('prefers a dedicated GPU over a unified one', () => {
    const laptop = machine(0, 16, {
      gpus: [gpu({ vendor: 'intel', hasUnifiedMemory: true }), gpu({ vramFreeBytes: 6 * GIB })],
    });
    expect(machineMemory(laptop)).toEqual({ gpuBytes: 6 * GIB, isDedicatedGpu: true, systemBytes: 16 * GIB });
  });

  it('counts a dedicated GPU without known VRAM as none', () => {
    expect(machineMemory(machine(0, 8, { gpus: [gpu({})] }))).toEqual({
      gpuBytes: 0,
      isDedicatedGpu: false,
      systemBytes: 8 * GIB,
    });
  });
});
