import { Annotation, END, START, StateGraph } from '@langchain/langgraph';
import { lineDiff } from '@/common/diff/line-diff';
import type { LlmMessage } from '@/llm/llm.types';
import { MARKDOWN_EDIT_PURPOSE } from '../offline/markdown-edit.drafter';
import { agentMessages } from '../prompts/agent-prompt';
import type { AgentRun } from '../runs/agent-run';

const MarkdownEditState = Annotation.Root({
  chatHistory: Annotation<LlmMessage[]>(),
  instruction: Annotation<string>(),
  current: Annotation<string>(),
  original: Annotation<string>(),
  edited: Annotation<string>(),
  diff: Annotation<string>(),
  tooDifferent: Annotation<boolean>(),
});

export type MarkdownEditInput = Pick<
  typeof MarkdownEditState.State,
  'chatHistory' | 'instruction' | 'current' | 'original'
>;

const INSTRUCTIONS =
  'You edit a markdown document as the conversation asks. You get the chat history, the ' +
  'document as currently edited and the original it started from (to restore parts of). Change ' +
  'only what the latest request asks for and keep everything else byte for byte. Reply with the ' +
  'whole edited document and nothing else.';

/** markdown edit: chat + current file + original → the edited file → its diff. */
export function buildMarkdownEditGraph(run: AgentRun) {
  type State = typeof MarkdownEditState.State;

  const edit = run.node(
    'edit',
    { label: 'Editing markdown', percent: 20 },
    async (state: State) => {
      const text = await run.llm.complete(
        MARKDOWN_EDIT_PURPOSE,
        agentMessages(INSTRUCTIONS, 'Apply the latest request to the current document.', {
          chat_history: state.chatHistory,
          instruction: state.instruction,
          current_markdown: state.current,
          original_markdown: state.original,
        }),
      );
      // Models like to fence a whole document; the fence is not part of it.
      const edited = text.replace(/^```(?:markdown|md)?\s*\n([\s\S]*?)\n?```\s*$/i, '$1');
      return { edited: edited.trim() === '' ? state.current : edited };
    },
    (update) => ({ edited_chars: update.edited.length }),
  );

  // Bounded: a rewrite too different to diff in time gets the whole-middle patch.
  const compare = run.node('compare', { label: 'Comparing', percent: 90 }, async (state: State) => {
    const result = await lineDiff({
      oldName: 'current.md',
      newName: 'edited.md',
      oldText: state.current,
      newText: state.edited,
    });
    return { diff: result.diff, tooDifferent: result.too_different };
  });

  return new StateGraph(MarkdownEditState)
    .addNode('edit', edit)
    .addNode('compare', compare)
    .addEdge(START, 'edit')
    .addEdge('edit', 'compare')
    .addEdge('compare', END)
    .compile();
}
