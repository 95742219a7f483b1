import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from './config-error';
import { loadAppConfig } from './load-app-config';

const dataDir = mkdtempSync(join(tmpdir(), 'prd-forge-llm-config-'));
const load = (env: Record<string, string>) => loadAppConfig({ DATA_DIR: dataDir, ...env });

function problemsOf(env: Record<string, string>): string[] {
  try {
    load(env);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
}

describe('LLM configuration', () => {
  it('falls back to the offline drafter when no key is configured', () => {
    const { llm } = load({});
    expect(llm.chain).toEqual([{ provider: 'offline', model: 'offline' }]);
    expect(llm.cacheTtlSeconds).toBe(86_400);
    expect(llm.openai.maxTokens).toBe(4096);
    expect(llm.defaultTemperature).toBe(0.7);
  });

  it("derives the contract's order from the keys present", () => {
    const { llm } = load({
      OPENAI_API_KEY: 'sk-test',
      ANTHROPIC_API_KEY: 'sk-ant-test',
      OPENAI_MODEL_PRIMARY: 'gpt-4.1',
      OPENAI_MODEL_FALLBACK: 'gpt-4.1-mini',
      ANTHROPIC_MODEL: 'claude-haiku-4-5',
    });
    expect(llm.chain).toEqual([
      { provider: 'openai', model: 'gpt-4.1' },
      { provider: 'openai', model: 'gpt-4.1-mini' },
      { provider: 'anthropic', model: 'claude-haiku-4-5' },
    ]);
  });

  it('reads an explicit chain, keeping colons inside model tags', () => {
    const { llm } = load({
      LLM_CHAIN: 'compatible:llama3.1:8b, offline',
      OPENAI_COMPATIBLE_BASE_URL: 'http://127.0.0.1:11434/v1',
    });
    expect(llm.chain).toEqual([
      { provider: 'compatible', model: 'llama3.1:8b' },
      { provider: 'offline', model: 'offline' },
    ]);
  });

  it.each([
    ['mistral:large', 'unknown provider "mistral"'],
    ['openai:gpt-4o', 'needs OPENAI_API_KEY'],
    ['anthropic', 'names no model'],
    ['offline,openai:gpt-4o', 'must be the last entry'],
    ['openai:gpt-4o,,offline', 'empty entry'],
    ['compatible:qwen2', 'needs OPENAI_COMPATIBLE_BASE_URL'],
  ])('rejects LLM_CHAIN=%s naming the variable', (chain, message) => {
    const problems = problemsOf({ LLM_CHAIN: chain });
    expect(problems.some((line) => line.startsWith('LLM_CHAIN:') && line.includes(message))).toBe(
      true,
    );
  });

  it('rejects a duplicated entry', () => {
    const problems = problemsOf({ LLM_CHAIN: 'openai:a,openai:a', OPENAI_API_KEY: 'k' });
    expect(problems).toEqual([expect.stringMatching(/^LLM_CHAIN: "openai:a" is listed twice/)]);
  });

  it('reads price overrides and rejects malformed ones', () => {
    expect(load({ LLM_PRICES: '{"my-model":{"input":1,"output":2}}' }).llm.prices).toEqual({
      'my-model': { input: 1, output: 2 },
    });
    expect(problemsOf({ LLM_PRICES: '{"m":{"input":-1,"output":2}}' })[0]).toMatch(/^LLM_PRICES:/);
    expect(problemsOf({ LLM_PRICES: 'cheap' })[0]).toMatch(/^LLM_PRICES: not valid JSON/);
  });

  it('validates the numeric knobs', () => {
    const named = problemsOf({ LLM_TIMEOUT_MS: '5', OPENAI_TEMPERATURE: '3' }).map(
      (line) => line.split(':')[0],
    );
    expect(named).toEqual(expect.arrayContaining(['LLM_TIMEOUT_MS', 'OPENAI_TEMPERATURE']));
  });
});
