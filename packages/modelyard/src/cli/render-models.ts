import { formatModelKey, type ModelInfo } from '@modelyard/core';
import type { RankingExplanation, RejectedModel } from '@modelyard/selector';
import type { ProviderSetupReport } from '../config/create-from-config';
import type { ProviderReport } from '../discovery';
import type { Selection } from '../modelyard';
import { formatMs, formatPricePerMillion, formatScore, formatTokens } from './format';
import { formatTable } from './table';
import type { Terminal } from './terminal';

function tableStyle(terminal: Terminal) {
  return terminal.isRich ? { isRich: true, maxWidth: terminal.width } : { isRich: false };
}

/** One line per provider: whether its listing answered, how many models, how long. */
export function renderProviderReports(reports: readonly ProviderReport[], terminal: Terminal): string {
  const rows = reports.map((report) => [
    report.providerId,
    report.kind,
    report.status === 'ok' ? terminal.green('ok') : terminal.red('failed'),
    String(report.modelCount),
    formatMs(report.durationMs),
    report.error ? `${report.error.kind}: ${report.error.message}` : '',
  ]);
  return formatTable(
    [
      { header: 'PROVIDER' },
      { header: 'KIND' },
      { header: 'LISTING' },
      { header: 'MODELS', align: 'end' },
      { header: 'TIME', align: 'end' },
      { header: 'NOTE', canShrink: true, minWidth: 20, overflow: 'wrap' },
    ],
    rows,
    tableStyle(terminal),
  );
}

/**
 * The providers a configuration asked for that are not in use, one line each (empty when none).
 * Probes that found nothing (`absent`) are listed only with `includeAbsent`: nobody asked for them.
 */
export function renderSetupNotes(
  setup: readonly ProviderSetupReport[],
  terminal: Terminal,
  options: { includeAbsent?: boolean } = {},
): string {
  return setup
    .filter((report) => report.status !== 'used' && (options.includeAbsent === true || report.status !== 'absent'))
    .map((report) => terminal.dim(`${report.kind}: ${report.message}`))
    .join('\n');
}

/** The models table: identity, where it runs, context, prices, capabilities. */
export function renderModels(models: readonly ModelInfo[], terminal: Terminal): string {
  const rows = models.map((model) => [
    formatModelKey(model),
    model.locality,
    formatTokens(model.contextLength),
    model.isFree ? 'free' : formatPricePerMillion(model.pricing.inputPerToken),
    model.isFree ? 'free' : formatPricePerMillion(model.pricing.outputPerToken),
    model.capabilities.join(','),
  ]);
  return formatTable(
    [
      { header: 'MODEL', canShrink: true, minWidth: 24 },
      { header: 'WHERE' },
      { header: 'CONTEXT', align: 'end' },
      { header: 'IN $/M', align: 'end' },
      { header: 'OUT $/M', align: 'end' },
      { header: 'CAPABILITIES', canShrink: true, minWidth: 12 },
    ],
    rows,
    tableStyle(terminal),
  );
}

/** The ranking: rank, model, score, where it runs and its prices. */
export function renderRanking(selection: Pick<Selection, 'ranked'>, terminal: Terminal, limit: number): string {
  const rows = selection.ranked
    .slice(0, limit)
    .map((entry) => [
      String(entry.rank),
      formatModelKey(entry.model),
      formatScore(entry.score),
      entry.model.locality,
      entry.model.isFree ? 'free' : formatPricePerMillion(entry.model.pricing.inputPerToken),
      entry.model.isFree ? 'free' : formatPricePerMillion(entry.model.pricing.outputPerToken),
    ]);
  return formatTable(
    [
      { header: '#', align: 'end' },
      { header: 'MODEL', canShrink: true, minWidth: 24 },
      { header: 'SCORE', align: 'end' },
      { header: 'WHERE' },
      { header: 'IN $/M', align: 'end' },
      { header: 'OUT $/M', align: 'end' },
    ],
    rows,
    tableStyle(terminal),
  );
}

/**
 * The ranking with every factor's contribution to each score (one column per factor that applies
 * to some model; `·` where it does not apply to that one). The contributions of a row add up to its
 * score.
 */
export function renderExplainedRanking(explanation: RankingExplanation, terminal: Terminal, limit: number): string {
  const shown = explanation.ranked.slice(0, limit);
  const factors = shown[0]?.factors.map((factor) => factor.factor) ?? [];
  const applying = factors.filter((name) =>
    shown.some((entry) => entry.factors.some((factor) => factor.factor === name && factor.applies)),
  );
  const rows = shown.map((entry) => [
    String(entry.rank),
    formatModelKey(entry.model),
    formatScore(entry.score),
    ...applying.map((name) => {
      const factor = entry.factors.find((candidate) => candidate.factor === name);
      return factor?.applies ? `+${factor.contribution.toFixed(3)}` : '·';
    }),
  ]);
  return formatTable(
    [
      { header: '#', align: 'end' },
      { header: 'MODEL', canShrink: true, minWidth: 20 },
      { header: 'SCORE', align: 'end' },
      ...applying.map((name) => ({ header: name, align: 'end' as const })),
    ],
    rows,
    tableStyle(terminal),
  );
}

/** Every factor of one ranked model: raw value, normalized, weight, share, contribution, and why. */
export function renderFactorDetails(explanation: RankingExplanation, rank: number, terminal: Terminal): string {
  const entry = explanation.ranked.find((candidate) => candidate.rank === rank);
  if (!entry) return '';
  const rows = entry.factors
    .filter((factor) => factor.applies)
    .map((factor) => [
      factor.factor,
      formatScore(factor.normalized),
      String(factor.weight),
      `${(factor.share * 100).toFixed(0)}%`,
      `+${factor.contribution.toFixed(3)}`,
      factor.detail,
    ]);
  return formatTable(
    [
      { header: 'FACTOR' },
      { header: 'VALUE', align: 'end' },
      { header: 'WEIGHT', align: 'end' },
      { header: 'SHARE', align: 'end' },
      { header: 'ADDS', align: 'end' },
      { header: 'BECAUSE', canShrink: true, minWidth: 24, overflow: 'wrap' },
    ],
    rows,
    tableStyle(terminal),
  );
}

/** The models the filters removed, each with every reason. */
export function renderRejected(rejected: readonly RejectedModel[], terminal: Terminal, limit: number): string {
  const rows = rejected
    .slice(0, limit)
    .map((entry) => [formatModelKey(entry.model), entry.reasons.map((reason) => reason.message).join(' ')]);
  const table = formatTable(
    [
      { header: 'REJECTED MODEL', canShrink: true, minWidth: 20 },
      { header: 'WHY', canShrink: true, minWidth: 30, overflow: 'wrap' },
    ],
    rows,
    tableStyle(terminal),
  );
  const more = rejected.length - limit;
  return more > 0 ? `${table}\n${terminal.dim(`… and ${more} more`)}` : table;
}
