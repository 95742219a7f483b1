import { Annotation, END, START, StateGraph } from '@langchain/langgraph';
import { emptyCheckpoint } from '@langchain/langgraph-checkpoint';
import { DocumentCheckpointSaver } from '@/agents/checkpoints/document-checkpoint-saver';
import { invokeOnThread } from '@/agents/runs/run-graph';
import { createTestApp, TestApp } from '@test/support/create-test-app';
import { uniqueSuffix } from '@test/support/factories';

const Counting = Annotation.Root({
  trail: Annotation<string[]>({ reducer: (a, b) => [...a, ...b], default: () => [] }),
});

describe('DocumentCheckpointSaver: graph state in the document store (FerretDB)', () => {
  let testApp: TestApp;
  let saver: DocumentCheckpointSaver;

  beforeAll(async () => {
    testApp = await createTestApp();
    saver = testApp.app.get(DocumentCheckpointSaver);
  });
  afterAll(() => testApp.close());

  /** first → flaky → last; `flaky` fails while `failures` lasts. Counts how often each ran. */
  function aGraph(failures: { left: number }, runs: Record<string, number>) {
    const node = (name: string) => () => {
      runs[name] = (runs[name] ?? 0) + 1;
      if (name === 'flaky' && failures.left-- > 0) throw new Error('worker died');
      return Promise.resolve({ trail: [name] });
    };
    return new StateGraph(Counting)
      .addNode('first', node('first'))
      .addNode('flaky', node('flaky'))
      .addNode('last', node('last'))
      .addEdge(START, 'first')
      .addEdge('first', 'flaky')
      .addEdge('flaky', 'last')
      .addEdge('last', END)
      .compile({ checkpointer: saver });
  }

  it('resumes a thread that stopped half-way from its last finished node', async () => {
    const thread = `test:${uniqueSuffix()}`;
    const runs: Record<string, number> = {};
    const failures = { left: 1 };
    await expect(
      invokeOnThread(aGraph(failures, runs), thread, { trail: [] }, saver),
    ).rejects.toThrow('worker died');
    const saved = await saver.getTuple({ configurable: { thread_id: thread } });
    expect(saved?.checkpoint.channel_values).toMatchObject({ trail: ['first'] });
    expect(
      [...(await collect(saver.list({ configurable: { thread_id: thread } })))].length,
    ).toBeGreaterThan(1);

    // A new process (a fresh graph object) on the same thread: `first` is not run again.
    const out = await invokeOnThread(aGraph(failures, runs), thread, { trail: [] }, saver);
    expect(out.trail).toEqual(['first', 'flaky', 'last']);
    expect(runs).toEqual({ first: 1, flaky: 2, last: 1 });
    // Completed threads are removed.
    expect(await saver.getTuple({ configurable: { thread_id: thread } })).toBeUndefined();
  });

  it('runs a finished thread again from its input rather than trusting its final state', async () => {
    const thread = `test:${uniqueSuffix()}`;
    const runs: Record<string, number> = {};
    // Finished, but the caller died before it could clear the thread (a retried job).
    await aGraph({ left: 0 }, runs).invoke({ trail: [] }, { configurable: { thread_id: thread } });
    const out = await invokeOnThread(aGraph({ left: 0 }, runs), thread, { trail: [] }, saver);
    expect(out.trail).toEqual(['first', 'flaky', 'last']);
    expect(runs).toEqual({ first: 2, flaky: 2, last: 2 });
  });

  it('never answers the empty state of a thread whose dead worker stored a checkpoint but not its writes', async () => {
    const thread = `test:${uniqueSuffix()}`;
    const runs: Record<string, number> = {};
    // The input checkpoint without the input's writes: nothing left to run, and no values.
    await saver.put(
      { configurable: { thread_id: thread, checkpoint_ns: '' } },
      emptyCheckpoint(),
      { source: 'input', step: -1, parents: {} },
      {},
    );
    const out = await invokeOnThread(aGraph({ left: 0 }, runs), thread, { trail: [] }, saver);
    expect(out.trail).toEqual(['first', 'flaky', 'last']);
    expect(runs).toEqual({ first: 1, flaky: 1, last: 1 });
  });

  it('starts fresh on a new thread and keeps threads apart', async () => {
    const runs: Record<string, number> = {};
    const a = await invokeOnThread(
      aGraph({ left: 0 }, runs),
      `test:${uniqueSuffix()}`,
      { trail: [] },
      saver,
    );
    const b = await invokeOnThread(
      aGraph({ left: 0 }, runs),
      `test:${uniqueSuffix()}`,
      { trail: [] },
      saver,
    );
    expect(a.trail).toEqual(['first', 'flaky', 'last']);
    expect(b.trail).toEqual(a.trail);
    expect(runs).toEqual({ first: 2, flaky: 2, last: 2 });
  });
});

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}
