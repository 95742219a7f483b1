import type { DraftInput } from '@/llm/offline/offline-drafter';
import { readAgentData, stringField } from '../prompts/agent-prompt';

export const FLOWCHART_PURPOSE = 'flowchart';
export const FLOWCHART_REPAIR_PURPOSE = 'flowchart.repair';

interface Journey {
  readonly id: string;
  readonly title: string;
  readonly steps: string[];
}

/**
 * The main journeys as a flowchart: one subgraph per "### UJ-n" of the User Journeys section,
 * its numbered steps chained, every journey reachable from the start. Repairs are redrawn the
 * same way, from the journeys, which always yields a chart inside the checked subset.
 */
export function flowchartDrafter({ messages }: DraftInput): string {
  const data = readAgentData(messages);
  const journeys = readJourneys(stringField(data, 'journeys'));
  const audience = label(stringField(data, 'audience') || 'User');
  const lines = ['flowchart TD', `  Start(["${audience} arrives"])`];
  if (journeys.length === 0) {
    lines.push(`  Start --> Core["${label(stringField(data, 'product') || 'Core task')}"]`);
    lines.push('  Core --> Done(["Result"])');
    return lines.join('\n') + '\n';
  }
  for (const journey of journeys) {
    const node = journey.id.replace('-', '');
    lines.push(`  subgraph ${node} [${label(`${journey.id}: ${journey.title}`)}]`);
    const steps = journey.steps.length > 0 ? journey.steps : [journey.title];
    steps.forEach((step, index) => {
      const arrow = index === 0 ? '' : ` --> ${node}_${index + 1}`;
      if (index === 0) lines.push(`    ${node}_1["${label(step)}"]`);
      else lines.push(`    ${node}_${index}${arrow}["${label(step)}"]`);
    });
    lines.push('  end');
    lines.push(`  Start --> ${node}_1`);
  }
  return lines.join('\n') + '\n';
}

export function readJourneys(markdown: string): Journey[] {
  const journeys: Journey[] = [];
  for (const line of markdown.split('\n')) {
    const heading = /^#{2,4}\s*(UJ-\d+)\s*:?\s*(.*)$/.exec(line.trim());
    if (heading) {
      journeys.push({
        id: heading[1],
        title: heading[2].replace(/\s*\(from A-\d+\)/g, '').trim(),
        steps: [],
      });
      continue;
    }
    const step = /^\d+\.\s+(.+)$/.exec(line.trim());
    if (step && journeys.length > 0) {
      journeys[journeys.length - 1].steps.push(step[1].replace(/\[ASSUMPTION\]\s*/g, ''));
    }
  }
  return journeys.slice(0, 6);
}

/** Label text safe inside "quotes" and a [title]: no quotes, brackets or pipes, and short. */
function label(text: string): string {
  const clean = text
    .replace(/["[\]{}()|<>#;]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return (clean.length > 60 ? `${clean.slice(0, 57)}...` : clean) || 'Step';
}
