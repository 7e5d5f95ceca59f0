/** What a redacted secret is replaced with. */
export const REDACTED = '[REDACTED]';

// Shapes of credentials that must never reach a message, a log line or a metric label, whoever
// put them there (a server echoing our header, a URL with a key in its query string).
// Each pattern comes with how to replace a match: key=value pairs keep their name so the reader
// still knows which field held a secret.
const SECRET_PATTERNS: readonly { pattern: RegExp; replacement: string }[] = [
  // Authorization header values: "Bearer abc", "Basic abc"
  // (8+ characters, so prose such as "basic tools" is left alone)
  { pattern: /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi, replacement: `$1 ${REDACTED}` },
  // Well-known key prefixes: OpenAI/OpenRouter "sk-…", "sk-or-v1-…", Anthropic "sk-ant-…", HF "hf_…"
  { pattern: /\b(?:sk|rk|pk)-[A-Za-z0-9_-]{8,}/g, replacement: REDACTED },
  { pattern: /\bhf_[A-Za-z0-9]{8,}/g, replacement: REDACTED },
  // key=value pairs in query strings, headers and JSON-ish text; the name may end a longer one
  // (`client_secret`, `refresh_token`, `MY_API_KEY`), which `\b` would miss after `_`.
  {
    pattern:
      /(?<![A-Za-z0-9])(api[_-]?key|apikey|access[_-]?token|auth[_-]?token|token|secret|password|authorization|x-api-key)(["']?\s*[:=]\s*["']?)(?!\[REDACTED\]|(?:Bearer|Basic)\s)[^\s"'&,;}]{4,}/gi,
    replacement: `$1$2${REDACTED}`,
  },
];

/**
 * Returns `text` with every occurrence of the given secrets and of well-known credential shapes
 * (bearer tokens, `sk-…` keys, `api_key=…` pairs) replaced by {@link REDACTED}.
 *
 * @param text any text that may have passed near a credential (error messages, response bodies).
 * @param secrets exact values to remove (the API key a provider holds). Values shorter than
 *   4 characters are ignored: replacing them would shred ordinary text and they are not keys.
 */
export function redactSecrets(text: string, secrets: readonly (string | undefined | null)[] = []): string {
  let result = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) result = result.split(secret).join(REDACTED);
  }
  for (const { pattern, replacement } of SECRET_PATTERNS) result = result.replace(pattern, replacement);
  return result;
}

// `token` as a credential, not as the unit of text: `maxOutputTokens`, `tokensPerSecond`,
// `inputPerToken` and `tokenizer` are counts, prices and settings.
const SECRET_FIELD_NAME =
  /(api[_-]?key|apikey|secret|password|(?<!per[_-]?)token(?!s|iz)|authorization|credential|cookie)/i;

/** Whether a field of this name holds a secret (`apiKey`, `x-api-key`, `authToken`, `password`…). */
export function isSecretFieldName(name: string): boolean {
  return SECRET_FIELD_NAME.test(name);
}
