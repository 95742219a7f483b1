import { AppError } from '../errors';
import { runInWorker, WorkerSlots } from './bounded-worker';

describe('runInWorker', () => {
  it('answers what the thread posts, and its errors', async () => {
    const source = `const { parentPort, workerData } = require('node:worker_threads');
      parentPort.postMessage(workerData.fail ? { error: 'no' } : { result: workerData.n * 2 });`;
    await expect(
      runInWorker(source, { n: 21 }, { timeoutMs: 10_000, maxHeapMb: 32 }),
    ).resolves.toBe(42);
    await expect(
      runInWorker(source, { fail: true }, { timeoutMs: 10_000, maxHeapMb: 32 }),
    ).rejects.toThrow('no');
  });

  it('stops a thread that runs past its time, even in a busy loop', async () => {
    await expect(runInWorker('for (;;) {}', {}, { timeoutMs: 300, maxHeapMb: 32 })).rejects.toThrow(
      'timed out after 0.3 s',
    );
  });

  it('stops a thread that outgrows its heap', async () => {
    const hog = 'const keep = []; for (;;) keep.push(new Array(1e5).fill({}));';
    await expect(runInWorker(hog, {}, { timeoutMs: 30_000, maxHeapMb: 16 })).rejects.toThrow();
  });
});

describe('WorkerSlots', () => {
  it('never runs more than its size at once, queues the rest in order, and refuses past the queue', async () => {
    const slots = new WorkerSlots(2, 3, 'busy');
    let running = 0;
    let highest = 0;
    const order: number[] = [];
    const releases: (() => void)[] = [];
    const task = (id: number) => () =>
      new Promise<number>((resolve) => {
        running += 1;
        highest = Math.max(highest, running);
        order.push(id);
        releases.push(() => {
          running -= 1;
          resolve(id);
        });
      });
    const accepted = [1, 2, 3, 4, 5].map((id) => slots.run(task(id)));
    await expect(slots.run(task(6))).rejects.toEqual(new AppError('SERVICE_UNAVAILABLE', 'busy'));
    while (releases.length > 0 || order.length < 5) {
      await new Promise((resolve) => setImmediate(resolve));
      releases.shift()?.();
    }
    await expect(Promise.all(accepted)).resolves.toEqual([1, 2, 3, 4, 5]);
    expect(highest).toBe(2);
    expect(order).toEqual([1, 2, 3, 4, 5]);
    expect(slots.inUse).toBe(0);
  });
});
