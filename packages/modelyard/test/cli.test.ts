import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HardwareProfile } from '@modelyard/core';
import {
  createMockProvider,
  type OpenAICompatibleFake,
  STATUS_FAULTS,
  startOllamaFake,
  startOpenAICompatibleFake,
} from '@modelyard/testkit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type CliContext, createModelyard, MODELYARD_VERSION, runCli } from '../src/index';
import { captureStream } from '../src/test-support/fleet';

let folder: string;
let cheap: OpenAICompatibleFake;
let dear: OpenAICompatibleFake;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'modelyard-cli-'));
  cheap = await startOpenAICompatibleFake({ models: [{ id: 'small-model' }] });
  dear = await startOpenAICompatibleFake({ models: [{ id: 'big-model' }] });
  const declared = (id: string, price: number) => ({
    id,
    contextLength: 32_768,
    pricing: { inputPerToken: price, outputPerToken: price, perRequest: 0 },
  });
  await writeFile(
    join(folder, 'modelyard.config.json'),
    JSON.stringify({
      providers: {
        local: false,
        ollama: false,
        lmstudio: false,
        custom: [
          { name: 'cheap', baseURL: cheap.baseURL, discover: false, models: [declared('small-model', 0.000_000_1)] },
          { name: 'dear', baseURL: dear.baseURL, discover: false, models: [declared('big-model', 0.000_01)] },
        ],
      },
      hardware: 'none',
      fallback: { maxRetries: 0 },
    }),
  );
  await writeFile(
    join(folder, 'broken.json'),
    JSON.stringify({ providers: { custom: [{ name: 'x', baseURL: 'nope' }] } }),
  );
});
afterAll(async () => {
  await cheap.close();
  await dear.close();
  await rm(folder, { recursive: true, force: true });
});

async function cli(
  args: string[],
  overrides: Partial<CliContext> & { isTTY?: boolean; env?: Record<string, string> } = {},
) {
  const stdout = captureStream({ isTTY: overrides.isTTY ?? false, columns: 160 });
  const stderr = captureStream({ isTTY: overrides.isTTY ?? false, columns: 160 });
  const code = await runCli(args, {
    stdout,
    stderr,
    cwd: folder,
    ...overrides,
    env: { MODELYARD_STATS_FILE: join(folder, 'stats.json'), ...overrides.env },
  });
  return { code, out: stdout.text, err: stderr.text };
}

