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
 * Runs a graph on a checkpointed thread. If the thread already stopped half-way (the worker
 * died, or BullMQ is retrying the job), it resumes from the last finished node instead of
 * redoing (and re-paying for) the finished ones; if it already finished (the job failed after
 * the graph), its final state is returned and nothing runs twice, so a version is never saved
 * twice. The thread is deleted afterwards: checkpoints would otherwise pile up.
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
  const out =
    started && state.next.length === 0
      ? // The graph's own final state, as invoke() would have returned it.
        (state.values as O)
      : await graph.invoke(state.next.length > 0 ? null : input, config);
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
