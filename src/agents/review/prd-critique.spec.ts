import type { LlmGateway } from '@/llm/llm-gateway.service';
import { critiquePrd } from './prd-critique';
import { reviewPrd } from './review-prd';

describe('critiquePrd', () => {
  it('asks nothing when no model is configured (an offline-only chain)', async () => {
    const complete = jest.fn();
    const gateway = {
      entries: [{ provider: 'offline', model: 'offline' }],
      complete,
    } as unknown as Pick<LlmGateway, 'complete' | 'entries'>;
    const input = {
      prd: '# P\n',
      flowchart: 'flowchart TD\n  A --> B\n',
      lensStatus: {
        discovery: false,
        user_journey: false,
        metrics: false,
        gtm: false,
        risks: false,
      },
      answers: [],
      idea: 'An idea',
    };
    await expect(critiquePrd(gateway, input, reviewPrd(input))).resolves.toBeNull();
    expect(complete).not.toHaveBeenCalled();
  });
});
