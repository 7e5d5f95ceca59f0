import type { GpuInfo } from '@modelyard/core';

/** PCI vendor ids, as systeminformation reports them (`10de` or `0x10de`). */
const VENDOR_BY_PCI_ID: ReadonlyMap<string, GpuInfo['vendor']> = new Map([
  ['10de', 'nvidia'],
  ['1002', 'amd'],
  ['1022', 'amd'],
  ['8086', 'intel'],
  ['106b', 'apple'],
]);

const VENDOR_BY_NAME: readonly (readonly [RegExp, GpuInfo['vendor']])[] = [
  [/nvidia/i, 'nvidia'],
  [/advanced micro devices|\bamd\b|\bati\b|radeon/i, 'amd'],
  [/intel/i, 'intel'],
  [/apple/i, 'apple'],
];

/**
 * The vendor of a graphics controller, from its PCI vendor id when reported, else from the
 * vendor's name, else from the model's name (`Apple M3 Pro`, `NVIDIA GeForce RTX 4090`).
 */
export function gpuVendor(controller: { vendor?: string; vendorId?: string; model?: string }): GpuInfo['vendor'] {
  const pciId = controller.vendorId?.toLowerCase().replace(/^0x/, '');
  const byId = pciId === undefined ? undefined : VENDOR_BY_PCI_ID.get(pciId);
  if (byId !== undefined) return byId;
  for (const text of [controller.vendor, controller.model]) {
    for (const [pattern, vendor] of VENDOR_BY_NAME) {
      if (text !== undefined && pattern.test(text)) return vendor;
    }
  }
  return 'other';
}
