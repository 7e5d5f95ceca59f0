import { ConfigError, describeReceived } from '../errors/config-error';
import type { Clock } from './clock';
import { systemClock } from './clock';

/** Options of {@link StateStore.set}. */
export interface StateSetOptions {
  /** Time to live in milliseconds; absent means "until deleted". `0` expires at once. */
  ttlMs?: number;
}

/**
 * A key/value store with expiry, where services keep state that several instances may share
 * (breaker states, cached listings). Keys are any strings (model keys contain `/` and `:`);
 * values are JSON-serializable. Asynchronous so a Redis-backed store fits the same interface.
 */
export interface StateStore {
  get<Value>(key: string): Promise<Value | undefined>;
  set<Value>(key: string, value: Value, options?: StateSetOptions): Promise<void>;
  delete(key: string): Promise<void>;
  /** Keys starting with `prefix` that have not expired. */
  keys(prefix?: string): Promise<string[]>;
}

/** Options of {@link MemoryStateStore}. */
export interface MemoryStateStoreOptions {
  /** Clock for expiry; default the system clock. */
  clock?: Clock;
  /** Store values as given (default) or as JSON copies, so tests catch non-serializable values. */
  copyValues?: boolean;
}

/**
 * The in-memory {@link StateStore}: a Map with lazy expiry (no timers, nothing keeps the process
 * alive). The default store of every service.
 */
export class MemoryStateStore implements StateStore {
  readonly #entries = new Map<string, { value: unknown; expiresAt: number }>();
  readonly #clock: Clock;
  readonly #copyValues: boolean;

  constructor(options: MemoryStateStoreOptions = {}) {
    this.#clock = options.clock ?? systemClock;
    this.#copyValues = options.copyValues ?? false;
  }

  async get<Value>(key: string): Promise<Value | undefined> {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.#clock.now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return (this.#copyValues ? JSON.parse(JSON.stringify(entry.value)) : entry.value) as Value;
  }

  async set<Value>(key: string, value: Value, options: StateSetOptions = {}): Promise<void> {
    const { ttlMs } = options;
    if (ttlMs !== undefined && !(ttlMs >= 0)) {
      throw new ConfigError('state store options', [
        { path: 'ttlMs', expected: 'a number ≥ 0', received: describeReceived(ttlMs) },
      ]);
    }
    const stored = this.#copyValues ? JSON.parse(JSON.stringify(value)) : value;
    this.#entries.set(key, { value: stored, expiresAt: ttlMs === undefined ? Infinity : this.#clock.now() + ttlMs });
  }

  async delete(key: string): Promise<void> {
    this.#entries.delete(key);
  }

  async keys(prefix = ''): Promise<string[]> {
    const now = this.#clock.now();
    const result: string[] = [];
    for (const [key, entry] of this.#entries) {
      if (entry.expiresAt <= now) this.#entries.delete(key);
      else if (key.startsWith(prefix)) result.push(key);
    }
    return result;
  }
}
