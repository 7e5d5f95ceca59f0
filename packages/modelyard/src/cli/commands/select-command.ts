import {
  numberOption,
  parseCommandArguments,
  REQUIREMENT_HELP,
  REQUIREMENT_OPTIONS,
  requirementsFromOptions,
} from '../arguments';
import type { Command } from '../context';
import {
  renderExplainedRanking,
  renderFactorDetails,
  renderProviderReports,
  renderRanking,
  renderRejected,
  renderSetupNotes,
} from '../render-models';
import { reportNoProvider, withSession } from '../session';

const HELP = `Usage: modelyard select [requirements] [--explain] [--limit <n>] [--json]

Ranks the models that meet the requirements, best first. With --explain, shows how much each
factor (quality, cost, task fit, performance, hardware…) adds to each score, why the winner won,
and every rejected model with its reasons.

${REQUIREMENT_HELP}

Options:
  --explain            every factor's contribution, and the rejected models with reasons
  --limit <n>          rows to show (default 10)
  -c, --config <file>  config file (default: modelyard.config.* in this folder)
  --json               print the ranking (or the explanation) as JSON
  -h, --help           show this help`;

export const selectCommand: Command = {
  name: 'select',
  summary: 'rank the models for a task; --explain shows every factor and every rejection',
  help: HELP,
  async run(args, io) {
    const { values } = parseCommandArguments(
      'select',
      args,
      { ...REQUIREMENT_OPTIONS, explain: { type: 'boolean' }, limit: { type: 'string' } },
      false,
    );
    const requirements = requirementsFromOptions('select', values);
    const limit = numberOption('select', values, 'limit', { integer: true, min: 1 }) ?? 10;
    return withSession(io, values, async (session) => {
      const { modelyard, setup } = session;
      const notes = renderSetupNotes(setup, io.err);
      if (notes) io.err.line(notes);
      if (reportNoProvider(io, session)) return 1;
      if (values.explain === true) {
        const explanation = await modelyard.explain(requirements);
        if (values.json === true) {
          io.out.line(JSON.stringify(explanation, null, 2));
          return explanation.ranked.length > 0 ? 0 : 1;
        }
        if (explanation.providers.some((report) => report.status === 'failed')) {
          io.out.line(renderProviderReports(explanation.providers, io.out));
          io.out.line();
        }
        io.out.line(io.out.bold(`Ranking for task ${explanation.requirements.task}`));
        io.out.line(
          explanation.ranked.length === 0
            ? 'No model meets the requirements.'
            : renderExplainedRanking(explanation, io.out, limit),
        );
        if (explanation.ranked.length > 0) {
          io.out.line();
          io.out.line(
            io.out.bold(
              `Why #1 (${explanation.ranked[0]?.model.modelId}) scored ${explanation.ranked[0]?.score.toFixed(3)}`,
            ),
          );
          io.out.line(renderFactorDetails(explanation, 1, io.out));
        }
        if (explanation.rejected.length > 0) {
          io.out.line();
          io.out.line(renderRejected(explanation.rejected, io.out, limit));
        }
        return explanation.ranked.length > 0 ? 0 : 1;
      }
      const selection = await modelyard.select(requirements);
      if (values.json === true) {
        io.out.line(JSON.stringify(selection, null, 2));
        return selection.ranked.length > 0 ? 0 : 1;
      }
      for (const report of selection.providers.filter((entry) => entry.status === 'failed')) {
        io.err.line(
          io.err.dim(`${report.providerId} is unavailable and left out: ${report.error?.message ?? 'no answer'}`),
        );
      }
      io.out.line(
        selection.ranked.length === 0 ? 'No model meets the requirements.' : renderRanking(selection, io.out, limit),
      );
      if (selection.rejected.length > 0) {
        io.out.line(io.out.dim(`${selection.rejected.length} rejected (--explain shows why)`));
      }
      return selection.ranked.length > 0 ? 0 : 1;
    });
  },
};
