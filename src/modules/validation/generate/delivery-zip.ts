// Bundles generated files into one ZIP as it goes (fflate's streaming Zip), so zipping a large
// delivery needs no more memory than writing it. Timestamps are fixed so the same seed gives the same bytes.
import { Zip, ZipDeflate } from 'fflate';

export interface ZipInput {
  name: string;
  chunks(): Iterable<Uint8Array>;
}

export function* zipDeliveryChunks(
  files: ZipInput[],
  modified: Date = new Date(Date.UTC(2018, 0, 15)),
): Generator<Uint8Array> {
  let ready: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, data) => {
    if (error) failure = error;
    else if (data.length > 0) ready.push(data);
  });
  const drain = function* (): Generator<Uint8Array> {
    if (failure) throw failure;
    const out = ready;
    ready = [];
    yield* out;
  };
  for (const file of files) {
    const entry = new ZipDeflate(file.name, { level: 6 });
    entry.mtime = modified;
    zip.add(entry);
    for (const chunk of file.chunks()) {
      entry.push(chunk);
      yield* drain();
    }
    entry.push(new Uint8Array(0), true);
    yield* drain();
  }
  zip.end();
  yield* drain();
}
