import type { ChainLink } from './fallback-chain';
import { ProviderFailure } from './llm-failure';
import type { ProviderCall, ProviderChunk } from './llm.provider';
import type { LlmStreamEvent } from './llm.types';
import { openStream, streamRest } from './stream-attempt';
import { Watchdog } from './watchdog';

/** A chunk, or the provider going quiet: its stream ends once the watchdog aborts it. */
type Step = ProviderChunk | 'stall';

const CALL: ProviderCall = {
  model: 'm',
  messages: [{ role: 'user', content: 'Hi' }],
  maxTokens: undefined,
  temperature: 0,
  json: false,
  schema: undefined,
  purpose: 'chat_reply',
  signal: new AbortController().signal,
  timeoutMs: 60_000,
};

/** A provider whose stream plays `steps`, and whether our side closed it. */
function providerStream(steps: Step[], watchdog: Watchdog) {
  const state = { closed: false };
  async function* play(): AsyncGenerator<ProviderChunk> {
    try {
      for (const step of steps) {
        if (step !== 'stall') {
          yield step;
          continue;
        }
        // An aborted SDK stream may simply end instead of throwing.
        await new Promise((resolve) => watchdog.signal.addEventListener('abort', resolve));
        return;
      }
    } finally {
      state.closed = true;
    }
  }
  // Only the provider is read from a link here.
  const link = { provider: { stream: () => play() } } as unknown as ChainLink;
  return { link, state };
}

async function readAll(stream: AsyncGenerator<LlmStreamEvent, unknown>) {
  const deltas: string[] = [];
  for (;;) {
    const next = await stream.next();
    if (next.done) return { deltas, answer: next.value };
    if (next.value.type === 'delta') deltas.push(next.value.text);
  }
}

describe('openStream (up to the first text, where fallback is still possible)', () => {
  it('skips empty chunks, keeps usage sent before the text, and stops at the first text', async () => {
    const watchdog = new Watchdog(60_000);
    const usage = { promptTokens: 3, completionTokens: 0 };
    const { link } = providerStream(
      [{ text: '' }, { usage }, { text: 'Hel' }, { text: 'lo' }],
      watchdog,
    );
    const opened = await openStream(link, CALL, watchdog);
    expect(opened.first).toBe('Hel');
    expect(opened.usage).toEqual(usage);
  });

  it('fails as malformed, and closes the stream, when it ends without any text', async () => {
    const watchdog = new Watchdog(60_000);
    const { link, state } = providerStream([{ text: '' }], watchdog);
    const failure = openStream(link, CALL, watchdog);
    await expect(failure).rejects.toBeInstanceOf(ProviderFailure);
    await expect(failure).rejects.toMatchObject({
      reason: 'malformed',
      message: 'the stream ended without any text',
    });
    expect(state.closed).toBe(true);
  });

  it('fails as a timeout when the provider went quiet and the deadline ended its stream', async () => {
    const watchdog = new Watchdog(1);
    const { link } = providerStream([{ text: '' }, 'stall'], watchdog);
    await expect(openStream(link, CALL, watchdog)).rejects.toMatchObject({
      reason: 'timeout',
      message: 'the stream stalled',
    });
  });
});

describe('streamRest (after the first text)', () => {
  it('relays every non-empty delta and returns the whole text with the last usage', async () => {
    const watchdog = new Watchdog(60_000);
    const usage = { promptTokens: 3, completionTokens: 4 };
    const { link, state } = providerStream(
      [{ text: 'Hel' }, { text: 'lo' }, { text: '' }, { text: ' there' }, { usage }],
      watchdog,
    );
    const opened = await openStream(link, CALL, watchdog);
    const { deltas, answer } = await readAll(streamRest(opened));
    expect(deltas).toEqual(['lo', ' there']);
    expect(answer).toEqual({ text: 'Hello there', usage });
    expect(state.closed).toBe(true);
  });

  it('fails as a timeout, and closes the stream, when the provider goes quiet midway', async () => {
    // These chunks arrive without a wait: only the stall outlasts even a 1 ms idle deadline.
    const watchdog = new Watchdog(1);
    const { link, state } = providerStream([{ text: 'Hel' }, { text: 'lo' }, 'stall'], watchdog);
    const opened = await openStream(link, CALL, watchdog);
    const rest = streamRest(opened);
    expect(await rest.next()).toEqual({ done: false, value: { type: 'delta', text: 'lo' } });
    await expect(readAll(rest)).rejects.toMatchObject({ reason: 'timeout' });
    expect(state.closed).toBe(true);
  });
});
