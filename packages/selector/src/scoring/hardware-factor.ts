import type { MachineMemory } from '../hardware/machine-memory';
import { gpuShareOf, headroomOf, type MemoryFit, type MemoryNeed } from '../hardware/memory-fit';

/**
 * The hardware factor of a local model, 0–1, from where it runs. Each placement has a band, and
 * the position inside the band is the headroom left (or, when split, the share on the GPU), so
 * the scale is continuous from one band to the next:
 *
 * | fit                 | value                        |
 * |---------------------|------------------------------|
 * | `fits_in_vram`      | 0.7 + 0.3 × headroom         |
 * | `partially_in_vram` | 0.4 + 0.3 × share on the GPU |
 * | `ram_only`          | 0.1 + 0.3 × headroom         |
 * | `unknown`           | 0.5                          |
 * | `does_not_fit`      | 0 (filtered out anyway)      |
 */
export function hardwareFactor(fit: MemoryFit, memory: MemoryNeed, machine: MachineMemory): number {
  switch (fit) {
    case 'fits_in_vram':
      return 0.7 + 0.3 * headroomOf(fit, memory, machine);
    case 'partially_in_vram':
      return 0.4 + 0.3 * gpuShareOf(fit, memory, machine);
    case 'ram_only':
      return 0.1 + 0.3 * headroomOf(fit, memory, machine);
    case 'unknown':
      return 0.5;
    default:
      return 0;
  }
}
