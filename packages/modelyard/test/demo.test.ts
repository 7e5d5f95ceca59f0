// The main job end to end: real fakes, the real local provider on a generated model, real
// selection, fallback and monitor. Slow-ish (llama.cpp loads the tiny model): one run, many checks.
import { describe, expect, test } from 'vitest';
import { runCli } from '../src/index';
import { captureStream } from '../src/test-support/fleet';

describe('modelyard demo', () => {
  test('shows discovery, ranking, a fallback, streamed answers, the figures and how to go real', async () => {
    const stdout = captureStream();
    const stderr = captureStream();
    const code = await runCli(['demo'], { stdout, stderr, env: {}, cwd: process.cwd() });
    const out = stdout.text;
    expect(stderr.text).toBe('');
    expect(code).toBe(0);
    expect(out).not.toContain('\u001b');
    expect(out).toContain('its text is noise');
    // 1. discovery: the server that is down is reported, the others listed
    expect(out).toMatch(/offline-box\s+custom\s+failed\s+0/);
    expect(out).toMatch(/openrouter\s+openrouter\s+ok\s+3/);
    expect(out).toMatch(/local\s+local\s+ok\s+1/);
    // 2. ranking with contributions, and the rejections with reasons
    expect(out).toMatch(/#\s+MODEL\s+SCORE\s+quality/);
    expect(out).toContain('Why #1');
    expect(out).toMatch(/openrouter\/anthropic\/claude-sonnet-4\s+The output price/);
    expect(out).toMatch(/local\/tiny-llama\s+.*context/);
    // 3. the fallback, and a streamed answer from the next model
    expect(out).toMatch(/unavailable\s+503/);
    expect(out).toContain('heard: Tell me about the harbour at dawn');
    expect(out).toMatch(/fallbacks?: .* → .* \(after unavailable\)/);
    // 4. the local model answered
    expect(out).toContain('answered by local/tiny-llama');
    // 5. the figures
    expect(out).toMatch(/MODEL\s+CALLS\s+OK\s+ERRORS\s+P50\s+P95\s+TTFT P50\s+TOK\/S\s+COST/);
    // 6–7. the ranking after, and the env vars
    expect(out).toContain('Measured performance feeds the next selection');
    for (const variable of ['OPENROUTER_API_KEY', 'OLLAMA_HOST', 'LMSTUDIO_HOST', 'MODELYARD_MODELS_DIR'])
      expect(out).toContain(variable);
  }, 60_000);
});
