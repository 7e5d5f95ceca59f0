// Number formats for sentences people read; en-US so that messages are the same on every machine.

const countFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const amountFormat = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 6 });

/** `131072` → `131,072`; `0.125` → `0.13`. */
export function formatCount(value: number): string {
  return countFormat.format(value);
}

/** USD with up to 6 significant digits: `0.000225` → `$0.000225`, `15` → `$15`. */
export function formatUsd(value: number): string {
  return `$${amountFormat.format(value)}`;
}

/** Bytes in GiB with one decimal: `5_368_709_120` → `5.0 GiB`. */
export function formatGibibytes(bytes: number): string {
  return `${(bytes / 2 ** 30).toFixed(1)} GiB`;
}
