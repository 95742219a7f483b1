import { MemorySaver } from '@langchain/langgraph';
import { aRecordedRun } from '@test/support/factories/agents';
import { numberAnswers } from '../answers';
import { checkFlowchart } from '@/domain/flowchart/flowchart-parser';
import { PRD_SECTIONS } from '../prd/prd-sections';
import { buildGenerateGraph } from './generate.graph';

const IDEA = 'A fitness tracking app for marathon runners, with training plans and race pacing';

describe('generate graph (offline model)', () => {
  it('writes every section in order, tags assumptions, traces answers and draws a valid chart', async () => {
    const recorded = aRecordedRun(undefined, 'generation_agent');
    const saved: string[] = [];
    const graph = buildGenerateGraph(recorded.run, new MemorySaver(), (document) => {
      saved.push(document.changes);
      return Promise.resolve('v1.0');
    });
    const answers = numberAnswers([
      {
        lens: 'discovery',
        question: 'Who?',
        answer: 'Amateur marathon runners training for their first race',
      },
      {
        lens: 'user_journey',
        question: 'First session?',
        answer: 'They import past runs and get a weekly plan',
      },
      { lens: 'metrics', question: 'Which number?', answer: "I don't know" },
    ]);
    const out = await graph.invoke(
      { projectName: 'Pace', idea: IDEA, uploadsText: '', answers },
      { configurable: { thread_id: 't1' } },
    );

    const headings = [...out.prd.matchAll(/^## \d+\. (.+)$/gm)].map((match) => match[1]);
    expect(headings).toEqual(PRD_SECTIONS.map((section) => section.title));
    expect(out.prd).toContain('marathon runners');
    expect(out.prd).toContain('They import past runs and get a weekly plan');
    expect(out.prd).toMatch(/### FR-1 \(P0\)/);
    expect(out.prd).toMatch(/Given .* when .* then/i);
    expect(out.prd).toMatch(/\*\*SM-1:\*\* \[ASSUMPTION\]/);
    expect(out.prd).toMatch(/AS-1 \(/);
    // A-2 shaped a journey and a requirement; A-3 was "don't know".
    expect(out.prd).toMatch(/\| A-2 \| user_journey \| .* \| .*(UJ-1|FR-\d).* \|/);
    expect(out.prd).toMatch(/\| A-3 \| metrics \| .* _unanswered_ → \[ASSUMPTION\] \|/);

    expect(out.lensStatus).toEqual({
      discovery: true,
      user_journey: true,
      metrics: false,
      gtm: false,
      risks: false,
    });
    const chart = checkFlowchart(out.flowchart);
    expect(chart.ok).toBe(true);
    expect(out.flowchart).toContain('UJ-1: First session');

    const percents = recorded.progress.map((update) => update.percent);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(recorded.progress.map((update) => update.step)).toContain('Generating flowchart');
    expect(recorded.logs.map((entry) => entry.node)).toEqual([
      'assess',
      'draft_sections',
      'assemble',
      'draw_flowchart',
      'lens_status',
      'save_version',
    ]);
    expect(out.version).toBe('v1.0');
    expect(saved).toEqual(['Generated PRD from 2 of 3 clarification answers']);
    expect(recorded.logs[1].llm?.tokens.total_tokens).toBe(15 * 12);
    expect(recorded.logs.every((entry) => entry.status === 'success')).toBe(true);
  });

  it('depends on the idea and the answers, and is deterministic', async () => {
    const run = async (idea: string, answer: string) => {
      const graph = buildGenerateGraph(aRecordedRun().run, new MemorySaver(), () =>
        Promise.resolve('v1.0'),
      );
      const answers = numberAnswers([{ lens: 'gtm', question: 'Channel?', answer }]);
      const out = await graph.invoke(
        { projectName: 'X', idea, uploadsText: '', answers },
        { configurable: { thread_id: 't' } },
      );
      return out.prd;
    };
    const a = await run(IDEA, 'Running clubs and coaches in London');
    expect(await run(IDEA, 'Running clubs and coaches in London')).toBe(a);
    expect(await run(IDEA, 'Paid ads on Strava')).not.toBe(a);
    expect(
      await run('An inventory tool for bakeries', 'Running clubs and coaches in London'),
    ).not.toBe(a);
  });
});
