import { formatModelKey, type ModelRequirementsInput } from '@modelyard/core';
import { streamAnswer } from '../cli/commands/run-command';
import type { CommandIo } from '../cli/context';
import {
  renderExplainedRanking,
  renderFactorDetails,
  renderProviderReports,
  renderRanking,
  renderRejected,
} from '../cli/render-models';
import { renderStats } from '../cli/render-runs';
import { registryEntry } from '../config/provider-registry';
import { createModelyard } from '../modelyard';
import { startDemoSetup } from './demo-setup';

/** The requirements of the demo's first request: a chat that needs 8k of context and caps the output price. */
export const DEMO_REQUIREMENTS: ModelRequirementsInput = {
  task: 'dialogue_generation',
  minContextLength: 8192,
  maxPricePerMillionTokens: { output: 5 },
};

// Written out rather than imported: the testkit is loaded lazily, only when the demo runs.
const SERVICE_UNAVAILABLE = {
  type: 'status',
  status: 503,
  body: { error: { message: 'Service unavailable' } },
} as const;
const INTERNAL_ERROR = { type: 'status', status: 500, body: { error: { message: 'Internal server error' } } } as const;

function heading(io: Pick<CommandIo, 'out'>, number: number, title: string): void {
  io.out.line();
  io.out.line(io.out.bold(io.out.cyan(`${number}. ${title}`)));
}

function realProviderLines(): string[] {
  const line = (variable: string, example: string, kind: string, what: string) => {
    const setting = `  ${variable}=${example}`.padEnd(58);
    return registryEntry(kind)
      ? `${setting}${what}`
      : `${setting}${what} (read, but this modelyard has no ${kind} provider yet)`;
  };
  return [
    line('OPENROUTER_API_KEY', 'sk-or-v1-…', 'openrouter', 'OpenRouter (https://openrouter.ai/keys)'),
    line('OLLAMA_HOST', 'http://127.0.0.1:11434', 'ollama', 'a running Ollama'),
    line('LMSTUDIO_HOST', 'ws://127.0.0.1:1234', 'lmstudio', 'a running LM Studio'),
    line('MODELYARD_MODELS_DIR', '~/models', 'local', 'a folder of .gguf files, run in-process'),
  ];
}

/**
 * The main job: discovery, ranking with explanations, a fallback, a streamed answer and the
 * measured figures, on stand-ins that need no account and no server (loopback fakes of the
 * remote providers, one of them down, and a generated tiny local model). Writes everything to
 * `io.out`; resolves to the exit code.
 */
export async function runDemo(io: Pick<CommandIo, 'out'>): Promise<number> {
  const { out } = io;
  const setup = await startDemoSetup();
  const modelyard = createModelyard({
    providers: setup.providers,
    // Quick retries so the demo does not sit in backoff; the library's defaults are TTA's (3 retries, 500 ms).
    fallback: { maxRetries: 1, retryDelayMs: 50, timeouts: { totalMs: 30_000 } },
  });
  try {
    out.line(out.bold('Modelyard demo: everything below runs on this machine, with no account and no server.'));
    out.line('The providers are stand-ins:');
    for (const provider of setup.providers)
      out.line(`  ${provider.id.padEnd(14)} ${setup.descriptions.get(provider.id) ?? provider.kind}`);
    out.line(
      out.yellow(
        'The local model has random weights: its text is noise. The fakes answer "<model> heard: <your prompt>".',
      ),
    );

    heading(io, 1, 'Discovery: every provider is asked for its models; a failure is reported, not fatal');
    const discovery = await modelyard.discover();
    out.line(renderProviderReports(discovery.providers, out));

    heading(io, 2, 'Selection for task dialogue_generation, ≥ 8,192 tokens of context, output ≤ $5 per million tokens');
    const before = await modelyard.explain(DEMO_REQUIREMENTS);
    out.line(renderExplainedRanking(before, out, 10));
    out.line(out.dim('Each column is what a factor adds to the score; a row adds up to its score.'));
    const top = before.ranked[0];
    if (top === undefined) throw new Error('the demo expected at least one eligible model');
    out.line();
    out.line(out.bold(`Why #1 (${formatModelKey(top.model)}):`));
    out.line(renderFactorDetails(before, 1, out));
    out.line();
    out.line(renderRejected(before.rejected, out, 10));

    heading(io, 3, `A streamed request, while #1's server fails (a 503, then a dropped connection)`);
    const server = setup.servers.get(top.model.providerId);
    const chatPath = setup.chatPaths.get(top.model.providerId);
    if (server && chatPath) {
      server.injectFault(SERVICE_UNAVAILABLE, { path: chatPath });
      server.injectFault({ type: 'reset' }, { path: chatPath });
    }
    out.line(
      out.dim(
        '$ modelyard run "Tell me about the harbour at dawn" --task dialogue_generation --min-context 8192 --max-output-price 5',
      ),
    );
    const answered = await streamAnswer(
      modelyard,
      { messages: [{ role: 'user', content: 'Tell me about the harbour at dawn' }] },
      DEMO_REQUIREMENTS,
      { out, err: out },
    );

    heading(io, 4, 'The in-process model (llama.cpp on this CPU)');
    out.line(out.yellow('Its weights are random, so the words are noise; the speed and the plumbing are real.'));
    try {
      await streamAnswer(
        modelyard,
        { messages: [{ role: 'user', content: 'Say hello' }], maxOutputTokens: 24 },
        { allowProviders: ['local'] },
        { out, err: out },
      );
    } catch (error) {
      // llama.cpp's binary may be missing on this platform: the rest of the demo does not need it.
      out.line(out.red(`The in-process model could not run here: ${(error as Error).message}`));
    }

    heading(io, 5, 'A few more calls (one more server error among them), then what the monitor measured');
    // The model that just answered leads now (#1 sits out its exclusion window): its server errs once.
    const nextProviderId = answered.model?.providerId ?? top.model.providerId;
    setup.servers.get(nextProviderId)?.injectFault(INTERNAL_ERROR, { path: setup.chatPaths.get(nextProviderId) });
    for (const prompt of ['one', 'two', 'three', 'four']) {
      await modelyard.generate({ messages: [{ role: 'user', content: `Count: ${prompt}` }] }, DEMO_REQUIREMENTS);
    }
    out.line(renderStats(modelyard.stats('5m'), out));

    heading(io, 6, 'Measured performance feeds the next selection');
    const after = await modelyard.select(DEMO_REQUIREMENTS);
    const newRank = after.ranked.findIndex((entry) => formatModelKey(entry.model) === formatModelKey(top.model)) + 1;
    out.line(renderRanking(after, out, 10));
    out.line(
      newRank === 1
        ? `${formatModelKey(top.model)} is still #1: its failures did not outweigh its other factors.`
        : `${formatModelKey(top.model)} was #1 before its failures and is #${newRank} now (the performance factor reads the monitor).`,
    );

    heading(
      io,
      7,
      'Use real providers: one env var each, then `modelyard models`, `modelyard select --task … --explain`, `modelyard run "…"`',
    );
    for (const line of realProviderLines()) out.line(line);
    out.line(out.dim('Or a modelyard.config.json for several servers; see the modelyard package README.'));
    return 0;
  } finally {
    await modelyard.dispose();
    await setup.close();
  }
}
