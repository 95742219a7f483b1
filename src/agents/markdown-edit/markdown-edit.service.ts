import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppError } from '@/common/errors';
import { buildMarkdownEditGraph } from '../graphs/markdown-edit.graph';
import { AgentRuns, NO_PROGRESS } from '../runs/agent-runs';
import { loggedRun } from '../runs/run-graph';
import { MarkdownEditDto, MarkdownEditResultDto } from './dto/markdown-edit.dto';

/**
 * Seed 001's AI markdown editing, answered synchronously: one short graph, logged in agent_logs
 * like every run (no project: the client sends the files).
 */
@Injectable()
export class MarkdownEditService {
  constructor(private readonly runs: AgentRuns) {}

  async edit(userId: string, dto: MarkdownEditDto): Promise<MarkdownEditResultDto> {
    const instruction =
      dto.instruction ?? dto.chat_history.filter((turn) => turn.role === 'user').at(-1)?.content;
    if (!instruction) {
      throw AppError.validation([
        { field: 'chat_history', message: 'chat_history needs a user turn (or send instruction)' },
      ]);
    }
    const run = this.runs.start(
      { agentType: 'markdown_edit_agent', executionId: randomUUID(), userId, projectId: null },
      NO_PROGRESS,
    );
    const out = await loggedRun(
      run,
      { turns: dto.chat_history.length, current_chars: dto.current_markdown.length },
      () =>
        buildMarkdownEditGraph(run).invoke({
          chatHistory: dto.chat_history.map(({ role, content }) => ({ role, content })),
          instruction,
          current: dto.current_markdown,
          original: dto.original_markdown,
        }),
      (result) => ({ changed: result.edited !== dto.current_markdown }),
    );
    return {
      edited_markdown: out.edited,
      diff: out.diff,
      too_different: out.tooDifferent,
      changed: out.edited !== dto.current_markdown,
      model_used: run.llm.runTally.totals.model_used ?? 'offline',
    };
  }
}
