import { ConfigError } from '@modelyard/core';
import { parseCommandArguments, stringOption, UsageError } from '../arguments';
import type { Command } from '../context';
import { renderStats } from '../render-runs';
import { loadStatsMonitor, statsFilePath } from '../stats-file';

const HELP = `Usage: modelyard stats [--window <name>] [--json]

Shows what \`modelyard run\` measured: per model, the attempts, the success rate, the errors by kind,
p50/p95 latency, time to first token, tokens per second and the cost, over a sliding window.
Figures live in MODELYARD_STATS_FILE (default ~/.cache/modelyard/stats.json).

Options:
  --window <name>   1m, 5m, 1h or 24h (default 24h)
  --json            print the figures as JSON
  -h, --help        show this help`;

export const statsCommand: Command = {
  name: 'stats',
  summary: 'show the measured figures per model (latency, errors, tokens/s, cost)',
  help: HELP,
  async run(args, io) {
    const { values } = parseCommandArguments('stats', args, { window: { type: 'string', short: 'w' } }, false);
    const window = stringOption(values, 'window') ?? '24h';
    const path = statsFilePath(io.context.env);
    const { monitor, warning } = await loadStatsMonitor(path);
    if (warning) io.err.line(io.err.dim(warning));
    let stats: {
      window: string;
      summary: ReturnType<typeof monitor.summary>;
      models: ReturnType<typeof monitor.listModelStats>;
    };
    try {
      stats = { window, summary: monitor.summary(window), models: monitor.listModelStats(window) };
    } catch (error) {
      if (!ConfigError.isInstance(error)) throw error;
      throw new UsageError(
        'stats',
        `--window: expected one of ${monitor.windows.map((entry) => entry.name).join(', ')}, received ${JSON.stringify(window)}`,
      );
    }
    if (values.json === true) {
      io.out.line(JSON.stringify(stats, null, 2));
      return 0;
    }
    if (stats.models.length === 0) {
      io.out.line(`No call recorded yet (figures file: ${path}). Run \`modelyard run "…"\` first.`);
      return 0;
    }
    io.out.line(renderStats(stats, io.out));
    return 0;
  },
};