describe('help and dispatch', () => {
  test('--help lists every command; each command has its own --help', async () => {
    const main = await cli(['--help']);
    expect(main.code).toBe(0);
    for (const name of ['demo', 'hardware', 'models', 'select', 'run', 'pull', 'stats'])
      expect(main.out).toContain(`  ${name}`);
    for (const name of ['hardware', 'models', 'select', 'run', 'pull', 'stats', 'demo']) {
      const help = await cli([name, '--help']);
      expect(help.code).toBe(0);
      expect(help.out).toMatch(new RegExp(`^Usage: modelyard ${name}`));
    }
    expect((await cli(['help', 'run'])).out).toMatch(/^Usage: modelyard run/);
  });

  test('no command, an unknown command, a bad option: exit 2 with a hint', async () => {
    expect((await cli([])).code).toBe(2);
    const unknown = await cli(['serve']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('modelyard: unknown command "serve"');
    const bad = await cli(['models', '--colour']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("modelyard models: Unknown option '--colour'");
    expect(bad.err).toContain('Run `modelyard models --help` for usage.');
  });

  test('--version', async () => {
    expect((await cli(['--version'])).out).toBe(`${MODELYARD_VERSION}\n`);
  });
});

describe('models', () => {
  test('piped: a plain table of providers and models, no ANSI', async () => {
    const { code, out } = await cli(['models']);
    expect(code).toBe(0);
    expect(out).not.toContain('\u001b');
    expect(out).toContain('PROVIDER  KIND    LISTING  MODELS');
    expect(out).toMatch(/cheap\/small-model\s+remote\s+33k\s+\$0\.1\s+\$0\.1\s+chat,streaming/);
    expect(out).toMatch(/dear\/big-model\s+remote\s+33k\s+\$10\s+\$10/);
    expect(out).toContain('2 of 2 models');
  });

  test('on a terminal: colours, unless NO_COLOR', async () => {
    expect((await cli(['models'], { isTTY: true })).out).toContain('\u001b[1m');
    expect((await cli(['models'], { isTTY: true, env: { NO_COLOR: '1' } })).out).not.toContain('\u001b');
  });

  test('filters and --json', async () => {
    const { out } = await cli(['models', '--provider', 'dear', '--json']);
    const parsed = JSON.parse(out);
    expect(parsed.models.map((model: { modelId: string }) => model.modelId)).toEqual(['big-model']);
    expect(parsed.providers.map((report: { status: string }) => report.status)).toEqual(['ok', 'ok']);
    expect((await cli(['models', '--search', 'SMALL'])).out).toContain('1 of 2 models');
    expect((await cli(['models', '--local'])).out).toContain('No model matches.');
    expect((await cli(['models', '--free'])).out).toContain('0 of 2 models');
    expect((await cli(['models', '--local', '--remote'])).code).toBe(2);
  });

  test('a bad config file: exit 2 naming the file and the field', async () => {
    const { code, err } = await cli(['models', '--config', 'broken.json']);
    expect(code).toBe(2);
    expect(err).toContain('broken.json');
    expect(err).toContain('providers.custom[0].baseURL: expected an http(s) URL');
  });

  test('nothing configured: says how to configure', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'modelyard-empty-'));
    await writeFile(
      join(empty, 'modelyard.config.json'),
      JSON.stringify({ providers: { local: false, ollama: false, lmstudio: false } }),
    );
    const { code, err } = await cli(['models'], { cwd: empty });
    const select = await cli(['select'], { cwd: empty });
    const run = await cli(['run', 'hello'], { cwd: empty });
    await rm(empty, { recursive: true });
    expect(code).toBe(1);
    expect(err).toContain(
      'No provider is configured. Set OPENROUTER_API_KEY, OLLAMA_HOST, LMSTUDIO_HOST or MODELYARD_MODELS_DIR',
    );
    expect([select.code, run.code]).toEqual([1, 1]);
    expect(select.err).toContain('No provider is configured.');
    expect(run.err).toContain('No provider is configured.');
  });
});

