import { formatModelKey, type ModelIdentity, pricePerMillionTokens } from '@modelyard/core';

/** `1234.5` → `1,235 ms`; `0.42` → `0.42 ms`; `null` → `—`. */
export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 100) return `${Math.round(ms).toLocaleString('en-US')} ms`;
  if (ms >= 1) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(2)} ms`;
}

/** USD with enough digits for tiny amounts: `0` → `$0`, `0.000123` → `$0.000123`, `null` → `unknown`. */
export function formatUsd(usd: number | null | undefined): string {
  if (usd === null || usd === undefined || !Number.isFinite(usd)) return 'unknown';
  if (usd === 0) return '$0';
  if (usd >= 1) return `$${usd.toFixed(2)}`;
  return `$${Number(usd.toPrecision(3))}`;
}

/** A per-token price as USD per million tokens: `3e-6` → `$3`, `0` → `free`, `null` → `?`. */
export function formatPricePerMillion(pricePerToken: number | null): string {
  const perMillion = pricePerMillionTokens(pricePerToken);
  if (perMillion === null) return '?';
  if (perMillion === 0) return 'free';
  return `$${Number(perMillion.toPrecision(3))}`;
}

const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

/** Bytes in decimal units: `1_500_000` → `1.5 MB`; `null` → `—`. */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return '—';
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < BYTE_UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(value >= 100 ? 0 : 1)} ${BYTE_UNITS[unit]}`;
}

/** Tokens: `131072` → `131k`, `4096` → `4.1k`, `512` → `512`, `null` → `?`. */
export function formatTokens(tokens: number | null | undefined): string {
  if (tokens === null || tokens === undefined) return '?';
  if (tokens >= 1_000_000) return `${Number((tokens / 1_000_000).toPrecision(3))}M`;
  if (tokens >= 1000) return `${Number((tokens / 1000).toPrecision(tokens >= 100_000 ? 3 : 2))}k`;
  return String(tokens);
}

/** A 0–1 number with 3 decimals, `null` → `—`. */
export function formatScore(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : value.toFixed(3);
}

/** A 0–1 rate as a percentage: `0.875` → `87.5%`. */
export function formatPercent(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) return '—';
  return `${Number((rate * 100).toFixed(1))}%`;
}

/** `provider/model`. */
export function formatModel(identity: ModelIdentity): string {
  return formatModelKey(identity);
}
