import type { RunnableConfig } from '@langchain/core/runnables';
import type { BaseCheckpointSaver } from '@langchain/langgraph';
import type { AgentRun } from './agent-run';

/** The two calls of a compiled LangGraph graph a run needs. */
export interface ResumableGraph<I, O> {
  getState(config: RunnableConfig): Promise<{ readonly next: readonly string[] }>;
  invoke(input: I | null, config: RunnableConfig): Promise<O>;
}

/**
 * Runs a graph on a checkpointed thread. If the thread already stopped half-way (the worker
 * died, or BullMQ is retrying the job), it resumes from the last finished node instead of
 * redoing (and re-paying for) the finished ones. A completed thread is deleted: its result is
 * on the job and in the saved version, and checkpoints would otherwise pile up.
 */
export async function invokeOnThread<I, O>(
  graph: ResumableGraph<I, O>,
  threadId: string,
  input: I,
  checkpointer: BaseCheckpointSaver,
): Promise<O> {
  const config = { configurable: { thread_id: threadId } };
  const state = await graph.getState(config);
  const out = await graph.invoke(state.next.length > 0 ? null : input, config);
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
