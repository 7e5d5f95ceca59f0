import { type ChatMessage, type GenerateRequest, ModelyardError } from '@modelyard/core';
import type { ChatHistoryItem } from 'node-llama-cpp';

function textOf(message: ChatMessage, index: number, providerId: string): string {
  if (typeof message.content === 'string') return message.content;
  return message.content
    .map((part) => {
      if (part.type === 'text') return part.text;
      throw new ModelyardError({
        kind: 'bad_request',
        message: `messages[${index}] has an image: provider-local runs text-only GGUF models`,
        providerId,
      });
    })
    .join('');
}

/**
 * The request as node-llama-cpp's chat history: `system` first, then the messages, ending with
 * the model turn to generate. When the last message is from the assistant, that turn is its text,
 * which the model continues (a prefill); otherwise an empty model turn is added.
 * Images are refused (`bad_request`), never dropped silently.
 */
export function toChatHistory(
  request: Pick<GenerateRequest, 'messages' | 'system'>,
  providerId: string,
): ChatHistoryItem[] {
  const history: ChatHistoryItem[] = [];
  if (request.system !== undefined) history.push({ type: 'system', text: request.system });
  request.messages.forEach((message, index) => {
    const text = textOf(message, index, providerId);
    if (message.role === 'system') history.push({ type: 'system', text });
    else if (message.role === 'user') history.push({ type: 'user', text });
    else history.push({ type: 'model', response: [text] });
  });
  if (history.at(-1)?.type !== 'model') history.push({ type: 'model', response: [] });
  return history;
}
