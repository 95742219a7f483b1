import { PriceTable } from './pricing';

describe('PriceTable', () => {
  const table = new PriceTable({
    'llama3.1:8b': { input: 0, output: 0 },
    'gpt-4o': { input: 5, output: 20 },
  });

  it('prices exact models and dated or tagged variants of them', () => {
    expect(table.priceOf('gpt-4o-mini')).toEqual({ input: 0.15, output: 0.6 });
    expect(table.priceOf('gpt-4o-mini-2024-07-18')).toEqual({ input: 0.15, output: 0.6 });
    expect(table.priceOf('claude-sonnet-4-5-20250929')).toEqual({ input: 3, output: 15 });
  });

  it('never prices a different model by a shared prefix', () => {
    expect(new PriceTable().priceOf('gpt-4o-audio-preview')).toBeNull();
    expect(new PriceTable().priceOf('gpt-4.5-preview')).toBeNull();
  });

  it('lets LLM_PRICES override and extend the table', () => {
    expect(table.priceOf('gpt-4o')).toEqual({ input: 5, output: 20 });
    expect(table.costUsd('llama3.1:8b', { promptTokens: 1e6, completionTokens: 1e6 })).toBe(0);
  });

  it('computes USD per call, rounded to 1e-8, and 0 for unknown models', () => {
    const prices = new PriceTable();
    expect(prices.costUsd('gpt-4o', { promptTokens: 1234, completionTokens: 567 })).toBe(0.008755);
    expect(prices.costUsd('gpt-4o-mini', { promptTokens: 7, completionTokens: 3 })).toBe(
      0.00000285,
    );
    expect(prices.costUsd('mystery-model', { promptTokens: 100, completionTokens: 100 })).toBe(0);
    expect(prices.costUsd('offline', { promptTokens: 100, completionTokens: 100 })).toBe(0);
  });
});
