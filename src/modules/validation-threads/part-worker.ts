// A worker thread of the threaded check (index.ts): checks one part of a file per message, on the
// part's bytes as the thread that read the file read them (transferred here, never read from the file
// by this thread), and sends those bytes' memory back with the result, for a later part.
import { parentPort, workerData } from 'node:worker_threads';
import { adoptSimdModule, checkFilePart } from '../validation/parts/index.ts';
import type { FilePartSetup } from '../validation/parts/index.ts';
import type { PartAnswer, PartMessage, PartWorkerData } from './index.ts';

const port = parentPort;
if (!port) throw new Error('part-worker.ts runs as a worker thread');
const data = workerData as PartWorkerData | undefined;
if (data?.simd instanceof WebAssembly.Module) adoptSimdModule(data.simd);
// The setup of the file whose parts come now: sent with a file's first part to this worker only.
let setup: FilePartSetup | undefined;
port.on('message', (job: PartMessage) => {
  if (job.setup) setup = job.setup;
  let answer: PartAnswer;
  try {
    if (!setup) throw new Error('part without a setup');
    const result = checkFilePart(setup, job.request, job.prefix, job.bytes, job.keys);
    answer = { result, bytes: job.bytes };
  } catch (error) {
    answer = { error: error instanceof Error ? error.message : String(error), bytes: job.bytes };
  }
  const transfer = [job.bytes.buffer as ArrayBuffer];
  if (answer.result) transfer.push(answer.result.keys.buffer as ArrayBuffer);
  const grouped = answer.result?.grouped;
  if (grouped)
    for (const a of [grouped.offsets, grouped.lo, grouped.hi]) transfer.push(a.buffer as ArrayBuffer);
  port.postMessage(answer, transfer);
});
