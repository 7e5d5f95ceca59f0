import { inspect } from 'node:util';
import { type ErrorKind, type ModelProvider, ModelyardError } from '@modelyard/core';
import type { ProviderContractOptions } from './contract-options';

/** A rule of the contract suite was broken. The message says which and how. */
export class ContractViolation extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ContractViolation';
  }
}

/** Throws a {@link ContractViolation} unless `condition` holds. */
export function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new ContractViolation(message);
}

/** A short, safe description of a value for violation messages. */
export function describeValue(value: unknown): string {
  return inspect(value, { depth: 3, breakLength: Number.POSITIVE_INFINITY, maxStringLength: 200 });
}

/** Awaits `action` and returns what it rejected with; a violation if it resolved. */
export async function rejectionOf(action: () => Promise<unknown>, what: string): Promise<unknown> {
  try {
    const value = await action();
    throw new ContractViolation(`${what} resolved (${describeValue(value)}), expected it to reject`);
  } catch (error) {
    if (error instanceof ContractViolation) throw error;
    return error;
  }
}

/** Runs `action`; any rejection becomes a violation that says what was being done. */
export async function mustResolve<T>(action: () => Promise<T>, what: string): Promise<T> {
  try {
    return await action();
  } catch (error) {
    throw new ContractViolation(`${what} rejected: ${error instanceof Error ? error.message : describeValue(error)}`);
  }
}

/** Checks that `error` is a ModelyardError of one of `kinds` (and optionally more), and returns it. */
export function expectModelyardError(error: unknown, kinds: readonly ErrorKind[], what: string): ModelyardError {
  check(ModelyardError.isInstance(error), `${what} rejected with ${describeValue(error)}, expected a ModelyardError`);
  check(
    kinds.includes(error.kind),
    `${what} rejected with kind "${error.kind}" (${error.message}), expected ${kinds.map((kind) => `"${kind}"`).join(' or ')}`,
  );
  return error;
}

/** Creates a provider, runs `body`, and disposes the provider whatever happens. */
export async function withProvider<T>(
  options: Pick<ProviderContractOptions, 'createProvider' | 'transport'>,
  body: (provider: ModelProvider) => Promise<T>,
): Promise<T> {
  if (options.transport.type === 'http') options.transport.server.reset();
  const provider = await options.createProvider();
  let result: T;
  try {
    result = await body(provider);
  } catch (error) {
    // The rule's own failure is the one to report; a failing dispose after it would only hide it.
    await provider.dispose().catch(() => undefined);
    throw error;
  } finally {
    if (options.transport.type === 'http') options.transport.server.clearFaults();
  }
  await mustResolve(() => provider.dispose(), 'dispose()');
  return result;
}

/** Resolves when `condition()` holds, or after `timeoutMs`; returns whether it held. */
export async function eventually(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return true;
}

/** The longest an abort may take to reject a call, in ms. */
export const PROMPT_ABORT_MS = 1000;

/** Resolves with what `promise` resolves to, or throws a violation naming `what` if it takes longer than `timeoutMs`. */
export async function settleWithin<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new ContractViolation(`${what} did not settle within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
