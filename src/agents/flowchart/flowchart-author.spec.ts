import { aRecordedRun } from '@test/support/factories/agents';
import { authorFlowchart, FlowchartRejected, MAX_FLOWCHART_REPAIRS } from './flowchart-author';
import { FLOWCHART_REPAIR_PURPOSE } from '../offline/flowchart.drafter';

const INPUT = {
  journeys: '### UJ-1: Sign up\n1. Open\n2. Register',
  product: 'the app',
  audience: 'runners',
};
const BROKEN = 'flowchart TD\n  A[Pay (card)] --> B';
const FIXED = '```mermaid\nflowchart TD\n  A["Pay (card)"] --> B\n```';

describe('authorFlowchart', () => {
  it('keeps a chart that parses', async () => {
    const { run, requests } = aRecordedRun(() => 'flowchart LR\n  A --> B');
    await expect(authorFlowchart(run.llm, INPUT)).resolves.toEqual({
      chart: 'flowchart LR\n  A --> B\n',
      repairs: 0,
    });
    expect(requests).toHaveLength(1);
  });

  it('hands a broken chart back to the model with the parser problems, and keeps the repair', async () => {
    const replies = [BROKEN, FIXED];
    const { run, requests } = aRecordedRun(() => replies.shift() ?? '');
    const authored = await authorFlowchart(run.llm, INPUT);
    expect(authored).toEqual({ chart: 'flowchart TD\n  A["Pay (card)"] --> B\n', repairs: 1 });
    expect(requests[1].purpose).toBe(FLOWCHART_REPAIR_PURPOSE);
    const prompt = requests[1].messages.at(-1)?.content ?? '';
    expect(prompt).toContain('Pay (card)');
    expect(prompt).toContain('brackets, pipes or quotes in a label need');
  });

  it('gives up after the bounded repairs: the chart is rejected, never returned broken', async () => {
    const { run, requests } = aRecordedRun(() => BROKEN);
    const authoring = authorFlowchart(run.llm, INPUT);
    await expect(authoring).rejects.toBeInstanceOf(FlowchartRejected);
    await expect(authoring).rejects.toThrow(/could not be repaired: line 2/);
    expect(requests).toHaveLength(1 + MAX_FLOWCHART_REPAIRS);
  });
});
