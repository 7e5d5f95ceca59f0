import type { HardwareProfile } from '@modelyard/core';

/** Memory a machine offers to models, in bytes; computed once per ranking, not per model. */
export interface MachineMemory {
  /**
   * GPU memory: the sum of free VRAM (total VRAM when free is unknown) of dedicated GPUs, since
   * runtimes split layers across GPUs; without one, the available system memory when a
   * unified-memory GPU (Apple silicon) can use it; else 0. GPUs whose VRAM is unknown count as none.
   */
  gpuBytes: number;
  /** The GPU memory is separate from system memory, so a model can be split across the two. */
  isDedicatedGpu: boolean;
  /** Available system memory. */
  systemBytes: number;
}

/** Reads what memory a machine offers to models; see {@link MachineMemory}. */
export function machineMemory(hardware: HardwareProfile): MachineMemory {
  let dedicated = 0;
  let hasUnifiedMemory = false;
  for (const gpu of hardware.gpus) {
    if (gpu.hasUnifiedMemory) hasUnifiedMemory = true;
    else dedicated += gpu.vramFreeBytes ?? gpu.vramTotalBytes ?? 0;
  }
  const systemBytes = hardware.memory.availableBytes;
  if (dedicated > 0) return { gpuBytes: dedicated, isDedicatedGpu: true, systemBytes };
  return { gpuBytes: hasUnifiedMemory ? systemBytes : 0, isDedicatedGpu: false, systemBytes };
}
