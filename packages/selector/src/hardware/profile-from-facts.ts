import type { GpuInfo, HardwareProfile } from '@modelyard/core';
import { gpuVendor } from './gpu-vendor';
import type { GraphicsControllerFacts, NodeFacts, SystemFacts } from './system-facts';

const BYTES_PER_MIB = 1024 * 1024;

function isPositive(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

function isNonNegative(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function positiveInteger(value: number | undefined): number | null {
  return isPositive(value) && Number.isInteger(value) ? value : null;
}

function nonEmpty(text: string | undefined): string | null {
  const trimmed = text?.trim();
  return trimmed ? trimmed : null;
}

/** `"avx2 fma  SSE4_2"` → `['avx2', 'fma', 'sse4_2']`, without duplicates. */
export function parseCpuFlags(text: string): string[] {
  return [...new Set(text.toLowerCase().match(/\S+/g))];
}

/** One graphics controller as a {@link GpuInfo}; VRAM from MiB to bytes, 0 or absent as unknown. */
export function gpuFromController(controller: GraphicsControllerFacts): GpuInfo {
  const vendor = gpuVendor(controller);
  const totalMib = isPositive(controller.memoryTotal) ? controller.memoryTotal : controller.vram;
  return {
    vendor,
    model: nonEmpty(controller.model) ?? nonEmpty(controller.name) ?? '',
    vramTotalBytes: isPositive(totalMib) ? totalMib * BYTES_PER_MIB : null,
    vramFreeBytes: isNonNegative(controller.memoryFree) ? controller.memoryFree * BYTES_PER_MIB : null,
    // Apple silicon, and built-in GPUs that systeminformation reports with dynamic VRAM.
    hasUnifiedMemory: vendor === 'apple' || controller.vramDynamic === true,
  };
}

/**
 * Builds a {@link HardwareProfile} from whatever the probe could read, falling back to what Node
 * knows (platform, arch, logical cores, memory) and to `null` for the rest. A clock speed of 0
 * (some VMs) is unknown, not zero.
 */
export function hardwareProfileFromFacts(facts: SystemFacts, node: NodeFacts, detectedAt: number): HardwareProfile {
  const { cpu, memory, os } = facts;
  const cpuModel = nonEmpty(`${cpu?.manufacturer ?? ''} ${cpu?.brand ?? ''}`);
  return {
    os: {
      platform: nonEmpty(os?.platform) ?? node.platform,
      release: nonEmpty(os?.release) ?? nonEmpty(node.release),
      arch: nonEmpty(os?.arch) ?? node.arch,
    },
    cpu: {
      model: cpuModel,
      physicalCores: positiveInteger(cpu?.physicalCores),
      logicalCores: positiveInteger(cpu?.cores) ?? Math.max(1, node.logicalCores),
      speedGHz: isPositive(cpu?.speed) ? cpu.speed : null,
      flags: parseCpuFlags(nonEmpty(facts.cpuFlags) ?? cpu?.flags ?? ''),
    },
    memory: {
      totalBytes: isPositive(memory?.total) ? memory.total : node.totalMemoryBytes,
      availableBytes: isNonNegative(memory?.available) ? memory.available : node.freeMemoryBytes,
    },
    gpus: (facts.controllers ?? []).map(gpuFromController),
    detectedAt,
  };
}
