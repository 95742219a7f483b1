import type { DraftInput } from '@/llm/offline/offline-drafter';
import { agentMessages } from '../prompts/agent-prompt';
import { iterateRouteDrafter, iterateSectionDrafter } from './iterate.drafter';
import { markdownEditDrafter } from './markdown-edit.drafter';

function input(data: Record<string, unknown>, json = false): DraftInput {
  return { messages: agentMessages('sys', 'task', data), purpose: 'x', json, maxTokens: undefined };
}

const DOC = '# Plan\n\n## Goals\n\n- Ship it\n\n## Risks\n\n- Late\n';

describe('offline edit drafters', () => {
  it.each([
    [
      'rename "goals" to "Objectives"',
      '# Plan\n\n## Objectives\n\n- Ship it\n\n## Risks\n\n- Late\n',
    ],
    ['Delete the Risks section', '# Plan\n\n## Goals\n\n- Ship it\n'],
    [
      'Add faster onboarding to the goals',
      '# Plan\n\n## Goals\n\n- Ship it\n- Faster onboarding to the goals\n\n## Risks\n\n- Late\n',
    ],
    [
      'Make it sparkle',
      '# Plan\n\n## Goals\n\n- Ship it\n\n## Risks\n\n- Late\n\n## Notes\n\n- Make it sparkle\n',
    ],
  ])('markdown edit: %s', (request, expected) => {
    const edited = markdownEditDrafter(
      input({
        chat_history: [{ role: 'user', content: request }],
        current_markdown: DOC,
        original_markdown: DOC,
      }),
    );
    expect(edited).toBe(expected);
  });

  it('markdown edit: "undo everything" goes back to the original', () => {
    expect(
      markdownEditDrafter(
        input({
          chat_history: [],
          instruction: 'Revert everything',
          current_markdown: '# x',
          original_markdown: DOC,
        }),
      ),
    ).toBe(DOC);
  });

  it('iterate: routes by what the request is about, requirements by default', () => {
    const sections = [
      { id: 'user_journeys' },
      { id: 'success_metrics' },
      { id: 'functional_requirements' },
    ];
    const route = (message: string) =>
      JSON.parse(iterateRouteDrafter(input({ message, sections }, true))) as { sections: string[] };
    expect(route('Track retention as a metric').sections).toEqual(['success_metrics']);
    expect(route('Add an onboarding journey').sections).toEqual([
      'user_journeys',
      'functional_requirements',
    ]);
    expect(route('Make it better').sections).toEqual(['functional_requirements']);
  });

  it('iterate: numbers a new requirement after the last one and keeps the rest', () => {
    const body = '### FR-1 (P0): A\n\n### FR-7 (P1): B';
    const rewritten = iterateSectionDrafter(
      input({ section: { id: 'functional_requirements' }, body, message: 'Support refunds' }),
    );
    expect(rewritten.startsWith(body)).toBe(true);
    expect(rewritten).toContain('### FR-8 (P1): Support refunds (requested in iteration)');
  });
});
