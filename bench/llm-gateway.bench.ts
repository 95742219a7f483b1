/**
 * The latency the LLM gateway adds over calling the OpenAI SDK directly, against the same local
 * OpenAI-compatible stub (which answers at once), side by side in one run.
 *
 *   npm run bench:llm-gateway   # BENCH_CALLS=500 BENCH_CONCURRENCY=32 BENCH_CACHE_TTL=86400
 *
 * Starts throwaway FerretDB and Redis and the real app wiring (AppModule, LOG_LEVEL=warn) with a
 * one-entry chain (openai:gpt-4o) pointed at the stub. Each scenario alternates a direct SDK
 * call and a gateway call with fresh prompts, so both see the same stub, sockets and GC:
 *   - complete, cache miss: Redis GET (miss) + provider call + accounting, metrics + Redis SET
 *   - complete, cache hit:  Redis GET only (the direct call still goes to the stub)
 *   - stream:               time to the last delta, same answer
 * then a throughput run with BENCH_CONCURRENCY calls in flight. What is left over is the
 * gateway's own cost: the stub's answer time is in both columns.
 */
import { NestFactory } from '@nestjs/core';
import { INestApplicationContext } from '@nestjs/common';
import { Logger } from 'nestjs-pino';
import OpenAI from 'openai';
import { OpenAiStub } from '@test/support/llm-stubs/openai-stub';
import { AppModule } from '@/app.module';
import { loadAppConfig } from '@/config/load-app-config';
import { withBenchServices } from './support/bench-services';
import { LlmGateway } from '@/llm/llm-gateway.service';
import type { LlmMessage } from '@/llm/llm.types';

const CALLS = Number(process.env.BENCH_CALLS ?? 500);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const WARM_UP = 50;
/** What we hold the gateway to: its own cost per call, at the median and the 95th percentile. */
const TARGET_ADDED_P50_MS = 2;
const TARGET_ADDED_P95_MS = 5;

type Call = (messages: LlmMessage[]) => Promise<unknown>;

interface Scenario {
  readonly label: string;
  readonly direct: Call;
  readonly gateway: Call;
  /** Same prompt every time (a cache hit after the first) instead of a fresh one. */
  readonly repeatPrompt?: boolean;
}

async function main(): Promise<void> {
  await withBenchServices('llm-bench', async (env) => {
    const stub = await new OpenAiStub().start();
    let app: INestApplicationContext | undefined;
    try {
      const config = loadAppConfig({
        ...env,
        OPENAI_API_KEY: 'sk-bench',
        OPENAI_BASE_URL: `${stub.url}/v1`,
        LLM_CHAIN: 'openai:gpt-4o',
        // BENCH_CACHE_TTL=0 runs without the Redis cache: the gateway's cost without its round trips.
        LLM_CACHE_TTL_SECONDS: process.env.BENCH_CACHE_TTL ?? '86400',
      });
      app = await NestFactory.createApplicationContext(AppModule.register(config), {
        bufferLogs: true,
      });
      app.useLogger(app.get(Logger));
      const gateway = app.get(LlmGateway);
      const client = new OpenAI({ apiKey: 'sk-bench', baseURL: `${stub.url}/v1`, maxRetries: 0 });

      const scenarios: Scenario[] = [
        {
          label: 'complete, cache miss',
          direct: (messages) => client.chat.completions.create({ model: 'gpt-4o', messages }),
          gateway: (messages) => gateway.complete({ purpose: 'bench', messages }),
        },
        {
          label: 'complete, cache hit',
          direct: (messages) => client.chat.completions.create({ model: 'gpt-4o', messages }),
          gateway: (messages) => gateway.complete({ purpose: 'bench', messages }),
          repeatPrompt: true,
        },
        {
          label: 'stream to last delta',
          direct: async (messages) => {
            const stream = await client.chat.completions.create({
              model: 'gpt-4o',
              messages,
              stream: true,
              stream_options: { include_usage: true },
            });
            for await (const chunk of stream) void chunk;
          },
          gateway: async (messages) => {
            for await (const event of gateway.stream({ purpose: 'bench', messages })) void event;
          },
        },
      ];

      console.log(
        `LLM gateway vs direct OpenAI SDK, same local stub: ${CALLS} alternating calls per ` +
          `scenario after ${WARM_UP} warm-up, then ${CONCURRENCY} in flight; Node ${process.version}`,
      );
      console.log(
        `\n${'scenario'.padEnd(22)} ${'path'.padEnd(8)} ${'p50'.padStart(8)} ${'p95'.padStart(8)} ` +
          `${'p99'.padStart(8)} ${'mean'.padStart(8)}   (ms)`,
      );
      let met = true;
      for (const scenario of scenarios) met = (await sequential(scenario)) && met;
      await throughput(scenarios[0]);
      console.log(
        `\ntarget: the gateway adds < ${TARGET_ADDED_P50_MS} ms at p50 and < ${TARGET_ADDED_P95_MS} ms ` +
          `at p95 on a cache miss: ${met ? 'met' : 'MISSED'}`,
      );
      if (!met) process.exitCode = 1;
    } finally {
      await app?.close();
      await stub.close();
    }
  });
}

