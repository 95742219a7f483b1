import { runInWorker, WorkerLimits } from '@/common/workers/bounded-worker';
import type { ZipEntry } from './zip-directory';

export interface DocxLimits extends WorkerLimits {
  /** Bytes the archive may really inflate to, all entries together. */
  readonly maxInflatedBytes: number;
}

// Runs in a worker thread. First every entry is inflated for real, counting the bytes that come
// out and stopping the inflater as soon as the total passes the limit (zlib's maxOutputLength),
// whatever sizes the archive declares; only then does mammoth read the document. The thread's
// time and heap limits stop whatever else a hostile document makes mammoth do.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { inflateRawSync } = require('node:zlib');
const mammoth = require(workerData.mammothPath);

function measureInflatedBytes(zip, entries, limit) {
  let total = 0;
  for (const entry of entries) {
    const at = entry.localHeaderOffset;
    if (at + 30 > zip.length || zip.readUInt32LE(at) !== 0x04034b50) throw new Error('not a readable zip archive');
    const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
    const data = zip.subarray(start, start + entry.compressedSize);
    const remaining = limit - total;
    if (entry.method === 0) total += data.length;
    else if (entry.method === 8) {
      try {
        total += inflateRawSync(data, { maxOutputLength: Math.max(1, remaining + 1) }).length;
      } catch (error) {
        if (error && error.code === 'ERR_BUFFER_TOO_LARGE') total = limit + 1;
        else throw new Error('a part of the document is not valid deflate data');
      }
    } else throw new Error('a part of the document uses an unsupported compression method');
    if (total > limit) throw new Error(workerData.tooLargeMessage);
  }
}

(async () => {
  try {
    const zip = Buffer.from(workerData.content.buffer, workerData.content.byteOffset, workerData.content.byteLength);
    measureInflatedBytes(zip, workerData.entries, workerData.maxInflatedBytes);
    const result = await mammoth.extractRawText({ buffer: zip });
    parentPort.postMessage({ result: result.value });
  } catch (error) {
    parentPort.postMessage({ error: String((error && error.message) || error) });
  }
})();
`;

/** The text of a .docx, read by mammoth in a worker thread after its real size is measured. */
export function docxText(
  content: Buffer,
  entries: readonly ZipEntry[],
  limits: DocxLimits,
): Promise<string> {
  const megabytes = Math.round(limits.maxInflatedBytes / (1024 * 1024));
  return runInWorker<string>(
    WORKER_SOURCE,
    {
      mammothPath: require.resolve('mammoth'),
      content: new Uint8Array(content),
      entries,
      maxInflatedBytes: limits.maxInflatedBytes,
      tooLargeMessage: `document expands to more than ${megabytes} MB`,
    },
    limits,
  );
}
