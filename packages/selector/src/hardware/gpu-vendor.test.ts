import { describe, expect, it } from 'vitest';
import { gpuVendor } from './gpu-vendor';

describe('gpuVendor', () => {
  it.each([
    [{ vendorId: '10de' }, 'nvidia'],
    [{ vendorId: '0x10DE' }, 'nvidia'],
    [{ vendorId: '1002' }, 'amd'],
    [{ vendorId: '1022' }, 'amd'],
    [{ vendorId: '8086' }, 'intel'],
    [{ vendorId: '106b' }, 'apple'],
  ] as const)('reads the PCI vendor id %j', (controller, vendor) => {
    expect(gpuVendor(controller)).toBe(vendor);
  });

  it.each([
    [{ vendor: 'NVIDIA Corporation' }, 'nvidia'],
    [{ vendor: 'Advanced Micro Devices, Inc. [AMD/ATI]' }, 'amd'],
    [{ vendor: 'AMD' }, 'amd'],
    [{ vendor: 'ATI Technologies Inc.' }, 'amd'],
    [{ vendor: 'Intel Corporation' }, 'intel'],
    [{ vendor: 'Apple' }, 'apple'],
    [{ vendor: '', model: 'Apple M3 Pro' }, 'apple'],
    [{ model: 'NVIDIA GeForce RTX 4090' }, 'nvidia'],
    [{ model: 'Radeon RX 7900 XTX' }, 'amd'],
    [{ vendorId: 'abcd', vendor: 'Intel' }, 'intel'],
  ] as const)('reads the names %j', (controller, vendor) => {
    expect(gpuVendor(controller)).toBe(vendor);
  });

  it('strips 0x only as a prefix of the id', () => {
    expect(gpuVendor({ vendorId: '10x002' })).toBe('other');
  });

  it('prefers the vendor name to the model name, and the id to both', () => {
    expect(gpuVendor({ vendor: 'Intel', model: 'NVIDIA-compatible' })).toBe('intel');
    expect(gpuVendor({ vendorId: '10de', vendor: 'Intel' })).toBe('nvidia');
  });

  it('says other when nothing matches, without matching inside words', () => {
    expect(gpuVendor({})).toBe('other');
    expect(gpuVendor({ vendor: 'Matrox', model: 'G200eR2' })).toBe('other');
    expect(gpuVendor({ vendor: 'VMware', model: 'SVGA II Adapter' })).toBe('other');
    expect(gpuVendor({ vendor: 'Lambda', model: 'Gambatti' })).toBe('other');
  });
});
