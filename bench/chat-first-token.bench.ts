/**
 * Time to the first token of a chat reply: from sending `POST /chats/{id}/messages` to the first
 * `ai_response_streaming` event on `/ws/chats/{id}`, against a direct OpenAI SDK streaming call
 * to the same local OpenAI-compatible stub (to its first content delta), alternating, in one run.
 *
 *   npm run bench:chat-first-token     # BENCH_MESSAGES=100 by default
 *
 * Starts throwaway FerretDB and Redis and the real app as main.ts does (HTTP, Socket.IO with the
 * Redis adapter, workers in-process) with a one-entry chain (openai:gpt-4o) pointed at the stub,
 * which answers at once: what separates the two columns is our path (auth, validation, the
 * message insert under the chat's lock, message_sent and typing_indicator, the context read, the
 * chat graph's budget fitting, the gateway, the numbered publish through Redis, the relay to the
 * socket). Each sample uses a fresh, named chat (no title call, no history), opened and joined
 * before the clock starts; the next sample starts once the previous reply is complete.
 */
import { NestExpressApplication } from '@nestjs/platform-express';
import OpenAI from 'openai';
import { io, Socket } from 'socket.io-client';
import type { ChatEvents } from '@/realtime/realtime.events';
import { OpenAiStub } from '@test/support/llm-stubs/openai-stub';
import { signedInToken, startBenchApp } from './support/bench-app';
import { withBenchServices } from './support/bench-services';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 100);
const WARM_UP = 10;
const SAMPLE_TIMEOUT_MS = 10_000;
const CONTENT = 'I want to build an app for dog walkers who lose track of payments.';

type ChatSocket = Socket<ChatEvents>;

async function main(): Promise<void> {
  await withBenchServices('chat-first-token-bench', async (env) => {
    const stub = await new OpenAiStub().start();
    let app: NestExpressApplication | undefined;
    try {
      const started = await startBenchApp({
        ...env,
        OPENAI_API_KEY: 'sk-bench',
        OPENAI_BASE_URL: `${stub.url}/v1`,
        LLM_CHAIN: 'openai:gpt-4o',
        RATE_LIMIT_AI_PER_HOUR: '100000',
      });
      app = started.app;
      const base = started.base;
      const token = await signedInToken(base);
      const client = new OpenAI({ apiKey: 'sk-bench', baseURL: `${stub.url}/v1`, maxRetries: 0 });
      // What the chat agent sends, near enough: a system prompt and the message.
      const direct = () =>
        firstDelta(client, [
          { role: 'system', content: 'You help someone shape a product idea.' },
          { role: 'user', content: CONTENT },
        ]);
      const viaChat = () => chatFirstToken(base, token);

      for (let i = 0; i < WARM_UP; i++) {
        await direct();
        await viaChat();
      }
      const directMs: number[] = [];
      const chatMs: number[] = [];
      for (let i = 0; i < MESSAGES; i++) {
        directMs.push(await direct());
        chatMs.push(await viaChat());
      }
      const d = summary(directMs);
      const c = summary(chatMs);
      console.log(
        `Time to the first token against the same local OpenAI stub: ${MESSAGES} alternating ` +
          `samples after ${WARM_UP} warm-up; Node ${process.version}`,
      );
      console.log(
        `\n${'path'.padEnd(52)} ${'p50'.padStart(8)} ${'p95'.padStart(8)} ${'p99'.padStart(8)} ` +
          `${'mean'.padStart(8)}   (ms)`,
      );
      const row = (label: string, s: Summary) =>
        console.log(`${label.padEnd(52)} ${fmt(s.p50)} ${fmt(s.p95)} ${fmt(s.p99)} ${fmt(s.mean)}`);
      row('OpenAI SDK stream: create() → first content delta', d);
      row('POST /chats/{id}/messages → first ai_response_streaming', c);
      console.log(
        `${'added by the chat path'.padEnd(52)} ${fmt(c.p50 - d.p50)} ${fmt(c.p95 - d.p95)} ` +
          `${fmt(c.p99 - d.p99)} ${fmt(c.mean - d.mean)}`,
      );
    } finally {
      await app?.close();
      await stub.close();
    }
  });
}

/** Milliseconds from the SDK call to its first chunk with text; the rest is drained. */
async function firstDelta(
  client: OpenAI,
  messages: OpenAI.Chat.ChatCompletionMessageParam[],
): Promise<number> {
  const started = performance.now();
  const stream = await client.chat.completions.create({
    model: 'gpt-4o',
    messages,
    stream: true,
    stream_options: { include_usage: true },
  });
  let first: number | undefined;
  for await (const chunk of stream) {
    if (first === undefined && chunk.choices[0]?.delta?.content) first = performance.now();
  }
  if (first === undefined) throw new Error('the stream had no content');
  return first - started;
}

/**
 * A fresh chat with a connected socket, then the clock: POST the message, stop at the first
 * ai_response_streaming. Returns once the reply is complete and the POST answered.
 */
async function chatFirstToken(base: string, token: string): Promise<number> {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const created = await fetch(`${base}/api/v1/chats`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ chat_name: 'Bench chat' }),
  });
  if (created.status !== 201) throw new Error(`POST /chats: ${created.status}`);
  const { chat_id: chatId } = (await created.json()) as { chat_id: string };
  const socket: ChatSocket = io(`${base}/ws/chats/${chatId}`, {
    auth: { token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    const firstToken = once(socket, 'ai_response_streaming');
    const complete = once(socket, 'ai_response_complete');
    const started = performance.now();
    const posted = fetch(`${base}/api/v1/chats/${chatId}/messages`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ content: CONTENT }),
    });
    await firstToken;
    const elapsed = performance.now() - started;
    const answer = await posted;
    if (answer.status !== 201) throw new Error(`POST messages: ${answer.status}`);
    await answer.arrayBuffer();
    await complete;
    return elapsed;
  } finally {
    socket.close();
  }
}

function once(socket: ChatSocket, event: 'ai_response_streaming' | 'ai_response_complete') {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event}`)), SAMPLE_TIMEOUT_MS);
    (socket as unknown as Socket).once(event, () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

interface Summary {
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly mean: number;
}

function summary(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const mean = sorted.reduce((sum, value) => sum + value, 0) / sorted.length;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), mean };
}

function fmt(ms: number): string {
  return ms.toFixed(2).padStart(8);
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
