/** Limit of the hooks that start llama.cpp and write models, in ms: generous, for a busy machine. */
export const HOOK_TIMEOUT_MS = 60_000;
