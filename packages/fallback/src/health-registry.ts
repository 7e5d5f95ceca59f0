import type { Clock, Logger, StateStore } from '@modelyard/core';
import {
  admissionOf,
  type BreakerOutcome,
  type BreakerPolicy,
  type BreakerState,
  effectiveState,
  freshRecord,
  type HealthRecord,
  withOutcome,
  withProbe,
} from './circuit-breaker';
import type { BreakerChangeEvent } from './fallback-events';

/** Which breaker: one model's (by model key) or one provider's (by provider id). */
export interface BreakerTarget {
  scope: 'model' | 'provider';
  key: string;
}

/** Probes an admitted attempt holds, by scope: the probe's start time, or `null`. */
export interface HeldProbes {
  model: number | null;
  provider: number | null;
}

/** What to change about a model's exclusion window after an attempt. */
export type ExclusionChange = { until: number } | 'clear' | 'keep';

/** Breaker and exclusion state of models and providers, kept in a {@link StateStore}. */
export interface HealthRegistry {
  /** The stored record (a fresh one when there is none or the store fails). */
  read(target: BreakerTarget): Promise<HealthRecord>;
  /** The state of a breaker now. */
  state(target: BreakerTarget): Promise<BreakerState>;
  /**
   * Lets an attempt through both breakers of a model, or not. Takes probe slots of half-open
   * breakers. Returns `null` when either breaker rejects.
   */
  admit(model: BreakerTarget, provider: BreakerTarget): Promise<HeldProbes | null>;
  /**
   * Records an attempt's outcome on both breakers and updates the model's exclusion window.
   * Resolves to whether both breakers would still let a call through (neither is open).
   */
  record(
    model: BreakerTarget,
    provider: BreakerTarget,
    outcome: BreakerOutcome,
    exclusion: ExclusionChange,
    probes: HeldProbes,
  ): Promise<boolean>;
}

interface HealthRegistryOptions {
  store: StateStore;
  clock: Clock;
  policy: BreakerPolicy;
  keyPrefix: string;
  logger: Logger;
  onChange: (event: BreakerChangeEvent) => void;
}

const ignore = () => {};

/** A {@link HealthRegistry} over a state store. A failing store never fails a run: it is logged and ignored. */
export function createHealthRegistry(options: HealthRegistryOptions): HealthRegistry {
  const { store, clock, policy, keyPrefix, logger, onChange } = options;
  const storeKey = (target: BreakerTarget) => `${keyPrefix}${target.scope}/${target.key}`;
  // Read-modify-write of one key is serialised inside this runner, so concurrent runs neither
  // lose counts nor take more probes than allowed. (Runners sharing a remote store can still race.)
  const tails = new Map<string, Promise<void>>();
  function exclusive<Result>(target: BreakerTarget, work: () => Promise<Result>): Promise<Result> {
    const key = storeKey(target);
    const previous = tails.get(key);
    const result = previous === undefined ? work() : previous.then(work);
    // One settled promise per key stays: as many as the store has records.
    tails.set(key, result.then(ignore, ignore));
    return result;
  }

  async function read(target: BreakerTarget): Promise<HealthRecord> {
    try {
      return (await store.get<HealthRecord>(storeKey(target))) ?? freshRecord();
    } catch (error) {
      logger.warn('fallback: the state store failed to read; using a fresh breaker', { key: storeKey(target), error });
      return freshRecord();
    }
  }

  async function write(target: BreakerTarget, before: HealthRecord, after: HealthRecord, now: number): Promise<void> {
    try {
      await store.set(storeKey(target), after);
    } catch (error) {
      logger.warn('fallback: the state store failed to write', { key: storeKey(target), error });
    }
    // Stored states change only by real transitions: an open breaker past its cooldown is reported
    // half-open when a probe goes through, not when someone merely looks at it.
    if (before.state !== after.state) {
      onChange({ scope: target.scope, key: target.key, from: before.state, to: after.state, at: now });
    }
  }

  async function takeProbe(target: BreakerTarget, record: HealthRecord, now: number): Promise<number> {
    await write(target, record, withProbe(record, now, policy), now);
    return now;
  }

  return {
    read,
    async state(target) {
      return effectiveState(await read(target), clock.now(), policy);
    },
    admit(model, provider) {
      if (!policy.enabled) return Promise.resolve({ model: null, provider: null });
      return exclusive(model, () =>
        exclusive(provider, async () => {
          const [modelRecord, providerRecord] = [await read(model), await read(provider)];
          const now = clock.now();
          const modelAdmission = admissionOf(modelRecord, now, policy);
          const providerAdmission = admissionOf(providerRecord, now, policy);
          if (modelAdmission === 'reject' || providerAdmission === 'reject') return null;
          return {
            model: modelAdmission === 'probe' ? await takeProbe(model, modelRecord, now) : null,
            provider: providerAdmission === 'probe' ? await takeProbe(provider, providerRecord, now) : null,
          };
        }),
      );
    },
    async record(model, provider, outcome, exclusion, probes) {
      const now = clock.now();
      const updated = await exclusive(model, async () => {
        const before = await read(model);
        const after = withOutcome(before, outcome, now, policy, probes.model);
        const excludedUntil =
          exclusion === 'keep'
            ? after.excludedUntil
            : exclusion === 'clear'
              ? null
              : Math.max(after.excludedUntil ?? exclusion.until, exclusion.until);
        await write(model, before, { ...after, excludedUntil }, now);
        return after;
      });
      const isModelAdmissible = admissionOf(updated, now, policy) !== 'reject';
      // A neutral outcome changes nothing on the provider unless it releases a probe there.
      if (outcome === 'neutral' && probes.provider === null) return isModelAdmissible;
      const providerUpdated = await exclusive(provider, async () => {
        const before = await read(provider);
        const after = withOutcome(before, outcome, now, policy, probes.provider);
        await write(provider, before, after, now);
        return after;
      });
      return isModelAdmissible && admissionOf(providerUpdated, now, policy) !== 'reject';
    },
  };
}