describe('select', () => {
  test('ranks, cheapest first', async () => {
    const { code, out } = await cli(['select', '--task', 'dialogue_generation']);
    expect(code).toBe(0);
    const lines = out.split('\n');
    expect(lines[0]).toMatch(/^#\s+MODEL\s+SCORE\s+WHERE\s+IN \$\/M\s+OUT \$\/M$/);
    expect(lines[2]).toMatch(/^1\s+cheap\/small-model\s+0\.\d{3}\s+remote/);
    expect(lines[3]).toMatch(/^2\s+dear\/big-model/);
  });

  test('--explain: each factor’s contribution, why #1 won, rejected models with reasons', async () => {
    const { code, out } = await cli(['select', '--explain', '--max-output-price', '1']);
    expect(code).toBe(0);
    expect(out).toContain('Ranking for task general_chat');
    expect(out).toMatch(/#\s+MODEL\s+SCORE\s+quality\s+performance\s+cost\s+taskFit/);
    expect(out).toMatch(/1\s+cheap\/small-model\s+0\.\d{3}\s+\+0\.\d{3}/);
    expect(out).toContain('Why #1 (small-model) scored');
    expect(out).toMatch(/FACTOR\s+VALUE\s+WEIGHT\s+SHARE\s+ADDS\s+BECAUSE/);
    expect(out).toContain('REJECTED MODEL');
    expect(out).toMatch(/dear\/big-model\s+.*\$10.*\$1/);
  });

  test('--json, and no eligible model', async () => {
    const json = JSON.parse((await cli(['select', '--json'])).out);
    expect(json.ranked.map((entry: { model: { modelId: string } }) => entry.model.modelId)).toEqual([
      'small-model',
      'big-model',
    ]);
    const explained = JSON.parse((await cli(['select', '--explain', '--json', '--local'])).out);
    expect(explained.ranked).toEqual([]);
    const none = await cli(['select', '--local']);
    expect(none.code).toBe(1);
    expect(none.out).toContain('No model meets the requirements.');
    expect(none.out).toContain('2 rejected (--explain shows why)');
    const noneExplained = await cli(['select', '--local', '--explain']);
    expect(noneExplained.out).toContain('The model runs remotely; the request wants local models only.');
  });

  test('a bad requirement names the flag', async () => {
    const { code, err } = await cli(['select', '--min-context', 'lots']);
    expect(code).toBe(2);
    expect(err).toContain('--min-context: expected an integer ≥ 0, received "lots"');
    const field = await cli(['select', '--capability', 'telepathy']);
    expect(field.code).toBe(2);
    expect(field.err).toContain('Invalid requirements:\n  - --capability (requiredCapabilities[0]): expected one of');
    const both = await cli(['select', '--provider', 'cheap', '--exclude-provider', 'cheap', '--task', '']);
    expect(both.err).toContain('--provider (allowProviders[0]): expected a provider not also in denyProviders');
    expect(both.err).toContain('--task (task): expected a string of ≥ 1 characters');
  });
});

describe('run and stats', () => {
  test('streams the answer to stdout, the summary to stderr, and keeps the figures', async () => {
    const { code, out, err } = await cli([
      'run',
      'hello world',
      '--max-tokens',
      '50',
      '--temperature',
      '0',
      '--system',
      'be brief',
    ]);
    expect(code).toBe(0);
    expect(out).toBe('small-model heard: hello world\n');
    expect(err).toMatch(/✓ answered by cheap\/small-model \(#1 in the ranking\): .* total, first token .*, cost \$/);
    expect(err).toMatch(/#\s+MODEL\s+OUTCOME\s+HTTP\s+TIME\s+FIRST TOKEN\s+THEN/);
    expect(err).toContain('no fallback needed');
    const stats = await cli(['stats']);
    expect(stats.out).toMatch(/cheap\/small-model\s+1\s+100%\s+—/);
    expect(stats.out).toContain('attempt');
  });

  test('a failing first model: the fallback is shown', async () => {
    cheap.injectFault(STATUS_FAULTS.serviceUnavailable, { path: '/v1/chat/completions' });
    const { code, out, err } = await cli(['run', 'again']);
    expect(code).toBe(0);
    expect(out).toBe('big-model heard: again\n');
    expect(err).toContain('answered by dear/big-model (#2 in the ranking)');
    expect(err).toMatch(/1\s+cheap\/small-model\s+unavailable\s+503/);
    expect(err).toContain('fallback: cheap/small-model → dear/big-model (after unavailable)');
  });

  test('--json prints the result; every attempt failing exits 1 with the attempts', async () => {
    const json = JSON.parse((await cli(['run', 'as json', '--json'])).out);
    expect(json.text).toBe('small-model heard: as json');
    expect(json.attempts).toHaveLength(1);
    cheap.injectFault(STATUS_FAULTS.internalError, { path: '/v1/chat/completions' });
    dear.injectFault(STATUS_FAULTS.internalError, { path: '/v1/chat/completions' });
    const failed = await cli(['run', 'nobody answers']);
    expect(failed.code).toBe(1);
    expect(failed.err).toContain('unavailable: Every candidate failed (2 attempts');
    expect(failed.err).toMatch(/2\s+dear\/big-model\s+unavailable\s+500/);
  });

  test('no eligible model exits 1 with the rejections; a missing prompt is a usage error', async () => {
    const none = await cli(['run', 'x', '--local']);
    expect(none.code).toBe(1);
    expect(none.err).toContain('No model meets the requirements (2 models rejected; reasons: locality_mismatch ×2)');
    expect(none.err).toContain('REJECTED MODEL');
    expect((await cli(['run'])).err).toContain('modelyard run: expected one prompt in quotes, received none');
    expect((await cli(['run', 'a', 'b'])).code).toBe(2);
  });

  test('stats: --json, an unknown window, no figures yet, an unreadable file', async () => {
    const json = JSON.parse((await cli(['stats', '--json', '--window', '1h'])).out);
    expect(json.window).toBe('1h');
    expect(json.models.length).toBeGreaterThan(0);
    const window = await cli(['stats', '--window', '2h']);
    expect(window.code).toBe(2);
    expect(window.err).toContain('--window: expected one of 1m, 5m, 1h, 24h, received "2h"');
    expect((await cli(['stats'], { env: { MODELYARD_STATS_FILE: join(folder, 'none.json') } })).out).toContain(
      'No call recorded yet',
    );
    await writeFile(join(folder, 'garbage.json'), '{');
    const garbage = await cli(['stats'], { env: { MODELYARD_STATS_FILE: join(folder, 'garbage.json') } });
    expect(garbage.err).toContain('ignored the saved figures');
  });
});

describe('hardware and pull', () => {
  const profile: HardwareProfile = {
    os: { platform: 'linux', release: '6.1', arch: 'x64' },
    cpu: { model: 'Test CPU', physicalCores: 8, logicalCores: 16, speedGHz: 3.2, flags: ['sse4_2', 'avx2', 'aes'] },
    memory: { totalBytes: 32e9, availableBytes: 16e9 },
    gpus: [{ vendor: 'nvidia', model: 'RTX', vramTotalBytes: 12e9, vramFreeBytes: 11e9, hasUnifiedMemory: false }],
    detectedAt: 0,
  };

  test('hardware: pairs and a GPU table; --json', async () => {
    const { out } = await cli(['hardware'], { detectHardware: async () => profile });
    expect(out.split('\n').slice(0, 5)).toEqual([
      'OS      linux 6.1 (x64)',
      'CPU     Test CPU, 16 logical cores (8 physical), 3.2 GHz',
      'SIMD    sse4_2, avx2',
      'Memory  32.0 GB total, 16.0 GB available',
      'GPUs    1',
    ]);
    expect(out).toMatch(/nvidia\s+RTX\s+12\.0 GB\s+11\.0 GB\s+no/);
    expect(JSON.parse((await cli(['hardware', '--json'], { detectHardware: async () => profile })).out)).toEqual(
      profile,
    );
    const bare = await cli(['hardware'], {
      detectHardware: async () => ({
        ...profile,
        os: { ...profile.os, release: null },
        cpu: { ...profile.cpu, model: null, physicalCores: null, logicalCores: 1, speedGHz: null, flags: [] },
        gpus: [],
      }),
    });
    expect(bare.out).toContain('unknown model, 1 logical core, speed unknown');
    expect(bare.out).toContain('none found (local models run on the CPU)');
  });

  test('pull and models through the real Ollama provider, found by OLLAMA_HOST', async () => {
    const ollama = await startOllamaFake({ models: [{ name: 'chat-model' }], pullable: [{ name: 'pullable-model' }] });
    try {
      await writeFile(
        join(folder, 'ollama-only.json'),
        JSON.stringify({ providers: { local: false, lmstudio: false }, hardware: 'none' }),
      );
      const env = { OLLAMA_HOST: ollama.host };
      const pulled = await cli(['pull', 'pullable-model', '--config', 'ollama-only.json'], { env });
      expect(pulled.code).toBe(0);
      expect(pulled.err).toContain('pulling pullable-model on ollama');
      expect(pulled.err).toContain('✓ pullable-model is on ollama');
      const listed = await cli(['models', '--json', '--config', 'ollama-only.json'], { env });
      expect(listed.code).toBe(0);
      const ids = (JSON.parse(listed.out) as { models: { modelId: string }[] }).models
        .map((model) => model.modelId)
        .sort();
      expect(ids).toEqual(['chat-model', 'pullable-model']);
    } finally {
      await ollama.close();
    }
  });

  test('pull: a progress bar on stderr; refused when no provider can pull', async () => {
    const withPuller: CliContext['createFromConfig'] = async () => ({
      modelyard: createModelyard({
        providers: [
          createMockProvider({ id: 'cloud' }),
          createMockProvider({ id: 'ollama', kind: 'ollama', supports: { pull: true } }),
        ],
        hardware: null,
      }),
      setup: [],
      configPath: null,
    });
    const pulled = await cli(['pull', 'llama3.2:1b'], { createFromConfig: withPuller });
    expect(pulled.code).toBe(0);
    expect(pulled.err).toContain('pulling llama3.2:1b on ollama');
    expect(pulled.err).toContain('downloading mock [##############################] 100% 1 B/1 B');
    expect(pulled.err).toContain('✓ llama3.2:1b is on ollama');
    const refused = await cli(['pull', 'x', '--provider', 'cloud'], { createFromConfig: withPuller });
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('bad_request: Provider "cloud" (mock) cannot pull models');
    const none = await cli(['pull', 'x']);
    expect(none.err).toContain('No provider in use can pull models. Pulling needs Ollama');
    const unknown = await cli(['pull', 'x', '--provider', 'nope']);
    expect(unknown.err).toContain('No provider "nope" in use (providers: cheap, dear)');
    expect((await cli(['pull'])).code).toBe(2);
  });
});
