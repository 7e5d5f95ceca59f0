import type { HardwareProfile, ModelWeights } from '@modelyard/core';
import { type MachineMemory, machineMemory } from './machine-memory';
import { estimateModelMemory, type ModelMemory } from './model-memory';

/**
 * Where a local model would run on a machine:
 * - `fits_in_vram`: every layer on the GPU (on unified memory: the GPU reads system memory);
 * - `partially_in_vram`: some layers on a dedicated GPU, the rest in system memory (slower);
 * - `ram_only`: on the CPU from system memory (slowest);
 * - `does_not_fit`: not enough memory in total;
 * - `unknown`: nothing known about the model's size.
 */
export type MemoryFit = 'fits_in_vram' | 'partially_in_vram' | 'ram_only' | 'does_not_fit' | 'unknown';

/** The result of {@link estimateMemoryFit}. Sizes in bytes. */
export interface MemoryFitEstimate {
  fit: MemoryFit;
  /** What the model needs; `null` when unknown. */
  memory: ModelMemory | null;
  /** What the machine offers. */
  machine: MachineMemory;
  /** Share of the model on the GPU: 1 in VRAM, between 0 and 1 when partial, 0 otherwise. */
  gpuShare: number;
  /** Share of the memory it runs in that stays free once loaded, 0–1; 0 when it does not fit or is unknown. */
  headroom: number;
}

/** Options of {@link estimateMemoryFit}. */
export interface MemoryFitOptions {
  /** Tokens of context the model must hold (prompt + answer). */
  contextLength: number;
}

/** Memory a model needs, in bytes (a {@link ModelMemory} fits). */
export interface MemoryNeed {
  ramBytes: number;
  vramBytes: number;
}

/**
 * Where a model runs on a machine. It takes objects, not numbers: ranking calls it for every
 * local model, and a double passed to a call that is not inlined is boxed.
 */
export function placeModel(memory: MemoryNeed, machine: MachineMemory): Exclude<MemoryFit, 'unknown'> {
  if (machine.gpuBytes > 0 && memory.vramBytes <= machine.gpuBytes) return 'fits_in_vram';
  if (machine.isDedicatedGpu && memory.ramBytes <= machine.gpuBytes + machine.systemBytes) return 'partially_in_vram';
  if (machine.systemBytes > 0 && memory.ramBytes <= machine.systemBytes) return 'ram_only';
  return 'does_not_fit';
}

/** Share of a placed model that runs on the GPU; see {@link MemoryFitEstimate.gpuShare}. */
export function gpuShareOf(fit: MemoryFit, memory: MemoryNeed, machine: MachineMemory): number {
  if (fit === 'fits_in_vram') return 1;
  return fit === 'partially_in_vram' ? machine.gpuBytes / memory.ramBytes : 0;
}

/** Free share of the memory a placed model runs in; see {@link MemoryFitEstimate.headroom}. */
export function headroomOf(fit: MemoryFit, memory: MemoryNeed, machine: MachineMemory): number {
  switch (fit) {
    case 'fits_in_vram':
      return 1 - memory.vramBytes / machine.gpuBytes;
    case 'partially_in_vram':
      return 1 - memory.ramBytes / (machine.gpuBytes + machine.systemBytes);
    case 'ram_only':
      return 1 - memory.ramBytes / machine.systemBytes;
    default:
      return 0;
  }
}

/**
 * Estimates whether a local model fits a machine, and how: in VRAM, partly in VRAM, in RAM only,
 * or not at all. The memory needed comes from {@link estimateModelMemory}; the memory offered from
 * {@link machineMemory} (free VRAM of dedicated GPUs, or system memory on unified memory, and the
 * available system memory).
 *
 * @param model the model's weights facts (a `ModelInfo` fits).
 * @param hardware the machine (from `detectHardware()` or written by hand).
 */
export function estimateMemoryFit(
  model: { weights: ModelWeights | null },
  hardware: HardwareProfile,
  options: MemoryFitOptions,
): MemoryFitEstimate {
  const memory = estimateModelMemory(model.weights, options.contextLength);
  const machine = machineMemory(hardware);
  if (memory === null) return { fit: 'unknown', memory, machine, gpuShare: 0, headroom: 0 };
  const fit = placeModel(memory, machine);
  return {
    fit,
    memory,
    machine,
    gpuShare: gpuShareOf(fit, memory, machine),
    headroom: headroomOf(fit, memory, machine),
  };
}
