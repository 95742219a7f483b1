import { Injectable } from '@nestjs/common';
import { PromptBudget } from '@/llm/budget/prompt-budget.service';
import { ProjectAccess } from '@/projects/project-access';
import { UploadsService } from '@/projects/uploads/uploads.service';
import { VersionsService } from '@/projects/versions/versions.service';
import { DocumentResult, GenerateJob } from '@/jobs/agent-jobs';
import { numberAnswers } from '../answers';
import { DocumentCheckpointSaver } from '../checkpoints/document-checkpoint-saver';
import { runThreadId } from '../checkpoints/run-threads';
import { buildGenerateGraph, GenerateInput } from '../graphs/generate.graph';
import type { ProgressSink } from '@/workflows/agent-runs/job-progress';
import { AgentRuns } from '../runs/agent-runs';
import { invokeOnThread, loggedRun } from '../runs/run-graph';

/** Room for the uploads in each section prompt. */
const UPLOADS_BUDGET_TOKENS = 2_500;

/**
 * Runs the generate graph for a clarification round and saves its PRD and flowchart as the
 * project's next version (author: agent "generate").
 */
@Injectable()
export class GenerationService {
  constructor(
    private readonly access: ProjectAccess,
    private readonly uploads: UploadsService,
    private readonly versions: VersionsService,
    private readonly runs: AgentRuns,
    private readonly checkpointer: DocumentCheckpointSaver,
    private readonly budget: PromptBudget,
  ) {}

  async generate(
    job: GenerateJob,
    taskId: string,
    progress: ProgressSink,
  ): Promise<DocumentResult> {
    const run = this.runs.start(
      {
        agentType: 'generation_agent',
        executionId: taskId,
        userId: job.userId,
        projectId: job.projectId,
        sessionId: job.sessionId,
      },
      progress,
    );
    const inputSummary = { answers: job.answers.length };
    return loggedRun(
      run,
      inputSummary,
      async () => {
        const project = await this.access.active(job.userId, job.projectId);
        const answers = numberAnswers(job.answers);
        const uploads = await this.uploads.textFor(job.userId, job.projectId);
        // Long uploads: the parts most relevant to the idea and the answers, not the first pages.
        const query = [project.initial_idea, ...answers.map((answer) => answer.answer)].join('\n');
        const input: GenerateInput = {
          projectName: project.project_name,
          idea: project.initial_idea,
          uploadsText: uploads
            ? this.budget.selectContext(uploads, query, UPLOADS_BUDGET_TOKENS)
            : '',
          answers,
        };
        const graph = buildGenerateGraph(run, this.checkpointer, async (document) => {
          const saved = await this.versions.save(job.userId, job.projectId, {
            prdContent: document.prd,
            flowchartContent: document.flowchart,
            changes: document.changes,
            author: { kind: 'agent', id: 'generate' },
            thinkingLensStatus: document.lensStatus,
          });
          return saved.version;
        });
        const out = await invokeOnThread(
          graph,
          runThreadId('generate', taskId),
          input,
          this.checkpointer,
        );
        await run.report('Completed', 100);
        return {
          prd_content: out.prd,
          flowchart_content: out.flowchart,
          thinking_lens_status: out.lensStatus,
          version: out.version,
          changes: out.changes,
        };
      },
      (result) => ({ version: result.version, thinking_lens_status: result.thinking_lens_status }),
    );
  }
}
