import { classifyFailure, ProviderFailure } from './llm-failure';
import type { ChainLink } from './fallback-chain';
import type { ProviderAnswer, ProviderCall, ProviderChunk, ProviderUsage } from './llm.provider';
import type { LlmStreamEvent } from './llm.types';
import type { Watchdog } from './watchdog';

/** A provider stream that has produced its first text: from here on there is no fallback. */
export interface OpenedStream {
  readonly first: string;
  readonly usage: ProviderUsage | null;
  readonly iterator: AsyncIterator<ProviderChunk>;
  readonly watchdog: Watchdog;
}

/**
 * The streaming attempt the chain retries: open the stream and read up to the first text delta.
 * Failing here (an error status, a timeout, a stream with no text) still lets the chain retry
 * or fall back, because the caller has seen nothing yet.
 */
export async function openStream(
  link: ChainLink,
  call: ProviderCall,
  watchdog: Watchdog,
): Promise<OpenedStream> {
  const iterator = link.provider.stream(call)[Symbol.asyncIterator]();
  let usage: ProviderUsage | null = null;
  try {
    for (;;) {
      const next = await iterator.next();
      if (next.done) {
        if (watchdog.timedOut) throw new ProviderFailure('timeout', 'the stream stalled');
        throw new ProviderFailure('malformed', 'the stream ended without any text');
      }
      watchdog.arm();
      if ('usage' in next.value) usage = next.value.usage;
      else if (next.value.text) {
        watchdog.disarm();
        return { first: next.value.text, usage, iterator, watchdog };
      }
    }
  } catch (error) {
    await iterator.return?.();
    throw error;
  }
}

/**
 * Relays the rest of an opened stream as deltas and returns the whole answer. The idle timeout
 * covers waiting on the provider only, never the time our consumer spends on a delta.
 */
export async function* streamRest(
  opened: OpenedStream,
): AsyncGenerator<LlmStreamEvent, ProviderAnswer, undefined> {
  const { iterator, watchdog } = opened;
  let text = opened.first;
  let usage = opened.usage;
  let finished = false;
  try {
    for (;;) {
      watchdog.arm();
      const next = await iterator.next();
      watchdog.disarm();
      if (next.done) break;
      if ('usage' in next.value) usage = next.value.usage;
      else if (next.value.text) {
        text += next.value.text;
        yield { type: 'delta', text: next.value.text };
      }
    }
    if (watchdog.timedOut) throw new ProviderFailure('timeout', 'the stream stalled');
    finished = true;
    return { text, usage };
  } catch (error) {
    throw classifyFailure(error, watchdog.timedOut);
  } finally {
    // An error, or a consumer that stopped reading: close the provider's connection.
    if (!finished) await closeStream(opened);
  }
}

/** Aborts the provider request and ends its iterator; safe to call twice. */
export async function closeStream(opened: OpenedStream): Promise<void> {
  opened.watchdog.cancel();
  await opened.iterator.return?.();
}
