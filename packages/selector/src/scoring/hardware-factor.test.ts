import { describe, expect, it } from 'vitest';
import type { MachineMemory } from '../hardware/machine-memory';
import { hardwareFactor } from './hardware-factor';

const dedicated: MachineMemory = { gpuBytes: 8, isDedicatedGpu: true, systemBytes: 16 };
const cpuOnly: MachineMemory = { gpuBytes: 0, isDedicatedGpu: false, systemBytes: 16 };

describe('hardwareFactor', () => {
  it('scores VRAM 0.7–1 by headroom', () => {
    expect(hardwareFactor('fits_in_vram', { ramBytes: 99, vramBytes: 2 }, dedicated)).toBeCloseTo(0.7 + 0.3 * 0.75, 12);
    expect(hardwareFactor('fits_in_vram', { ramBytes: 99, vramBytes: 8 }, dedicated)).toBe(0.7);
    expect(hardwareFactor('fits_in_vram', { ramBytes: 99, vramBytes: 0 }, dedicated)).toBe(1);
  });

  it('scores a split 0.4–0.7 by the share on the GPU', () => {
    expect(hardwareFactor('partially_in_vram', { ramBytes: 20, vramBytes: 99 }, dedicated)).toBeCloseTo(
      0.4 + 0.3 * 0.4,
      12,
    );
    expect(hardwareFactor('partially_in_vram', { ramBytes: 8, vramBytes: 99 }, dedicated)).toBeCloseTo(0.7, 12);
  });

  it('scores RAM only 0.1–0.4 by headroom', () => {
    expect(hardwareFactor('ram_only', { ramBytes: 4, vramBytes: 99 }, cpuOnly)).toBeCloseTo(0.1 + 0.3 * 0.75, 12);
    expect(hardwareFactor('ram_only', { ramBytes: 16, vramBytes: 99 }, cpuOnly)).toBeCloseTo(0.1, 12);
    expect(hardwareFactor('ram_only', { ramBytes: 0, vramBytes: 99 }, cpuOnly)).toBeCloseTo(0.4, 12);
  });

  it('scores an unknown size 0.5 and a model that does not fit 0', () => {
    expect(hardwareFactor('unknown', { ramBytes: Number.NaN, vramBytes: Number.NaN }, dedicated)).toBe(0.5);
    expect(hardwareFactor('does_not_fit', { ramBytes: 99, vramBytes: 99 }, dedicated)).toBe(0);
  });
});
