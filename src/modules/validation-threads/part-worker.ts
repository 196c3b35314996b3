// A worker thread of the threaded check (index.ts): checks one part of a file per message, on the
// part's bytes as the thread that read the file read them (transferred here, never read from the file
// by this thread), and sends those bytes' memory back with the result, for a later part.
import { parentPort, workerData } from 'node:worker_threads';
import { adoptSimdModule, checkFilePart } from '../validation/parts/index.ts';
import type { PartAnswer, PartJob, PartWorkerData } from './index.ts';

const port = parentPort;
if (!port) throw new Error('part-worker.ts runs as a worker thread');
const data = workerData as PartWorkerData | undefined;
if (data?.simd instanceof WebAssembly.Module) adoptSimdModule(data.simd);
port.on('message', (job: PartJob) => {
  let answer: PartAnswer;
  try {
    const result = checkFilePart(job.setup, job.request, job.prefix, job.bytes, job.keys);
    answer = { result, bytes: job.bytes };
  } catch (error) {
    answer = { error: error instanceof Error ? error.message : String(error), bytes: job.bytes };
  }
  const transfer = [job.bytes.buffer as ArrayBuffer];
  if (answer.result) transfer.push(answer.result.keys.buffer as ArrayBuffer);
  port.postMessage(answer, transfer);
});
