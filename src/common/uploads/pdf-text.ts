import { runInWorker, WorkerLimits } from '@/common/workers/bounded-worker';

export type PdfLimits = WorkerLimits;

// Runs in a worker thread: pdf.js is CPU-heavy (it would stall every request on the event loop),
// a thread can be stopped for real when it runs too long, and it gets its own heap limit.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { PDFParse } = require(workerData.pdfParsePath);
(async () => {
  const parser = new PDFParse({ data: workerData.content, verbosity: 0 });
  try {
    const result = await parser.getText({ pageJoiner: '' });
    parentPort.postMessage({ result: result.text });
  } catch (error) {
    parentPort.postMessage({ error: String((error && error.message) || error) });
  } finally {
    await parser.destroy().catch(() => undefined);
  }
})();
`;

/** The text of a PDF, read by pdf-parse (pdf.js) in a worker thread. */
export function pdfText(content: Buffer, limits: PdfLimits): Promise<string> {
  return runInWorker<string>(
    WORKER_SOURCE,
    { pdfParsePath: require.resolve('pdf-parse'), content: new Uint8Array(content) },
    limits,
  );
}
