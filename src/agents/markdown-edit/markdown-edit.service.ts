import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { LlmMessage } from '@/llm/llm.types';
import { buildMarkdownEditGraph } from '../graphs/markdown-edit.graph';
import { AgentRuns, NO_PROGRESS } from '../runs/agent-runs';
import { loggedRun } from '../runs/run-graph';

export interface MarkdownEditInput {
  /** Oldest first. */
  readonly chatHistory: readonly LlmMessage[];
  /** The request: the last user turn, unless the caller names another. */
  readonly instruction: string;
  /** The file as edited so far, and the original it may restore parts from. */
  readonly current: string;
  readonly original: string;
}

export interface MarkdownEdit {
  readonly edited: string;
  /** Unified diff from `current` to `edited`. */
  readonly diff: string;
  /** The files were too different to diff in time: `diff` replaces the whole middle. */
  readonly tooDifferent: boolean;
  readonly changed: boolean;
  readonly modelUsed: string;
}

/**
 * AI markdown editing, answered synchronously: one short graph, logged in agent_logs like every
 * run (no project: the caller sends the files).
 */
@Injectable()
export class MarkdownEditService {
  constructor(private readonly runs: AgentRuns) {}

  async edit(userId: string, input: MarkdownEditInput): Promise<MarkdownEdit> {
    const run = this.runs.start(
      { agentType: 'markdown_edit_agent', executionId: randomUUID(), userId, projectId: null },
      NO_PROGRESS,
    );
    const out = await loggedRun(
      run,
      { turns: input.chatHistory.length, current_chars: input.current.length },
      () =>
        buildMarkdownEditGraph(run).invoke({
          chatHistory: [...input.chatHistory],
          instruction: input.instruction,
          current: input.current,
          original: input.original,
        }),
      (result) => ({ changed: result.edited !== input.current }),
    );
    return {
      edited: out.edited,
      diff: out.diff,
      tooDifferent: out.tooDifferent,
      changed: out.edited !== input.current,
      modelUsed: run.llm.runTally.totals.model_used ?? 'offline',
    };
  }
}
