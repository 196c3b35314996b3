// A worker thread of the threaded check (index.ts): checks one part of a file on disk per message.
import { parentPort } from 'node:worker_threads';
import { readFileRange, type FileRangeSource } from '../../platform/files/file-byte-source.ts';
import { checkFilePart, type FilePartRequest, type FilePartSetup } from '../validation/parts/index.ts';

export interface PartJob {
  /** The file to read the part from (decrypted here when the store encrypted it). */
  range: FileRangeSource;
  setup: FilePartSetup;
  request: FilePartRequest;
}

const port = parentPort;
if (!port) throw new Error('part-worker.ts runs as a worker thread');
port.on('message', (job: PartJob) => {
  checkFilePart(job.setup, job.request, (start, end) => readFileRange(job.range, start, end)).then(
    (result) => port.postMessage({ result }, [result.keys.buffer as ArrayBuffer]),
    (error: unknown) => port.postMessage({ error: error instanceof Error ? error.message : String(error) }),
  );
});
