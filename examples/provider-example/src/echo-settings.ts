// The settings of createEcho(): their type, their defaults, and the check that names every bad field.
import {
  type Clock,
  ConfigError,
  type ConfigIssue,
  describeReceived,
  PROVIDER_ID_PATTERN,
  systemClock,
} from '@modelyard/core';

/** Settings of {@link createEcho}. Every field is optional. */
export interface EchoProviderSettings {
  /**
   * Instance id, unique among the providers in use (`echo`, `echo-staging`): lower-case letters,
   * digits, `.`, `_`, `-`. Default `echo`.
   */
  id?: string;
  /** Origin of the Echo API (`https://…` or `http://…`), without the `/v1/…` path. Default `https://api.echo.example`. */
  baseURL?: string;
  /**
   * API key, sent as `Authorization: Bearer <key>`. When absent, `ECHO_API_KEY` is read at the
   * first request (never at creation); when neither is set, calls reject with kind `auth`.
   */
  apiKey?: string;
  /** The `fetch` to use (a proxy agent, a recording wrapper in tests). Default `globalThis.fetch`. */
  fetch?: typeof fetch;
  /** The clock for timings (ms) and `Retry-After` dates. Default core's `systemClock`. */
  clock?: Clock;
}

/** The settings with every default applied. */
export interface ResolvedEchoSettings {
  id: string;
  /** Without a trailing slash. */
  baseURL: string;
  apiKey: string | undefined;
  fetch: typeof fetch;
  clock: Clock;
}

/** The default instance id. */
export const DEFAULT_ECHO_ID = 'echo';
/** The default origin of the Echo API (a made-up host: `.example` never resolves). */
export const DEFAULT_ECHO_BASE_URL = 'https://api.echo.example';

function checkBaseURL(value: unknown, issues: ConfigIssue[]): string {
  const expected = 'an http(s) URL such as "https://api.echo.example"';
  if (typeof value !== 'string' || !URL.canParse(value)) {
    issues.push({ path: 'baseURL', expected, received: describeReceived(value) });
    return DEFAULT_ECHO_BASE_URL;
  }
  const protocol = new URL(value).protocol;
  if (protocol !== 'http:' && protocol !== 'https:') {
    issues.push({ path: 'baseURL', expected, received: describeReceived(value) });
  }
  return value.replace(/\/+$/, '');
}

/**
 * Applies the defaults and checks every field.
 * @throws ConfigError (kind `bad_request`) listing every bad field; the key's value is never shown.
 */
export function resolveEchoSettings(settings: EchoProviderSettings = {}): ResolvedEchoSettings {
  const issues: ConfigIssue[] = [];
  const { id = DEFAULT_ECHO_ID, apiKey, fetch: givenFetch, clock = systemClock } = settings;
  if (typeof id !== 'string' || !PROVIDER_ID_PATTERN.test(id)) {
    issues.push({
      path: 'id',
      expected: 'a provider id: lower-case letters, digits, ".", "_", "-", 1-64 characters',
      received: describeReceived(id),
    });
  }
  const baseURL = settings.baseURL === undefined ? DEFAULT_ECHO_BASE_URL : checkBaseURL(settings.baseURL, issues);
  if (apiKey !== undefined && (typeof apiKey !== 'string' || apiKey === '')) {
    issues.push({ path: 'apiKey', expected: 'a non-empty string', received: describeReceived(apiKey, true) });
  }
  if (givenFetch !== undefined && typeof givenFetch !== 'function') {
    issues.push({ path: 'fetch', expected: 'a function', received: describeReceived(givenFetch) });
  }
  if (typeof clock?.now !== 'function' || typeof clock.sleep !== 'function') {
    issues.push({ path: 'clock', expected: 'a Clock ({ now, sleep })', received: describeReceived(clock) });
  }
  if (issues.length > 0) throw new ConfigError('Echo settings', issues);
  return {
    id,
    baseURL,
    apiKey,
    // Looked up at call time, not at creation: creating a provider touches nothing global.
    fetch: givenFetch ?? ((input, init) => globalThis.fetch(input, init)),
    clock,
  };
}
