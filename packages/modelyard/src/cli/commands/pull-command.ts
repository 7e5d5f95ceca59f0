import { ModelyardError } from '@modelyard/core';
import { parseCommandArguments, stringOption, UsageError } from '../arguments';
import type { Command } from '../context';
import { createProgressBar } from '../progress-bar';
import { withSession } from '../session';

const HELP = `Usage: modelyard pull <model> [--provider <id>]

Downloads a model on a provider that can (its manifest says supports.pull: Ollama), with a
progress bar. Without --provider, the first such provider in use is taken.

Options:
  --provider <id>      the provider to pull on
  -c, --config <file>  config file (default: modelyard.config.* in this folder)
  -h, --help           show this help`;

export const pullCommand: Command = {
  name: 'pull',
  summary: 'download a model on a provider that can (Ollama), with a progress bar',
  help: HELP,
  async run(args, io) {
    const { values, positionals } = parseCommandArguments(
      'pull',
      args,
      { provider: { type: 'string', short: 'p' } },
      true,
    );
    if (positionals.length !== 1) {
      throw new UsageError(
        'pull',
        `expected one model name, received ${positionals.length === 0 ? 'none' : `${positionals.length}`}`,
      );
    }
    const modelId = positionals[0] as string;
    return withSession(io, values, async ({ modelyard }) => {
      const wanted = stringOption(values, 'provider');
      const pullers = modelyard.providers.filter(
        (provider) => provider.supports.pull && typeof provider.pullModel === 'function',
      );
      const provider =
        wanted === undefined ? pullers[0] : modelyard.providers.find((candidate) => candidate.id === wanted);
      if (provider === undefined) {
        throw new ModelyardError({
          kind: 'not_found',
          message:
            wanted === undefined
              ? 'No provider in use can pull models. Pulling needs Ollama: run it locally or set OLLAMA_HOST.'
              : `No provider "${wanted}" in use (providers: ${modelyard.providers.map((entry) => entry.id).join(', ') || 'none'})`,
        });
      }
      const bar = createProgressBar(io.err);
      io.err.line(`pulling ${modelId} on ${provider.id}`);
      try {
        await modelyard.pull(provider.id, modelId, { onProgress: (progress) => bar.update(progress) });
      } finally {
        bar.finish();
      }
      io.err.line(`${io.err.green('✓')} ${modelId} is on ${provider.id}`);
      return 0;
    });
  },
};
