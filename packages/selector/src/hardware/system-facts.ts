/**
 * The facts hardware detection reads, shaped like `systeminformation`'s results but with every
 * field optional: platforms and VMs leave many out, and detection must not depend on any.
 */

/** `systeminformation.mem()`; sizes in bytes. */
export interface MemoryFacts {
  total?: number;
  available?: number;
}

/** `systeminformation.cpu()`; `speed` in GHz. */
export interface CpuFacts {
  manufacturer?: string;
  brand?: string;
  speed?: number;
  cores?: number;
  physicalCores?: number;
  flags?: string;
}

/** One entry of `systeminformation.graphics().controllers`; `vram`, `memoryTotal`, `memoryFree` in MiB. */
export interface GraphicsControllerFacts {
  vendor?: string;
  vendorId?: string;
  model?: string;
  name?: string;
  vram?: number | null;
  vramDynamic?: boolean;
  memoryTotal?: number;
  memoryFree?: number;
}

/** `systeminformation.osInfo()`. */
export interface OsFacts {
  platform?: string;
  release?: string;
  arch?: string;
}

/**
 * The part of `systeminformation` that detection calls; pass a fake in tests. Any call may reject:
 * its facts then count as unknown.
 */
export interface SystemInformationProbe {
  mem(): Promise<MemoryFacts>;
  cpu(): Promise<CpuFacts>;
  cpuFlags(): Promise<string>;
  graphics(): Promise<{ controllers?: GraphicsControllerFacts[] }>;
  osInfo(): Promise<OsFacts>;
}

/** What Node itself knows (`node:os`): the fallback for facts the probe could not read. */
export interface NodeFacts {
  platform: string;
  release: string;
  arch: string;
  logicalCores: number;
  totalMemoryBytes: number;
  freeMemoryBytes: number;
}

/** The probe's answers; a field is `undefined` when its call failed. */
export interface SystemFacts {
  memory: MemoryFacts | undefined;
  cpu: CpuFacts | undefined;
  cpuFlags: string | undefined;
  controllers: GraphicsControllerFacts[] | undefined;
  os: OsFacts | undefined;
}