let promptCounter = 0;
const prompt = (repeat: boolean): LlmMessage[] => [
  { role: 'system', content: 'You are a product manager.' },
  { role: 'user', content: `Outline a PRD for idea ${repeat ? 'fixed' : ++promptCounter}.` },
];

async function timed(call: Call, messages: LlmMessage[]): Promise<number> {
  const started = performance.now();
  await call(messages);
  return performance.now() - started;
}

/** Alternates direct and gateway calls; returns whether the added cost stayed in target. */
async function sequential(scenario: Scenario): Promise<boolean> {
  const repeat = scenario.repeatPrompt ?? false;
  for (let i = 0; i < WARM_UP; i++) {
    await scenario.direct(prompt(repeat));
    await scenario.gateway(prompt(repeat));
  }
  const direct: number[] = [];
  const viaGateway: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    direct.push(await timed(scenario.direct, prompt(repeat)));
    viaGateway.push(await timed(scenario.gateway, prompt(repeat)));
  }
  const d = summary(direct);
  const g = summary(viaGateway);
  const row = (path: string, s: Summary) =>
    `${(path === 'direct' ? scenario.label : '').padEnd(22)} ${path.padEnd(8)} ` +
    `${fmt(s.p50)} ${fmt(s.p95)} ${fmt(s.p99)} ${fmt(s.mean)}`;
  console.log(row('direct', d));
  console.log(row('gateway', g));
  console.log(
    `${''.padEnd(22)} ${'added'.padEnd(8)} ${fmt(g.p50 - d.p50)} ${fmt(g.p95 - d.p95)} ` +
      `${fmt(g.p99 - d.p99)} ${fmt(g.mean - d.mean)}`,
  );
  if (scenario.label !== 'complete, cache miss') return true;
  return g.p50 - d.p50 < TARGET_ADDED_P50_MS && g.p95 - d.p95 < TARGET_ADDED_P95_MS;
}

/**
 * Calls per second with CONCURRENCY in flight (fresh prompts): one unmeasured round each, then
 * three alternating rounds, reporting the median. The stub shares this process's event loop, so
 * both figures are bounded by it; the ratio is what matters.
 */
async function throughput(scenario: Scenario): Promise<void> {
  const run = async (call: Call): Promise<number> => {
    let remaining = CALLS * 2;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (remaining-- > 0) await call(prompt(false));
      }),
    );
    return (CALLS * 2) / ((performance.now() - started) / 1000);
  };
  await run(scenario.direct);
  await run(scenario.gateway);
  const direct: number[] = [];
  const gateway: number[] = [];
  for (let round = 0; round < 3; round++) {
    direct.push(await run(scenario.direct));
    gateway.push(await run(scenario.gateway));
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[1];
  console.log(
    `\nthroughput, ${scenario.label}, ${CONCURRENCY} in flight (median of 3): ` +
      `direct ${median(direct).toFixed(0)} calls/s, gateway ${median(gateway).toFixed(0)} calls/s ` +
      `(${((median(gateway) / median(direct)) * 100).toFixed(0)}%)`,
  );
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
