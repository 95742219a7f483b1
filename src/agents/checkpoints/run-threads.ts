/** The graphs that run on a checkpointed thread; a thread is named by the graph and the task. */
export const THREADED_RUNS = ['generate', 'iterate'] as const;
export type ThreadedRun = (typeof THREADED_RUNS)[number];

/** The one place a run's thread id is spelled: the task id is also the run's execution_id. */
export function runThreadId(run: ThreadedRun, taskId: string): string {
  return `${run}:${taskId}`;
}

/** Every thread a task could have left behind, whichever graph it ran. */
export function threadIdsOfTasks(taskIds: readonly string[]): string[] {
  return taskIds.flatMap((taskId) => THREADED_RUNS.map((run) => runThreadId(run, taskId)));
}
