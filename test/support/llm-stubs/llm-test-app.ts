import type { Registry } from 'prom-client';
import { MetricsService } from '@/infra/metrics/metrics.service';
import { LlmGateway } from '@/llm/llm-gateway.service';
import { createTestApp, TestApp } from '../create-test-app';
import { AnthropicStub } from './anthropic-stub';
import { OpenAiStub } from './openai-stub';

export interface LlmTestBed {
  readonly testApp: TestApp;
  readonly gateway: LlmGateway;
  readonly openai: OpenAiStub;
  readonly anthropic: AnthropicStub;
  /** The sum of the matching series of a counter (or a histogram's `_count`). */
  metric(name: string, labels: Record<string, string>): Promise<number>;
  close(): Promise<void>;
}

/**
 * The real app with both stub providers started and the chain pointed at them: OpenAI primary
 * (gpt-4o), OpenAI fallback (gpt-4o-mini), Anthropic (claude-sonnet-4-6). Retry delays are small
 * so retries take milliseconds. The 5 s provider timeout is far beyond any stub answer on a
 * loaded machine (300 ms turned slow answers into timeouts, then AI_UNAVAILABLE); a test of a
 * timeout scripts a reply that never comes (`NEVER`). `env` (or a function of the stubs' URLs)
 * overrides anything.
 */
export async function createLlmTestBed(
  env:
    | Record<string, string>
    | ((stubs: { openai: string; anthropic: string }) => Record<string, string>) = {},
): Promise<LlmTestBed> {
  const openai = await new OpenAiStub().start();
  const anthropic = await new AnthropicStub().start();
  const overrides =
    typeof env === 'function' ? env({ openai: openai.url, anthropic: anthropic.url }) : env;
  const testApp = await createTestApp({
    OPENAI_API_KEY: 'sk-stub',
    OPENAI_BASE_URL: `${openai.url}/v1`,
    OPENAI_MODEL_PRIMARY: 'gpt-4o',
    OPENAI_MODEL_FALLBACK: 'gpt-4o-mini',
    ANTHROPIC_API_KEY: 'sk-ant-stub',
    ANTHROPIC_BASE_URL: anthropic.url,
    ANTHROPIC_MODEL: 'claude-sonnet-4-6',
    LLM_TIMEOUT_MS: '5000',
    LLM_MAX_RETRIES: '2',
    LLM_RETRY_BASE_DELAY_MS: '10',
    LLM_RETRY_MAX_DELAY_MS: '2000',
    LLM_CIRCUIT_FAILURES: '50',
    ...overrides,
  });
  const registry = testApp.app.get(MetricsService).registry;
  return {
    testApp,
    gateway: testApp.app.get(LlmGateway),
    openai,
    anthropic,
    metric: (name, labels) => metricValue(registry, name, labels),
    close: async () => {
      await testApp.close();
      await Promise.all([openai.close(), anthropic.close()]);
    },
  };
}

/** Sums the series of `name` whose labels include `labels` (histograms: use `<name>_count`). */
export async function metricValue(
  registry: Registry,
  name: string,
  labels: Record<string, string>,
): Promise<number> {
  const isCount = name.endsWith('_count');
  const metric = registry.getSingleMetric(isCount ? name.slice(0, -'_count'.length) : name);
  if (!metric) throw new Error(`no metric ${name}`);
  const values = (await metric.get()).values as {
    value: number;
    labels: Record<string, string | number | undefined>;
    metricName?: string;
  }[];
  return values
    .filter(
      (value) =>
        (!isCount || value.metricName === name) &&
        Object.entries(labels).every(([key, expected]) => String(value.labels[key]) === expected),
    )
    .reduce((sum, value) => sum + value.value, 0);
}
