import type { ModelInfo } from '@modelyard/core';
import { listOption, parseCommandArguments, stringOption, UsageError } from '../arguments';
import type { Command } from '../context';
import { renderModels, renderProviderReports, renderSetupNotes } from '../render-models';
import { reportNoProvider, withSession } from '../session';

const HELP = `Usage: modelyard models [filters] [--json]

Lists the models of every provider in use, and how each provider's listing went. A provider that
fails is reported and left out; the others are still listed.

Filters:
  --provider <id>     only this provider (repeatable)
  --local | --remote  only local / only remote models
  --free              only models the provider reports free
  --search <text>     only models whose id or name contains the text (case-insensitive)

Options:
  -c, --config <file> config file (default: modelyard.config.* in this folder)
  --json              print { providers, models } as JSON
  -h, --help          show this help`;

/** The models that pass the `models` command's filters, in listing order. */
export function filterListedModels(
  models: readonly ModelInfo[],
  filters: { providers: readonly string[]; locality?: 'local' | 'remote'; isFreeOnly: boolean; search?: string },
): ModelInfo[] {
  const search = filters.search?.toLowerCase();
  return models.filter(
    (model) =>
      (filters.providers.length === 0 || filters.providers.includes(model.providerId)) &&
      (filters.locality === undefined || model.locality === filters.locality) &&
      (!filters.isFreeOnly || model.isFree) &&
      (search === undefined ||
        model.modelId.toLowerCase().includes(search) ||
        (model.displayName ?? '').toLowerCase().includes(search)),
  );
}

export const modelsCommand: Command = {
  name: 'models',
  summary: 'list the models of every provider (table, filters, --json)',
  help: HELP,
  async run(args, io) {
    const { values } = parseCommandArguments(
      'models',
      args,
      {
        provider: { type: 'string', multiple: true },
        local: { type: 'boolean' },
        remote: { type: 'boolean' },
        free: { type: 'boolean' },
        search: { type: 'string' },
      },
      false,
    );
    if (values.local === true && values.remote === true) {
      throw new UsageError('models', '--local and --remote: expected at most one of them');
    }
    const search = stringOption(values, 'search');
    const filters = {
      providers: listOption(values, 'provider'),
      ...(values.local === true
        ? { locality: 'local' as const }
        : values.remote === true
          ? { locality: 'remote' as const }
          : {}),
      isFreeOnly: values.free === true,
      ...(search === undefined ? {} : { search }),
    };
    return withSession(io, values, async (session) => {
      const { modelyard, setup } = session;
      const report = await modelyard.discover();
      const models = filterListedModels(report.models, filters);
      if (values.json === true) {
        io.out.line(JSON.stringify({ providers: report.providers, setup, models }, null, 2));
        return 0;
      }
      const notes = renderSetupNotes(setup, io.err, { includeAbsent: true });
      if (notes) io.err.line(notes);
      if (reportNoProvider(io, session)) return 1;
      io.out.line(renderProviderReports(report.providers, io.out));
      io.out.line();
      io.out.line(models.length === 0 ? 'No model matches.' : renderModels(models, io.out));
      io.out.line(io.out.dim(`${models.length} of ${report.models.length} models`));
      return 0;
    });
  },
};
