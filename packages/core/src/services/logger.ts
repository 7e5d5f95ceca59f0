/**
 * Where Modelyard packages (and the SDKs they wrap) write diagnostics. Nothing logs to the console
 * unless you pass a logger that does. Messages never carry secrets.
 */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

const ignore = () => {};

/** A logger that drops everything: the default everywhere. */
export const silentLogger: Logger = Object.freeze({ debug: ignore, info: ignore, warn: ignore, error: ignore });
