import type { RunnableConfig } from '@langchain/core/runnables';
import type { BaseCheckpointSaver } from '@langchain/langgraph';
import type { AgentRun } from './agent-run';

/** The two calls of a compiled LangGraph graph a run needs. */
export interface ResumableGraph<I, O> {
  getState(
    config: RunnableConfig,
  ): Promise<{ readonly next: readonly string[]; readonly values: unknown }>;
  invoke(input: I | null, config: RunnableConfig): Promise<O>;
}

/**
 * Runs a graph on a checkpointed thread. If the thread stopped half-way (the worker died, or
 * BullMQ is retrying the job), it resumes from the last finished node instead of redoing (and
 * re-paying for) the finished ones. A thread that already reached its end is not trusted for a
 * result: its last checkpoint may be missing writes the dead worker never stored (its state was
 * then empty, and the task completed with `{}` and no version). The caller has already looked for
 * the version the task saved, so such a thread is run again from the input; saving is keyed by
 * the task, so that never makes a second version. The thread is deleted afterwards: checkpoints
 * would otherwise pile up.
 */
export async function invokeOnThread<I, O>(
  graph: ResumableGraph<I, O>,
  threadId: string,
  input: I,
  checkpointer: BaseCheckpointSaver,
): Promise<O> {
  const config = { configurable: { thread_id: threadId } };
  const started = (await checkpointer.getTuple(config)) !== undefined;
  const state = await graph.getState(config);
  const resumable = started && state.next.length > 0;
  if (started && !resumable) await checkpointer.deleteThread(threadId);
  const out = await graph.invoke(resumable ? null : input, config);
  await checkpointer.deleteThread(threadId);
  return out;
}

/** The run's own agent_logs entry around `work`, success or error. */
export async function loggedRun<T>(
  run: AgentRun,
  input: Record<string, unknown>,
  work: () => Promise<T>,
  summarise: (result: T) => Record<string, unknown>,
): Promise<T> {
  try {
    const result = await work();
    await run.finish('success', input, { output: summarise(result) });
    return result;
  } catch (error) {
    await run.finish('error', input, { error });
    throw error;
  }
}
