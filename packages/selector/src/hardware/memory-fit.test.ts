import { modelWeightsSchema } from '@modelyard/core';
import { describe, expect, it } from 'vitest';
import { GIB, machine } from '../test-support/fixtures';
import type { MachineMemory } from './machine-memory';
import { estimateMemoryFit, gpuShareOf, headroomOf, placeModel } from './memory-fit';

const dedicated: MachineMemory = { gpuBytes: 8, isDedicatedGpu: true, systemBytes: 16 };
const cpuOnly: MachineMemory = { gpuBytes: 0, isDedicatedGpu: false, systemBytes: 16 };
const unified: MachineMemory = { gpuBytes: 16, isDedicatedGpu: false, systemBytes: 16 };

describe('placeModel', () => {
  it('fits in VRAM up to the GPU memory, inclusive', () => {
    expect(placeModel({ ramBytes: 100, vramBytes: 7 }, dedicated)).toBe('fits_in_vram');
    expect(placeModel({ ramBytes: 100, vramBytes: 8 }, dedicated)).toBe('fits_in_vram');
    expect(placeModel({ ramBytes: 9, vramBytes: 8.001 }, dedicated)).toBe('partially_in_vram');
  });

  it('needs some GPU memory to fit in VRAM, even for a model of 0 bytes', () => {
    expect(placeModel({ ramBytes: 0, vramBytes: 0 }, cpuOnly)).toBe('ram_only');
    expect(placeModel({ ramBytes: 0, vramBytes: 0 }, { ...cpuOnly, systemBytes: 0 })).toBe('does_not_fit');
  });

  it('splits across a dedicated GPU and system memory up to their sum, inclusive', () => {
    expect(placeModel({ ramBytes: 23, vramBytes: 9 }, dedicated)).toBe('partially_in_vram');
    expect(placeModel({ ramBytes: 24, vramBytes: 9 }, dedicated)).toBe('partially_in_vram');
    expect(placeModel({ ramBytes: 24.001, vramBytes: 9 }, dedicated)).toBe('does_not_fit');
  });

  it('runs from system memory up to the available memory, inclusive', () => {
    expect(placeModel({ ramBytes: 15, vramBytes: 15 }, cpuOnly)).toBe('ram_only');
    expect(placeModel({ ramBytes: 16, vramBytes: 16 }, cpuOnly)).toBe('ram_only');
    expect(placeModel({ ramBytes: 16.001, vramBytes: 0 }, cpuOnly)).toBe('does_not_fit');
  });

  it('never splits unified memory: one pool', () => {
    expect(placeModel({ ramBytes: 16, vramBytes: 16 }, unified)).toBe('fits_in_vram');
    expect(placeModel({ ramBytes: 15, vramBytes: 17 }, unified)).toBe('ram_only');
    expect(placeModel({ ramBytes: 17, vramBytes: 17 }, unified)).toBe('does_not_fit');
  });
});

describe('gpuShareOf and headroomOf', () => {
  it('gives the share on the GPU', () => {
    expect(gpuShareOf('fits_in_vram', { ramBytes: 20, vramBytes: 0 }, dedicated)).toBe(1);
    expect(gpuShareOf('partially_in_vram', { ramBytes: 20, vramBytes: 0 }, dedicated)).toBe(0.4);
    expect(gpuShareOf('ram_only', { ramBytes: 20, vramBytes: 0 }, cpuOnly)).toBe(0);
    expect(gpuShareOf('does_not_fit', { ramBytes: 20, vramBytes: 0 }, dedicated)).toBe(0);
    expect(gpuShareOf('unknown', { ramBytes: 20, vramBytes: 0 }, dedicated)).toBe(0);
  });

  it('gives the free share of the pool the model runs in', () => {
    expect(headroomOf('fits_in_vram', { ramBytes: 100, vramBytes: 2 }, dedicated)).toBe(0.75);
    expect(headroomOf('partially_in_vram', { ramBytes: 12, vramBytes: 100 }, dedicated)).toBe(0.5);
    expect(headroomOf('ram_only', { ramBytes: 4, vramBytes: 100 }, cpuOnly)).toBe(0.75);
    expect(headroomOf('does_not_fit', { ramBytes: 4, vramBytes: 2 }, dedicated)).toBe(0);
    expect(headroomOf('unknown', { ramBytes: 4, vramBytes: 2 }, dedicated)).toBe(0);
  });
});

describe('estimateMemoryFit', () => {
  const model = { weights: modelWeightsSchema.parse({ sizeBytes: 5e9, parameterCount: 1e10 }) };

  it('places a model of known size', () => {
    // 5e9 × 1.1 + 150,000 × 4096 = 6,114,400,000 bytes of 8 GiB.
    const estimate = estimateMemoryFit(model, machine(8, 16), { contextLength: 4096 });
    expect(estimate).toEqual({
      fit: 'fits_in_vram',
      memory: { ramBytes: 6_114_400_000, vramBytes: 6_114_400_000, source: 'formula' },
      machine: { gpuBytes: 8 * GIB, isDedicatedGpu: true, systemBytes: 16 * GIB },
      gpuShare: 1,
      headroom: 1 - 6_114_400_000 / (8 * GIB),
    });
  });

  it('needs more memory for a longer context', () => {
    // 5.5e9 + 150,000 × 32,768 = 10,415,200,000 bytes: more than 8 GiB of VRAM, less than 8 + 16 GiB.
    const estimate = estimateMemoryFit(model, machine(8, 16), { contextLength: 32_768 });
    expect(estimate.fit).toBe('partially_in_vram');
    expect(estimate.gpuShare).toBeCloseTo((8 * GIB) / 10_415_200_000, 12);
    expect(estimate.headroom).toBeCloseTo(1 - 10_415_200_000 / (24 * GIB), 12);
    expect(estimateMemoryFit(model, machine(0, 4), { contextLength: 4096 }).fit).toBe('does_not_fit');
    expect(estimateMemoryFit(model, machine(0, 8), { contextLength: 4096 }).fit).toBe('ram_only');
  });

  it('says unknown when nothing is known about the size', () => {
    expect(estimateMemoryFit({ weights: null }, machine(8, 16), { contextLength: 4096 })).toEqual({
      fit: 'unknown',
      memory: null,
      machine: { gpuBytes: 8 * GIB, isDedicatedGpu: true, systemBytes: 16 * GIB },
      gpuShare: 0,
      headroom: 0,
    });
  });
});
