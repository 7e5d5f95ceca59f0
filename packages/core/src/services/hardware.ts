import { z } from 'zod';

/** One GPU. Sizes in bytes; `null` when the system does not say. */
export const gpuInfoSchema = z.object({
  vendor: z.enum(['nvidia', 'amd', 'intel', 'apple', 'other']),
  model: z.string(),
  vramTotalBytes: z.number().finite().min(0).nullable(),
  vramFreeBytes: z.number().finite().min(0).nullable(),
  /** GPU and CPU share the system memory (Apple silicon, many integrated GPUs). */
  hasUnifiedMemory: z.boolean(),
});

/** One GPU; see {@link gpuInfoSchema}. */
export type GpuInfo = z.output<typeof gpuInfoSchema>;

/**
 * The machine models run on, as the selector reads it. Produced once by the selector's hardware
 * detection (or written by hand, for another machine or a test). Unknown facts are `null`.
 */
export const hardwareProfileSchema = z.object({
  os: z.object({ platform: z.string(), release: z.string().nullable(), arch: z.string() }),
  cpu: z.object({
    model: z.string().nullable(),
    /** Physical cores. */
    physicalCores: z.int().min(1).nullable(),
    /** Logical cores (hardware threads). */
    logicalCores: z.int().min(1),
    /** Base clock in GHz; `null` when unknown (some VMs report 0). */
    speedGHz: z.number().positive().nullable(),
    /** Instruction-set flags (`avx2`, `avx512f`, `neon`…), lower-case. */
    flags: z.array(z.string()),
  }),
  memory: z.object({ totalBytes: z.number().finite().min(0), availableBytes: z.number().finite().min(0) }),
  gpus: z.array(gpuInfoSchema),
  /** When the profile was read, in ms since the epoch. */
  detectedAt: z.number().finite(),
});

/** The machine models run on; see {@link hardwareProfileSchema}. */
export type HardwareProfile = z.output<typeof hardwareProfileSchema>;
