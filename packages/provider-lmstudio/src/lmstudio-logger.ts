// The SDK logs through a console-like object (`info(...messages)`); Modelyard loggers take one
// message and fields. This adapter is what keeps the SDK quiet by default.
import { stripVTControlCharacters } from 'node:util';
import type { LoggerInterface } from '@lmstudio/sdk';
import type { Logger } from '@modelyard/core';

function describePart(part: unknown): string {
  if (typeof part === 'string') return part;
  if (part instanceof Error) return `${part.name}: ${part.message}`;
  try {
    return JSON.stringify(part) ?? String(part);
  } catch {
    return String(part);
  }
}

/** The SDK's message parts as one line of plain text (its colour codes removed). */
export function describeSdkMessage(parts: readonly unknown[]): string {
  return stripVTControlCharacters(parts.map(describePart).join(' ')).trim();
}

/**
 * A logger for `LMStudioClient`'s `logger` option that forwards every line to `logger`, at the same
 * level, with `{ source: '@lmstudio/sdk' }`. A logger that throws is ignored: logging never breaks
 * a call.
 */
export function toSdkLogger(logger: Logger): LoggerInterface {
  const forward =
    (level: keyof Logger) =>
    (...parts: unknown[]): void => {
      try {
        logger[level](describeSdkMessage(parts), { source: '@lmstudio/sdk' });
      } catch {
        // A broken logger must not turn a log line into a failed call.
      }
    };
  return { debug: forward('debug'), info: forward('info'), warn: forward('warn'), error: forward('error') };
}
