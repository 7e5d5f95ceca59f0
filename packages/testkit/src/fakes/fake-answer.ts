/** A chat message as the fakes read it (OpenAI and Ollama share this shape for text). */
export interface FakeChatMessage {
  role: string;
  content: unknown;
}

/** What a fake model answers: a function of the conversation. */
export type FakeAnswerFunction = (input: { modelId: string; messages: readonly FakeChatMessage[] }) => string;

/** The answer of a fake, split the way it streams. */
export interface FakeAnswer {
  /** Pieces of text in stream order: one per "token" (a word with its trailing space). */
  tokens: string[];
  text: string;
  finishReason: 'stop' | 'length';
  promptTokens: number;
  completionTokens: number;
}

/** The text of a message's content: a string, or the text parts of a parts array. */
export function textOfContent(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part: unknown) =>
      typeof part === 'object' && part !== null && 'text' in part && typeof part.text === 'string' ? part.text : '',
    )
    .join('');
}

/** The default answer: `<model> heard: <last user message>`, deterministic for a given conversation. */
export const defaultFakeAnswer: FakeAnswerFunction = ({ modelId, messages }) => {
  const lastUser = [...messages].reverse().find((message) => message.role === 'user');
  const heard = lastUser ? textOfContent(lastUser.content).trim() : '';
  return `${modelId} heard: ${heard.length > 0 ? heard : '(nothing)'}`;
};

/** Splits text into word tokens that keep their trailing whitespace (they join back exactly). */
export function tokenize(text: string): string[] {
  return text.match(/\S*\s*/g)?.filter((token) => token.length > 0) ?? [];
}

/** Prompt tokens as the fakes count them: characters of all message text / 4, rounded up. */
export function countPromptTokens(messages: readonly FakeChatMessage[]): number {
  const characters = messages.reduce((sum, message) => sum + textOfContent(message.content).length, 0);
  return Math.ceil(characters / 4);
}

/**
 * The deterministic answer of a fake: the answer text cut at the first stop sequence, then at
 * `maxTokens` tokens (finish reason `length`).
 */
export function composeFakeAnswer(options: {
  modelId: string;
  messages: readonly FakeChatMessage[];
  answer: FakeAnswerFunction;
  maxTokens: number | undefined;
  stop: readonly string[];
}): FakeAnswer {
  let text = options.answer({ modelId: options.modelId, messages: options.messages });
  for (const stop of options.stop) {
    const at = text.indexOf(stop);
    if (at !== -1) text = text.slice(0, at);
  }
  let tokens = tokenize(text);
  let finishReason: FakeAnswer['finishReason'] = 'stop';
  if (options.maxTokens !== undefined && tokens.length > options.maxTokens) {
    tokens = tokens.slice(0, options.maxTokens);
    finishReason = 'length';
  }
  return {
    tokens,
    text: tokens.join(''),
    finishReason,
    promptTokens: countPromptTokens(options.messages),
    completionTokens: tokens.length,
  };
}
