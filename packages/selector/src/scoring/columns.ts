// The layout of the per-candidate value buffer, shared by gathering, scoring and explaining.

/** Columns of the per-candidate value buffer (`Candidates.values`); `NaN` = unknown or not applicable. */
export const COLUMN = {
  /** Cost per request on the cost scale (see `costScale`). */
  cost: 0,
  latencyMs: 1,
  timeToFirstTokenMs: 2,
  tokensPerSecond: 3,
  successRate: 4,
  /** Raw task fit (sum of matched affinities). */
  taskFit: 5,
  /** The hardware factor, already normalized (it needs no set). */
  hardware: 6,
  /** 0–10. */
  quality: 7,
  safety: 8,
  /** 1 local, 0 remote. */
  isLocal: 9,
  /** 1 when reported free. */
  isFree: 10,
  /** The score, once computed. */
  score: 11,
  /** Index of the model in the prepared list. */
  listIndex: 12,
} as const;

/** Values per candidate in the buffer. */
export const COLUMN_COUNT = 13;
