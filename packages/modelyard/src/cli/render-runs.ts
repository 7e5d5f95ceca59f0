import { ERROR_KINDS, formatModelKey } from '@modelyard/core';
import type { AttemptRecord } from '@modelyard/fallback';
import type { ModelyardStats } from '../modelyard';
import { formatMs, formatPercent, formatUsd } from './format';
import { formatTable } from './table';
import type { Terminal } from './terminal';

function tableStyle(terminal: Terminal) {
  return terminal.isRich ? { isRich: true, maxWidth: terminal.width } : { isRich: false };
}

/** Every attempt of a run: model, outcome, status, duration, first token, whether it was retried. */
export function renderAttempts(attempts: readonly AttemptRecord[], terminal: Terminal): string {
  const rows = attempts.map((attempt) => [
    String(attempt.attempt),
    formatModelKey(attempt.model),
    attempt.outcome === 'ok' ? terminal.green('ok') : terminal.red(attempt.outcome),
    attempt.statusCode === null ? '' : String(attempt.statusCode),
    formatMs(attempt.durationMs),
    formatMs(attempt.timeToFirstTokenMs),
    attempt.retried ? 'retried' : attempt.outcome === 'ok' ? '' : 'moved on',
  ]);
  return formatTable(
    [
      { header: '#', align: 'end' },
      { header: 'MODEL', canShrink: true, minWidth: 20 },
      { header: 'OUTCOME' },
      { header: 'HTTP', align: 'end' },
      { header: 'TIME', align: 'end' },
      { header: 'FIRST TOKEN', align: 'end' },
      { header: 'THEN' },
    ],
    rows,
    tableStyle(terminal),
  );
}

/** The fallbacks of a run in words: `a → b (unavailable)`, one per move; empty when none. */
export function describeFallbacks(attempts: readonly AttemptRecord[]): string[] {
  const moves: string[] = [];
  for (let index = 1; index < attempts.length; index += 1) {
    const previous = attempts[index - 1] as AttemptRecord;
    const current = attempts[index] as AttemptRecord;
    const from = formatModelKey(previous.model);
    const to = formatModelKey(current.model);
    if (from !== to) moves.push(`${from} → ${to} (after ${previous.outcome})`);
  }
  return moves;
}

function errorsSummary(errorsByKind: Record<string, number>): string {
  return ERROR_KINDS.filter((kind) => (errorsByKind[kind] ?? 0) > 0)
    .map((kind) => `${kind} ${errorsByKind[kind]}`)
    .join(', ');
}

/** The monitor's figures per model over one window: calls, success, errors by kind, latency, cost. */
export function renderStats(stats: ModelyardStats, terminal: Terminal): string {
  const rows = stats.models.map(({ modelKey, stats: figures }) => [
    modelKey,
    String(figures.requestCount),
    formatPercent(figures.successRate),
    errorsSummary(figures.errorsByKind) || '—',
    formatMs(figures.latencyMs?.p50),
    formatMs(figures.latencyMs?.p95),
    formatMs(figures.timeToFirstTokenMs?.p50),
    figures.tokensPerSecond === null ? '—' : Math.round(figures.tokensPerSecond.p50).toLocaleString('en-US'),
    figures.successCount === 0 ? '—' : figures.costReportedCount === 0 ? 'unknown' : formatUsd(figures.costUsd),
  ]);
  const overall = stats.summary.overall;
  const table = formatTable(
    [
      { header: 'MODEL', canShrink: true, minWidth: 20 },
      { header: 'CALLS', align: 'end' },
      { header: 'OK', align: 'end' },
      { header: 'ERRORS', canShrink: true, minWidth: 10 },
      { header: 'P50', align: 'end' },
      { header: 'P95', align: 'end' },
      { header: 'TTFT P50', align: 'end' },
      { header: 'TOK/S', align: 'end' },
      { header: 'COST', align: 'end' },
    ],
    rows,
    tableStyle(terminal),
  );
  const total = `${overall.requestCount} attempt${overall.requestCount === 1 ? '' : 's'} in the last ${stats.window}, ${formatPercent(overall.successRate)} ok, cost ${formatUsd(overall.costUsd)}`;
  return `${table}\n${terminal.dim(total)}`;
}
