/** What a redacted secret is replaced with. */
export const REDACTED = '[REDACTED]';

// Shapes of credentials that must never reach a message, a log line or a metric label, whoever
// put them there (a server echoing our header, a URL with a key in its query string).
// Each pattern comes with how to replace a match: key=value pairs keep their name so the reader
// still knows which field held a secret.
const SECRET_PATTERNS: readonly { pattern: RegExp; replacement: string }[] = [
  // Authorization header values: "Bearer abc", "Basic abc"
  { pattern: /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{4,}/gi, replacement: `$1 ${REDACTED}` },
  // Well-known key prefixes: OpenAI/OpenRouter "sk-…", "sk-or-v1-…", Anthropic "sk-ant-…", HF "hf_…"
  { pattern: /\b(?:sk|rk|pk)-[A-Za-z0-9_-]{8,}/g, replacement: REDACTED },
  { pattern: /\bhf_[A-Za-z0-9]{8,}/g, replacement: REDACTED },
  // key=value pairs in query strings, headers and JSON-ish text
  {
    pattern:
      /\b(api[_-]?key|apikey|access[_-]?token|auth[_-]?token|token|secret|password|authorization|x-api-key)(["']?\s*[:=]\s*["']?)(?!\[REDACTED\])[^\s"'&,;}]{4,}/gi,
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

const SECRET_FIELD_NAME = /(api[_-]?key|apikey|secret|password|token|authorization|credential|cookie)/i;

/** Whether a field of this name holds a secret (`apiKey`, `x-api-key`, `authToken`, `password`…). */
export function isSecretFieldName(name: string): boolean {
  return SECRET_FIELD_NAME.test(name);
}
