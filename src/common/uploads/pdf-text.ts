import { Worker } from 'node:worker_threads';

export interface PdfLimits {
  readonly timeoutMs: number;
  /** Heap for the parser; a hostile PDF that needs more fails instead of starving the API. */
  readonly maxHeapMb: number;
}

// Runs in a worker thread: pdf.js is CPU-heavy (it would stall every request on the event loop),
// a thread can be stopped for real when it runs too long, and it gets its own heap limit. It is
// plain CommonJS given as source so it needs no build step; pdf-parse's path comes from the
// parent, resolved there.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { PDFParse } = require(workerData.pdfParsePath);
(async () => {
  const parser = new PDFParse({ data: workerData.content, verbosity: 0 });
  try {
    const result = await parser.getText({ pageJoiner: '' });
    parentPort.postMessage({ text: result.text });
  } catch (error) {
    parentPort.postMessage({ error: String((error && error.message) || error) });
  } finally {
    await parser.destroy().catch(() => undefined);
  }
})();
`;

type WorkerReply = { readonly text: string } | { readonly error: string };

/** The text of a PDF, read by pdf-parse (pdf.js) in a worker thread. */
export function pdfText(content: Buffer, limits: PdfLimits): Promise<string> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { pdfParsePath: require.resolve('pdf-parse'), content: new Uint8Array(content) },
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
    worker.once('message', (reply: WorkerReply) =>
      finish(() => ('text' in reply ? resolve(reply.text) : reject(new Error(reply.error)))),
    );
    worker.once('error', (error) => finish(() => reject(error)));
    worker.once('exit', (code) => finish(() => reject(new Error(`parser stopped (exit ${code})`))));
  });
}
