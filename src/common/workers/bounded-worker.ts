import { Worker } from 'node:worker_threads';
import { AppError } from '../errors';

export interface WorkerLimits {
  /** Wall-clock limit; the thread is terminated when it is reached, even mid-computation. */
  readonly timeoutMs: number;
  /** Heap of the thread: hostile input that needs more fails instead of starving the process. */
  readonly maxHeapMb: number;
}

type WorkerReply<T> = { readonly result: T } | { readonly error: string };

/**
 * Runs CommonJS `source` in a worker thread with `workerData`, so CPU-heavy work (parsing a
 * document, diffing two long texts) never blocks the event loop, and can be stopped for real.
 * The source is plain JavaScript given as a string (it needs no build step, under ts-jest too);
 * it answers with `parentPort.postMessage({ result })` or `({ error })`. Module paths it needs
 * are resolved by the caller and passed in `workerData`.
 */
export function runInWorker<T>(
  source: string,
  workerData: unknown,
  limits: WorkerLimits,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(source, {
      eval: true,
      workerData,
      resourceLimits: { maxOldGenerationSizeMb: limits.maxHeapMb },
    });
    let settled = false;
    const finish = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      outcome();
    };
    const timer = setTimeout(
      () => finish(() => reject(new Error(`timed out after ${limits.timeoutMs / 1000} s`))),
      limits.timeoutMs,
    );
    worker.once('message', (reply: WorkerReply<T>) =>
      finish(() => ('result' in reply ? resolve(reply.result) : reject(new Error(reply.error)))),
    );
    worker.once('error', (error) => finish(() => reject(error)));
    worker.once('exit', (code) => finish(() => reject(new Error(`worker stopped (exit ${code})`))));
  });
}

/**
 * At most `size` worker threads of one kind at a time in this process, with a bounded queue:
 * a burst of uploads waits its turn instead of starting a thread (and a heap) each, and past
 * the queue the caller gets a 503 to retry rather than holding its request's memory meanwhile.
 */
export class WorkerSlots {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    readonly size: number,
    readonly maxWaiting: number,
    private readonly busyMessage: string,
  ) {}

  get inUse(): number {
    return this.active;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  private acquire(): Promise<void> {
    if (this.active < this.size) {
      this.active += 1;
      return Promise.resolve();
    }
    if (this.waiting.length >= this.maxWaiting) {
      return Promise.reject(new AppError('SERVICE_UNAVAILABLE', this.busyMessage));
    }
    // The slot is handed over by release(), so `active` is unchanged in between.
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active -= 1;
  }
}
