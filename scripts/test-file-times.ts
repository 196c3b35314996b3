// A second reporter for scripts/run-tests.ts: after the integration and browser tiers, the slowest
// test files with their wall time (a file runs in its own process: start-up, hooks and tests), so
// every run's output says where the suite's time goes. Node reports each file's end as a
// test:complete event named after the file.
import path from 'node:path';

interface Event {
  type: string;
  data?: { name?: string; file?: string; details?: { duration_ms?: number } };
}

const SHOWN = 15;

export default async function* fileTimes(source: AsyncIterable<Event>): AsyncGenerator<string> {
  const files: Array<{ file: string; seconds: number }> = [];
  for await (const event of source) {
    const { name, file, details } = event.data ?? {};
    if (
      event.type === 'test:complete' &&
      file &&
      name &&
      path.resolve(name) === path.resolve(file) &&
      details?.duration_ms !== undefined
    )
      files.push({ file: path.relative(process.cwd(), file), seconds: details.duration_ms / 1000 });
  }
  if (files.length < 2) return;
  files.sort((a, b) => b.seconds - a.seconds);
  const total = files.reduce((sum, f) => sum + f.seconds, 0);
  yield `\nDuur per testbestand, de ${Math.min(SHOWN, files.length)} langzaamste van ${files.length} (samen ${total.toFixed(0)} s):\n`;
  for (const f of files.slice(0, SHOWN)) yield `${f.seconds.toFixed(1).padStart(8)} s  ${f.file}\n`;
}
