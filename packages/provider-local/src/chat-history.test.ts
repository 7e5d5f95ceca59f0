import { describe, expect, it } from 'vitest';
import { toChatHistory } from './chat-history';

describe('toChatHistory', () => {
  it('puts the system prompt first and ends with an empty model turn to generate', () => {
    expect(
      toChatHistory(
        {
          system: 'Be brief.',
          messages: [
            { role: 'system', content: 'Answer in English.' },
            { role: 'user', content: 'Hi' },
            { role: 'assistant', content: 'Hello' },
            {
              role: 'user',
              content: [
                { type: 'text', text: 'How ' },
                { type: 'text', text: 'are you?' },
              ],
            },
          ],
        },
        'local',
      ),
    ).toEqual([
      { type: 'system', text: 'Be brief.' },
      { type: 'system', text: 'Answer in English.' },
      { type: 'user', text: 'Hi' },
      { type: 'model', response: ['Hello'] },
      { type: 'user', text: 'How are you?' },
      { type: 'model', response: [] },
    ]);
  });

  it('adds the model turn after a last user message, whatever came before it', () => {
    expect(
      toChatHistory(
        {
          messages: [
            { role: 'user', content: 'a' },
            { role: 'assistant', content: 'b' },
            { role: 'user', content: 'c' },
          ],
        },
        'local',
      ).at(-1),
    ).toEqual({ type: 'model', response: [] });
  });

  it('lets the model continue a last assistant message (prefill)', () => {
    expect(
      toChatHistory(
        {
          messages: [
            { role: 'user', content: 'Count' },
            { role: 'assistant', content: '1, 2,' },
          ],
        },
        'local',
      ),
    ).toEqual([
      { type: 'user', text: 'Count' },
      { type: 'model', response: ['1, 2,'] },
    ]);
  });

  it('refuses images with a bad_request that names the message', () => {
    expect(() =>
      toChatHistory(
        {
          messages: [
            { role: 'user', content: 'a' },
            { role: 'user', content: [{ type: 'image', url: 'https://example.com/x.png' }] },
          ],
        },
        'local',
      ),
    ).toThrow(
      expect.objectContaining({
        kind: 'bad_request',
        providerId: 'local',
        message: expect.stringContaining('messages[1] has an image'),
      }),
    );
  });
});
