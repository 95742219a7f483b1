import { AppError } from '@/common/errors';
import type { AgentLlm } from '../runs/agent-llm';
import { agentMessages } from '../prompts/agent-prompt';
import { FLOWCHART_PURPOSE, FLOWCHART_REPAIR_PURPOSE } from '../offline/flowchart.drafter';
import { checkFlowchart, FlowchartProblem } from '@/domain/flowchart/flowchart-parser';

/** How many times the model may repair its chart before the run gives up. */
export const MAX_FLOWCHART_REPAIRS = 2;

const INSTRUCTIONS =
  'You draw Mermaid flowcharts of product user journeys. Use only: a "flowchart TD" header, ' +
  'node ids made of letters, digits and underscores, labels in double quotes inside [] () or {}, ' +
  'arrows --> with optional |plain label|, and subgraph <id> [Title] ... end. Reply with the ' +
  'chart only, no code fence, no prose.';

/** The chart stayed invalid after every repair: the run fails rather than save it broken. */
export class FlowchartRejected extends AppError {
  constructor(readonly problems: readonly FlowchartProblem[]) {
    super(
      'INTERNAL_ERROR',
      `The flowchart could not be repaired: ${problems
        .slice(0, 3)
        .map((problem) => `line ${problem.line}: ${problem.message}`)
        .join('; ')}`,
    );
  }
}

export interface FlowchartInput {
  readonly journeys: string;
  readonly product: string;
  readonly audience: string;
}

export interface AuthoredFlowchart {
  readonly chart: string;
  readonly repairs: number;
}

/**
 * Draws the journeys' flowchart, checks it with the parser, and hands the model its own chart
 * with the parser's problems until it is valid (at most MAX_FLOWCHART_REPAIRS times).
 */
export async function authorFlowchart(
  llm: AgentLlm,
  input: FlowchartInput,
): Promise<AuthoredFlowchart> {
  let chart = unfence(
    await llm.complete(
      FLOWCHART_PURPOSE,
      agentMessages(INSTRUCTIONS, 'Draw the flowchart of these user journeys.', { ...input }),
    ),
  );
  for (let repairs = 0; ; repairs += 1) {
    const check = checkFlowchart(chart);
    if (check.ok) return { chart, repairs };
    if (repairs >= MAX_FLOWCHART_REPAIRS) throw new FlowchartRejected(check.problems);
    chart = unfence(
      await llm.complete(
        FLOWCHART_REPAIR_PURPOSE,
        agentMessages(
          INSTRUCTIONS,
          'This flowchart does not parse. Fix every problem listed and reply with the whole chart.',
          { ...input, chart, problems: check.problems },
        ),
      ),
    );
  }
}

function unfence(text: string): string {
  const trimmed = text.trim().replace(/^```(?:mermaid)?\s*\n([\s\S]*?)\n?```$/i, '$1');
  return `${trimmed.trim()}\n`;
}
