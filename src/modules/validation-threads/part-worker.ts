// A worker thread of the threaded check (index.ts): checks one part of a file on disk per message.
import { parentPort } from 'node:worker_threads';
import { checkPartOfFile, type PartJob } from './part-read.ts';

const port = parentPort;
if (!port) throw new Error('part-worker.ts runs as a worker thread');
port.on('message', (job: PartJob) => {
  checkPartOfFile(job).then(
    (result) => port.postMessage({ result }, [result.keys.buffer as ArrayBuffer]),
    (error: unknown) => port.postMessage({ error: error instanceof Error ? error.message : String(error) }),
  );
});
