import type { Logger } from '@modelyard/core';
import { describe, expect, test } from 'vitest';
import { describeSdkMessage, toSdkLogger } from './lmstudio-logger';

function recordingLogger() {
  const lines: [string, string, Record<string, unknown> | undefined][] = [];
  const logger: Logger = {
    debug: (message, fields) => lines.push(['debug', message, fields]),
    info: (message, fields) => lines.push(['info', message, fields]),
    warn: (message, fields) => lines.push(['warn', message, fields]),
    error: (message, fields) => lines.push(['error', message, fields]),
  };
  return { logger, lines };
}

describe('describeSdkMessage', () => {
  test('joins the parts, without colour codes; errors by name and message; objects as JSON', () => {
    const red = '\u001b[91m';
    const reset = '\u001b[39m';
    expect(describeSdkMessage([`${red}[LMStudioClient]${reset}`, 'WebSocket error:', new TypeError('boom')])).toBe(
      '[LMStudioClient] WebSocket error: TypeError: boom',
    );
    expect(describeSdkMessage(['message', { type: 'x' }, 3, undefined])).toBe('message {"type":"x"} 3 undefined');
  });

  test('a value JSON cannot write is shown with String()', () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(describeSdkMessage([circular, 10n])).toBe('[object Object] 10');
  });
});

describe('toSdkLogger', () => {
  test('forwards each level with the SDK as source', () => {
    const { logger, lines } = recordingLogger();
    const sdkLogger = toSdkLogger(logger);
    sdkLogger.debug('a');
    sdkLogger.info('b', 1);
    sdkLogger.warn('c');
    sdkLogger.error('d');
    expect(lines).toEqual([
      ['debug', 'a', { source: '@lmstudio/sdk' }],
      ['info', 'b 1', { source: '@lmstudio/sdk' }],
      ['warn', 'c', { source: '@lmstudio/sdk' }],
      ['error', 'd', { source: '@lmstudio/sdk' }],
    ]);
  });

  test('a logger that throws does not break the caller', () => {
    const broken: Logger = {
      debug: () => {
        throw new Error('disk full');
      },
      info: () => undefined,
      warn: () => undefined,
      error: () => undefined,
    };
    expect(() => toSdkLogger(broken).debug('x')).not.toThrow();
  });
});
